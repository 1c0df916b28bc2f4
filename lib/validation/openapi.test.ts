import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { createSchema } from "zod-openapi";
import { APP_ERROR_CODES } from "@/lib/domain/errors";
import { REPORT_FORMATS } from "@/lib/domain/report/format-info";
import { EVIDENCE_STANCES } from "@/lib/domain/verdict-scale";
import {
  apiAddEvidenceBodySchema,
  apiImportArticleBodySchema,
  apiProposeVerdictBodySchema,
  MAX_PAGE_SIZE,
} from "./api";
import { importArticleSchema } from "./articles";
import { claimListFilterSchema, proposeVerdictSchema } from "./claims";
import { addEvidenceSchema } from "./evidence";
import { buildOpenApiDocument, OPENAPI_REQUEST_BODIES } from "./openapi";
import { reportQuerySchema } from "./reports";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const doc = buildOpenApiDocument() as Json;
const API_ROOT = path.join(import.meta.dirname, "../../app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

/** Every route.ts under app/api/v1 as an OpenAPI path ([claimId] → {claimId}) with its exported methods. */
function routeHandlers(): { path: string; methods: string[]; file: string }[] {
  const out: { path: string; methods: string[]; file: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      // The catch-all […path] only answers unknown paths with the documented JSON 404 (issue 12).
      if (entry.isDirectory()) {
        if (!entry.name.startsWith("[...")) walk(full);
      }
      else if (/^route\.(ts|tsx|js)$/.test(entry.name)) {
        const rel = path.relative(API_ROOT, dir).split(path.sep).filter(Boolean);
        const apiPath = `/${rel.map((s) => s.replace(/^\[(\w+)\]$/, "{$1}")).join("/")}`;
        const source = readFileSync(full, "utf8");
        const methods = METHODS.filter((m) => new RegExp(`export\\s+(?:async\\s+function|const|function)\\s+${m}\\b`).test(source));
        out.push({ path: apiPath, methods, file: path.relative(process.cwd(), full) });
      }
    }
  };
  walk(API_ROOT);
  return out;
}

function operations(): { path: string; method: string; op: Json }[] {
  return Object.entries(doc.paths as Json).flatMap(([p, item]) =>
    Object.entries(item as Json)
      .filter(([m]) => METHODS.includes(m.toUpperCase() as (typeof METHODS)[number]))
      .map(([method, op]) => ({ path: p, method, op: op as Json })),
  );
}

