/**
 * Every method on every JSON API route (and the health check) answers with the API's security headers,
 * also the methods a route does not serve: Next answers those itself (405, and 204 with Allow for
 * OPTIONS) unless the route exports them, and the proxy that used to add the headers skips these paths.
 * The route modules are run through Next's own method table (autoImplementMethods), as `next start` does.
 */
import { autoImplementMethods } from "next/dist/server/route-modules/app-route/helpers/auto-implement-methods";
import { afterEach, describe, expect, it } from "vitest";
import * as catchAll from "@/app/api/v1/[...path]/route";
import * as articles from "@/app/api/v1/articles/route";
import * as evidenceFile from "@/app/api/v1/claims/[claimId]/evidence/[evidenceId]/file/route";
import * as evidence from "@/app/api/v1/claims/[claimId]/evidence/route";
import * as claim from "@/app/api/v1/claims/[claimId]/route";
import * as verdict from "@/app/api/v1/claims/[claimId]/verdict/route";
import * as claims from "@/app/api/v1/claims/route";
import * as openApi from "@/app/api/v1/openapi.json/route";
import * as reports from "@/app/api/v1/reports/route";
import * as health from "@/app/api/health/route";
import { API_CONTENT_SECURITY_POLICY } from "@/lib/domain/security-headers";

const ROUTES = { catchAll, articles, evidenceFile, evidence, claim, verdict, claims, openApi, reports, health } as const;
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const params = { params: Promise.resolve({ path: ["x"], claimId: "c", evidenceId: "e" }) };

type Handler = (request: Request, context: typeof params) => Response | Promise<Response>;

describe("API security headers on every method", () => {
  const hsts = process.env.HSTS;
  afterEach(() => {
    if (hsts === undefined) delete process.env.HSTS;
    else process.env.HSTS = hsts;
  });

  for (const [name, module] of Object.entries(ROUTES)) {
    it(`${name}: CSP that allows nothing and HSTS over HTTPS, served methods or not`, async () => {
      process.env.HSTS = "auto";
      const table = autoImplementMethods(module as unknown as Record<string, Handler>) as unknown as Record<string, Handler>;
      for (const method of METHODS) {
        const request = new Request("http://127.0.0.1/api/v1/claims", { method, headers: { "x-forwarded-proto": "https" } });
        const response = await table[method]!(request, params);
        expect(response.headers.get("content-security-policy"), `${name} ${method} ${response.status}`).toBe(API_CONTENT_SECURITY_POLICY);
        expect(response.headers.get("strict-transport-security"), `${name} ${method} ${response.status}`).toMatch(/^max-age=\d+/);
        if (response.status === 405) expect(response.headers.get("allow"), `${name} ${method}`).toBeTruthy();
        await response.body?.cancel();
      }
    });
  }
});
