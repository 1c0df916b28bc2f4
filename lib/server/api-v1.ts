import "server-only";
import { claimEtag, parseIfMatch } from "@/lib/domain/etag";
import { AppError, notFound } from "@/lib/domain/errors";
import {
  apiAddEvidenceBodySchema,
  apiClaimIdParamsSchema,
  apiClaimListQuerySchema,
  apiImportArticleBodySchema,
  apiProposeVerdictBodySchema,
  MAX_ARTICLE_BODY_BYTES,
  MAX_JSON_BODY_BYTES,
} from "@/lib/validation/api";
import { getApiClaim, getApiClaimTag, listClaimsPage, toApiEvidence } from "./api-claims";
import { jsonResponse, queryObject, readJsonBody } from "./api-request";
import { importArticle } from "./articles";
import { proposeVerdictStep } from "./claim/propose-verdict";
import { addEvidenceAndArchiveStep } from "./evidence-archive/archive-evidence";
import { parseIdempotencyKey, withIdempotencyKey } from "./idempotency";
import type { Actor } from "./permissions";

/**
 * The REST API's endpoints (app/api/v1 route handlers call these): each parses its input with the
 * UI's zod schemas, runs the same use case as the UI, and answers JSON.
 */

/** The request's `Idempotency-Key` header (optional; 8–200 visible ASCII characters), see lib/server/idempotency.ts. */
function idempotencyKeyOf(request: Request): string | undefined {
  return parseIdempotencyKey(request.headers.get("idempotency-key"));
}

/** An id that cannot be a claim's is simply a claim that does not exist. */
function parseClaimId(raw: string): string {
  const parsed = apiClaimIdParamsSchema.safeParse({ claimId: raw });
  if (!parsed.success) throw notFound();
  return parsed.data.claimId;
}

/** POST /articles — imports an article (editors); 201 when new, 200 when the same text exists already. */
export async function importArticleFromRequest(actor: Actor, request: Request): Promise<Response> {
  const key = idempotencyKeyOf(request);
  const body = await readJsonBody(request, MAX_ARTICLE_BODY_BYTES);
  const input = apiImportArticleBodySchema.parse(body);
  const result = await withIdempotencyKey(actor.id, key, "api.importArticle", body, () => importArticle(actor, input));
  return jsonResponse({ data: result }, { status: result.created ? 201 : 200 });
}

/** GET /claims — one page of the claims the actor may see, filtered like the claims page. */
export async function listClaimsFromRequest(actor: Actor, request: Request): Promise<Response> {
  const query = apiClaimListQuerySchema.parse(queryObject(request));
  return jsonResponse(await listClaimsPage(actor, query));
}

/** GET /claims/{claimId} — the claim with evidence and verdicts; ETag = its version. */
export async function getClaimFromRequest(actor: Actor, rawClaimId: string): Promise<Response> {
  const claim = await getApiClaim(actor, parseClaimId(rawClaimId));
  return jsonResponse({ data: claim }, { etag: claim.etag });
}

/**
 * POST /claims/{claimId}/evidence — the assigned reviewer attaches a source (it overwrites nothing, so
 * no If-Match); the answer carries its archive state (ARCHIVED, or FAILED with the reason).
 */
export async function addEvidenceFromRequest(actor: Actor, request: Request, rawClaimId: string): Promise<Response> {
  const claimId = parseClaimId(rawClaimId);
  const key = idempotencyKeyOf(request);
  const raw = await readJsonBody(request, MAX_JSON_BODY_BYTES);
  const body = apiAddEvidenceBodySchema.parse(raw);
  // The same add-then-archive step as the claim page: the evidence is saved in its own transaction,
  // then its URL is fetched and archived outside any transaction (a replayed key archives only once).
  // The new status and ETag are as the step left the claim: the response reads nothing more.
  const { evidence, claim } = await withIdempotencyKey(actor.id, key, "api.addEvidence", { claimId, raw }, () => addEvidenceAndArchiveStep(actor, { ...body, claimId }));
  return jsonResponse(
    {
      data: toApiEvidence({ ...evidence, addedBy: { id: actor.id, name: actor.name } }),
      claim: { id: claim.id, status: claim.status, version: claim.version, etag: claimEtag(claim.version) },
    },
    { status: 201 },
  );
}

async function preconditionFailed(actor: Actor, claimId: string): Promise<AppError> {
  const current = await getApiClaim(actor, claimId);
  return new AppError(
    "PRECONDITION_FAILED",
    `This claim changed since you read it (its ETag is now ${current.etag}). Nothing was saved; "current" holds its current state.`,
    { current },
  );
}

/**
 * POST /claims/{claimId}/verdict — the assigned reviewer proposes a verdict. If-Match must carry the
 * claim's ETag: missing → 428; one that is not the current version → 412 with the current state.
 */
export async function proposeVerdictFromRequest(actor: Actor, request: Request, rawClaimId: string): Promise<Response> {
  const ifMatch = parseIfMatch(request.headers.get("if-match"));
  if (ifMatch.kind !== "tags") {
    throw new AppError(
      "PRECONDITION_REQUIRED",
      ifMatch.kind === "wildcard"
        ? "If-Match: * is not accepted here; send the claim's ETag from GET /api/v1/claims/{claimId}."
        : "Send If-Match with the claim's ETag (from GET /api/v1/claims/{claimId}) so nobody's work is overwritten.",
    );
  }
  const claimId = parseClaimId(rawClaimId);
  const key = idempotencyKeyOf(request);
  const raw = await readJsonBody(request, MAX_JSON_BODY_BYTES);
  const body = apiProposeVerdictBodySchema.parse(raw);
  let expectedVersion = ifMatch.versions[0];
  if (ifMatch.versions.length > 1) {
    // A list matches when any of its tags is the current one (RFC 9110); the write below re-checks.
    const { version } = await getApiClaimTag(actor, claimId);
    if (ifMatch.versions.includes(version)) expectedVersion = version;
  }
  if (expectedVersion === undefined) throw await preconditionFailed(actor, claimId);
  let written: Awaited<ReturnType<typeof proposeVerdictStep>>;
  try {
    const input = { ...body, claimId, expectedVersion };
    // The fingerprint leaves out If-Match: a retry carries the ETag read before the first attempt.
    written = await withIdempotencyKey(actor.id, key, "api.proposeVerdict", { claimId, raw }, () => proposeVerdictStep(actor, input));
  } catch (error) {
    if (error instanceof AppError && error.code === "CONFLICT") throw await preconditionFailed(actor, claimId);
    throw error;
  }
  // The body is the claim as the API shows it (its article's metadata, evidence, verdicts: never the
  // article's text nor the history); the ETag is the version the step wrote.
  const claim = await getApiClaim(actor, claimId, { scale: written.scale });
  return jsonResponse({ data: claim }, { status: 200, etag: claimEtag(written.claim.version) });
}