function resolve(schema: Json): Json {
  const ref = schema.$ref as string | undefined;
  return ref ? (doc.components.schemas[ref.replace("#/components/schemas/", "")] as Json) : schema;
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toMatch(/^3\.1\./);
  });

  it("documents every route handler under app/api/v1, and nothing else", () => {
    const routes = routeHandlers();
    expect(routes.length).toBeGreaterThanOrEqual(6);
    for (const route of routes) {
      expect(route.methods.length, `${route.file} exports a handler`).toBeGreaterThan(0);
      for (const method of route.methods) {
        expect(doc.paths[route.path]?.[method.toLowerCase()], `${method} ${route.path} (${route.file}) is in the document`).toBeDefined();
      }
    }
    for (const { path: p, method } of operations()) {
      const route = routes.find((r) => r.path === p);
      expect(route?.methods, `${method.toUpperCase()} ${p} has a route handler`).toContain(method.toUpperCase());
    }
  });

  it("requires the bearer token everywhere but on itself, and documents the shared error shape", () => {
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    const error = doc.components.schemas.Error as Json;
    expect(error.required).toEqual(["error"]);
    expect(error.properties.error.required).toEqual(["code", "message"]);
    expect(Object.keys(error.properties.error.properties)).toEqual(["code", "message", "fields", "current"]);
    expect(error.properties.error.properties.code.enum).toEqual([...APP_ERROR_CODES, "INTERNAL"]);
    for (const { path: p, method, op } of operations()) {
      if (p === "/openapi.json") {
        expect(op.security).toEqual([]);
        continue;
      }
      for (const status of ["400", "401", "429"].filter((s) => s !== "400" || method !== "get" || p === "/claims" || p === "/reports")) {
        expect(op.responses[status]?.content["application/json"].schema, `${method} ${p} ${status}`).toEqual({ $ref: "#/components/schemas/Error" });
      }
      expect(op.responses["429"].headers["Retry-After"]).toBeDefined();
    }
  });

  it("is generated from the live zod schemas the endpoints parse with", () => {
    // The very schema objects, not copies…
    expect(OPENAPI_REQUEST_BODIES.importArticle).toBe(apiImportArticleBodySchema);
    expect(OPENAPI_REQUEST_BODIES.addEvidence).toBe(apiAddEvidenceBodySchema);
    expect(OPENAPI_REQUEST_BODIES.proposeVerdict).toBe(apiProposeVerdictBodySchema);
    expect(apiImportArticleBodySchema).toBe(importArticleSchema);
    // …rendered by the generator, and following the UI's schemas field by field.
    const bodies: [string, string, Json, string[]][] = [
      ["/articles", "importArticle", apiImportArticleBodySchema, Object.keys(importArticleSchema.shape)],
      ["/claims/{claimId}/evidence", "addEvidence", apiAddEvidenceBodySchema, Object.keys(addEvidenceSchema.shape).filter((k) => k !== "claimId")],
      [
        "/claims/{claimId}/verdict",
        "proposeVerdict",
        apiProposeVerdictBodySchema,
        Object.keys(proposeVerdictSchema.shape).filter((k) => k !== "claimId" && k !== "expectedVersion"),
      ],
    ];
    for (const [p, operationId, schema, keys] of bodies) {
      const op = doc.paths[p].post as Json;
      expect(op.operationId).toBe(operationId);
      const documented = op.requestBody.content["application/json"].schema as Json;
      expect(documented).toEqual(createSchema(schema as never, { io: "input" }).schema);
      expect(Object.keys(documented.properties).sort()).toEqual([...keys].sort());
      expect(documented.additionalProperties, `${p} refuses unknown keys`).toBe(false);
    }
    const evidence = doc.paths["/claims/{claimId}/evidence"].post.requestBody.content["application/json"].schema as Json;
    expect(evidence.properties.stance.enum).toEqual([...EVIDENCE_STANCES]);

    // The list's query parameters: every filter of the claims page, plus cursor and limit.
    const params = (doc.paths["/claims"].get.parameters as Json[]).map((p) => [p.in, p.name]);
    expect(params.sort()).toEqual([...Object.keys(claimListFilterSchema.shape), "cursor", "limit"].map((n) => ["query", n]).sort());
    const limit = (doc.paths["/claims"].get.parameters as Json[]).find((p) => p.name === "limit")!;
    expect(limit.schema).toMatchObject({ type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 });

    // The report's query parameters: the claim list's filters, the date range, work in progress and the format.
    const reportParams = (doc.paths["/reports"].get.parameters as Json[]).map((p) => [p.in, p.name]);
    expect(reportParams.sort()).toEqual(Object.keys(reportQuerySchema.shape).map((n) => ["query", n]).sort());
    expect(Object.keys(reportQuerySchema.shape)).toEqual(expect.arrayContaining([...Object.keys(claimListFilterSchema.shape), "format", "from", "to", "includeWip"]));
    const format = (doc.paths["/reports"].get.parameters as Json[]).find((p) => p.name === "format")!;
    expect(format).toMatchObject({ required: true, schema: { enum: [...REPORT_FORMATS] } });

    const verdictParams = (doc.paths["/claims/{claimId}/verdict"].post.parameters as Json[]).map((p) => [p.in, p.name, p.required]);
    expect(verdictParams).toEqual([
      ["path", "claimId", true],
      ["header", "If-Match", true],
    ]);
    const claim = resolve(doc.paths["/claims/{claimId}"].get.responses["200"].content["application/json"].schema);
    expect(resolve(claim.properties.data).properties.etag).toBeDefined();
  });
});
