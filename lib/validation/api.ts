/**
 * The REST API's inputs and outputs (/api/v1). Inputs are the UI's own schemas (lib/validation),
 * minus what the server takes from the URL or the If-Match header; the claim list adds a cursor and
 * a page size to the UI's filter. Outputs are described here too, so the OpenAPI document
 * (lib/validation/openapi.ts) is generated from the same zod schemas the handlers use.
 */
import { z } from "zod";
import { CLAIM_STATUSES } from "@/lib/domain/claim-status";
import { decodeClaimCursor } from "@/lib/domain/claim-cursor";
import { APP_ERROR_CODES } from "@/lib/domain/errors";
import { EVIDENCE_STANCES, PRIORITIES, VERDICT_STATES } from "@/lib/domain/verdict-scale";
import { ARCHIVE_STATUSES } from "@/lib/domain/evidence-file";
import { importArticleSchema } from "./articles";
import { claimListFilterSchema, proposeVerdictSchema } from "./claims";
import { cursorSchema, idSchema } from "./common";
import { CLAIMANT_KINDS } from "./claimant";
import { addEvidenceSchema } from "./evidence";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** Body size caps, checked while reading the stream, before any parsing. */
export const MAX_ARTICLE_BODY_BYTES = 8 * 1024 * 1024; // 2 MB of UTF-8 text (MAX_ARTICLE_BYTES) plus JSON escaping and the other fields
export const MAX_JSON_BODY_BYTES = 64 * 1024;

const PAGE_SIZE_MESSAGE = `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.`;

export const pageSizeSchema = z.coerce
  .number({ error: PAGE_SIZE_MESSAGE })
  .int(PAGE_SIZE_MESSAGE)
  .min(1, PAGE_SIZE_MESSAGE)
  .max(MAX_PAGE_SIZE, PAGE_SIZE_MESSAGE)
  .default(DEFAULT_PAGE_SIZE)
  .meta({ description: `Page size, 1–${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` });

export const claimCursorSchema = cursorSchema(decodeClaimCursor).meta({
  description: "The `nextCursor` of the previous page; omit it for the first page. Opaque.",
});

/** GET /claims: the claim list's filters (shared with the UI) plus cursor and page size. */
export const apiClaimListQuerySchema = claimListFilterSchema
  .extend({ cursor: claimCursorSchema.optional(), limit: pageSizeSchema })
  .strict();
export type ApiClaimListQuery = z.infer<typeof apiClaimListQuerySchema>;

export const apiClaimIdParamsSchema = z.object({ claimId: idSchema }).strict();

/** POST /articles: the import form's schema as it is. */
export const apiImportArticleBodySchema = importArticleSchema;
/** POST /claims/{claimId}/evidence: the evidence form's schema; the claim comes from the URL. */
export const apiAddEvidenceBodySchema = addEvidenceSchema.omit({ claimId: true });
/** POST /claims/{claimId}/verdict: the verdict form's schema; claim from the URL, version from If-Match. */
export const apiProposeVerdictBodySchema = proposeVerdictSchema.omit({ claimId: true, expectedVersion: true });

// ---------------------------------------------------------------------------------------------
// Responses

const isoDate = z.iso.datetime();
const userRefSchema = z.object({ id: z.string(), name: z.string() });

export const apiClaimSummarySchema = z.object({
  id: z.string(),
  text: z.string(),
  status: z.string().meta({ description: `Workflow status: ${CLAIM_STATUSES.join(", ")}.` }),
  priority: z.string().meta({ description: `${PRIORITIES.join(", ")}.` }),
  kind: z.string(),
  checkworthiness: z.number(),
  dueAt: isoDate.nullable(),
  version: z.int(),
  etag: z.string().meta({ description: "The claim's ETag (its version); send it in If-Match when proposing a verdict." }),
  createdAt: isoDate,
  updatedAt: isoDate,
  article: z.object({ id: z.string(), title: z.string(), outlet: z.string() }),
  assignee: userRefSchema.nullable(),
  claimant: z.string().nullable().meta({ description: "Who made the claim, as an editor set it (null: not set). ClaimReview's itemReviewed.author." }),
  claimantKind: z.enum(CLAIMANT_KINDS).nullable().meta({ description: "PERSON or ORGANIZATION (schema.org type of the claimant); null when no claimant is set." }),
}).meta({ id: "ClaimSummary" });
export type ApiClaimSummary = z.infer<typeof apiClaimSummarySchema>;

export const apiEvidenceSchema = z.object({
  id: z.string(),
  url: z.string().nullable().meta({ description: "The source's web address; null for a file with no URL (see `file`)." }),
  title: z.string(),
  publisher: z.string(),
  quote: z.string(),
  stance: z.enum(EVIDENCE_STANCES),
  addedBy: userRefSchema,
  createdAt: isoDate,
  version: z.int().meta({ description: "The evidence's version; send it as ?version= when attaching a file." }),
  archive: z.object({
    status: z.enum(["PENDING", ...ARCHIVE_STATUSES]).meta({
      description: "PENDING (not tried yet), ARCHIVED, FAILED (`error` says why; the evidence is kept), CHANGED or GONE (found by the scheduled recheck).",
    }),
    error: z.string().nullable(),
    archivedAt: isoDate.nullable().meta({ description: "When the source was fetched and stored." }),
    sha256: z.string().nullable().meta({ description: "SHA-256 (hex) of the archived response body." }),
    recheckedAt: isoDate.nullable(),
  }).meta({ description: "The archived copy of the evidence's URL, fetched by the server when the evidence is added (outside the request's transaction)." }),
  file: z.object({
    sha256: z.string().meta({ description: "SHA-256 (hex) of the file's bytes." }),
    size: z.int().meta({ description: "Bytes." }),
    type: z.string().meta({ description: "MIME type detected from the content." }),
    name: z.string().meta({ description: "The uploaded name, sanitised." }),
  }).nullable().meta({ description: "A file attached as evidence (POST /claims/{claimId}/evidence/{evidenceId}/file), or null." }),
}).meta({ id: "Evidence" });
export type ApiEvidence = z.infer<typeof apiEvidenceSchema>;

export const apiVerdictSchema = z.object({
  id: z.string(),
  rating: z.string(),
  label: z.string().nullable(),
  rationale: z.string().meta({ description: "Markdown." }),
  state: z.enum(VERDICT_STATES),
  proposedBy: userRefSchema,
  approvedBy: userRefSchema.nullable(),
  approvedAt: isoDate.nullable(),
  returnReason: z.string().nullable(),
  createdAt: isoDate,
}).meta({ id: "Verdict" });
export type ApiVerdict = z.infer<typeof apiVerdictSchema>;

export const apiClaimSchema = apiClaimSummarySchema.extend({
  article: z.object({
    id: z.string(),
    title: z.string(),
    outlet: z.string(),
    author: z.string().nullable(),
    url: z.string().nullable(),
    publishedAt: isoDate.nullable(),
  }),
  start: z.int().meta({ description: "Span start in the article snapshot, in Unicode code points." }),
  end: z.int(),
  quote: z.string(),
  prefix: z.string(),
  suffix: z.string(),
  reasons: z.array(z.string()),
  origin: z.string(),
  clusterId: z.string().nullable(),
  evidence: z.array(apiEvidenceSchema),
  verdicts: z.array(apiVerdictSchema).meta({ description: "Newest first; earlier verdicts are kept." }),
}).meta({ id: "Claim" });
export type ApiClaim = z.infer<typeof apiClaimSchema>;

export const apiClaimPageSchema = z.object({
  data: z.array(apiClaimSummarySchema),
  nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
  searchCapped: z.boolean().optional().meta({
    description: "Only with `q`: true when more claims matched than the search reads (its 1,000 newest matches, ranked); older matches are missing from these pages: narrow the search.",
  }),
}).meta({ id: "ClaimPage" });
export type ApiClaimPage = z.infer<typeof apiClaimPageSchema>;

export const apiClaimResponseSchema = z.object({ data: apiClaimSchema }).meta({ id: "ClaimResponse" });

export const apiEvidenceFileResponseSchema = z.object({
  data: z.object({
    sha256: z.string(),
    size: z.int().meta({ description: "Bytes." }),
    type: z.string().meta({ description: "MIME type detected from the content (magic bytes)." }),
    name: z.string().meta({ description: "The uploaded name, sanitised (the type's extension added when missing)." }),
    evidenceVersion: z.int().meta({ description: "The evidence's new version." }),
  }),
}).meta({ id: "EvidenceFileResponse" });

export const apiEvidenceFileParamsSchema = z.object({ claimId: idSchema, evidenceId: idSchema }).strict();
export const apiEvidenceFileQuerySchema = z.object({
  version: z.int().min(1).meta({ description: "The evidence's version as last read (a change in between answers 409)." }),
  filename: z.string().optional().meta({ description: "The file's name (kept sanitised; never used to judge the type). The X-File-Name header (percent-encoded) works too." }),
});

export const apiEvidenceResponseSchema = z.object({
  data: apiEvidenceSchema,
  claim: z.object({ id: z.string(), status: z.string(), version: z.int(), etag: z.string() }),
}).meta({ id: "EvidenceResponse" });

export const apiImportArticleResponseSchema = z.object({
  data: z.object({
    id: z.string(),
    created: z.boolean().meta({ description: "false when the same text was imported before (that article is returned)." }),
  }),
}).meta({ id: "ImportArticleResponse" });

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum([...APP_ERROR_CODES, "INTERNAL"]),
    message: z.string().meta({ description: "Safe to show to a person." }),
    fields: z.record(z.string(), z.array(z.string())).optional().meta({ description: "Messages per input field or parameter." }),
    current: apiClaimSchema.optional().meta({ description: "On 412: the claim's current state (its etag included)." }),
  }),
}).meta({ id: "Error" });
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;
