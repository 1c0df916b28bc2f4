import { z } from "zod";
import { LISTED_STATUSES } from "@/lib/domain/claim-status";
import { decodeClaimListCursor } from "@/lib/domain/claim-cursor";
import { DEFAULT_DUE_WITHIN_DAYS, DUE_FILTERS, MAX_DUE_WITHIN_DAYS } from "@/lib/domain/due-dates";
import { PRIORITIES } from "@/lib/domain/verdict-scale";
import { cursorSchema, emptyToUndefined, idSchema, markdownText, optionalDateSchema, parseSearchParams, requiredText, storableString, versionSchema } from "./common";

const assigneeSchema = idSchema.or(z.literal("").transform(() => null));
const prioritySchema = z.enum(PRIORITIES, { error: "Choose a priority." }).default("NORMAL");

export const assignClaimSchema = z
  .object({
    claimId: idSchema,
    assigneeId: assigneeSchema,
    /** Blind double review: a second reviewer, "" for none (single review); absent keeps the current one. */
    secondReviewerId: assigneeSchema.optional(),
    priority: prioritySchema,
    dueAt: optionalDateSchema,
    expectedVersion: versionSchema,
  })
  .strict();
export type AssignClaimInput = z.infer<typeof assignClaimSchema>;

/** The most claims one bulk assignment may change. */
export const MAX_BULK_CLAIMS = 500;

/**
 * The claims of a bulk action with the version each was seen at, as the list form sends them:
 * "claimId@version,claimId@version".
 */
export const claimRefsSchema = z
  .string({ error: "Select at least one claim." })
  .transform((s) => s.split(",").map((part) => part.trim()).filter(Boolean))
  .pipe(
    z
      .array(
        z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,64}@\d{1,10}$/, "Invalid claim selection.")
          .transform((ref) => {
            const [claimId, version] = ref.split("@") as [string, string];
            return { claimId, expectedVersion: Number(version) };
          })
          .pipe(z.object({ claimId: idSchema, expectedVersion: z.number().int().min(1, "Invalid version.").max(2_147_483_647, "Invalid version.") })),
      )
      .min(1, "Select at least one claim.")
      .max(MAX_BULK_CLAIMS, `Select at most ${MAX_BULK_CLAIMS} claims at once.`)
      .refine((refs) => new Set(refs.map((r) => r.claimId)).size === refs.length, "A claim was selected twice."),
  );

/** A bulk action never unassigns by default: "none" unassigns, an empty choice is refused. */
const bulkAssigneeSchema = z
  .string({ error: "Choose whom to assign the claims to, or unassign them." })
  .trim()
  .min(1, "Choose whom to assign the claims to, or unassign them.")
  .transform((v) => (v === "none" ? null : v))
  .pipe(idSchema.nullable());

export const bulkAssignClaimsSchema = z
  .object({
    claims: claimRefsSchema,
    assigneeId: bulkAssigneeSchema,
    priority: prioritySchema,
    dueAt: optionalDateSchema,
  })
  .strict();
export type BulkAssignClaimsInput = z.infer<typeof bulkAssignClaimsSchema>;

export const claimVersionSchema = z.object({ claimId: idSchema, expectedVersion: versionSchema }).strict();
export type ClaimVersionInput = z.infer<typeof claimVersionSchema>;

/** Approving: in a blind double review the editor picks one of the two proposed verdicts. */
export const approveVerdictSchema = z
  .object({ claimId: idSchema, expectedVersion: versionSchema, verdictId: idSchema.optional() })
  .strict();
export type ApproveVerdictInput = z.infer<typeof approveVerdictSchema>;

export const returnVerdictSchema = z
  .object({ claimId: idSchema, expectedVersion: versionSchema, reason: requiredText("A reason", 2000, { multiline: true }) })
  .strict();
export type ReturnVerdictInput = z.infer<typeof returnVerdictSchema>;

export const reopenClaimSchema = z
  .object({ claimId: idSchema, expectedVersion: versionSchema, reason: requiredText("A reason", 2000, { multiline: true }) })
  .strict();
export type ReopenClaimInput = z.infer<typeof reopenClaimSchema>;

export const proposeVerdictSchema = z
  .object({
    claimId: idSchema,
    expectedVersion: versionSchema,
    rating: storableString("Verdict", { error: "Choose a verdict." }).trim().min(1, "Choose a verdict.").max(40, "Choose a verdict."),
    rationale: markdownText("Rationale", 10_000),
  })
  .strict();
export type ProposeVerdictInput = z.infer<typeof proposeVerdictSchema>;

/**
 * Why a search given more than once (`?q=a&q=b`) is refused, on the claims page (the search is dropped
 * and named) and by GET /api/v1/claims (400): neither value is more the search than the other.
 */
export const REPEATED_SEARCH_MESSAGE = "Give the search (q) once: it was given more than once.";
/** URL parameters a claim list refuses when repeated (parseSearchParams' `once`). */
const SINGLE_VALUE_PARAMS = ["q"] as const;

/**
 * The claim list's filters, as URL search parameters (bookmarkable) or API query parameters. Every
 * value is checked against a closed set or a strict pattern; the text search is plain words
 * (lib/domain/search-text.ts). Unknown parameters are ignored (pagination and others may sit beside).
 */
export const claimListFilterSchema = z
  .object({
    status: z.preprocess(emptyToUndefined, z.enum(LISTED_STATUSES as [string, ...string[]], { error: "Unknown status." }).optional()),
    articleId: z.preprocess(emptyToUndefined, idSchema.optional()),
    assigneeId: z.preprocess(emptyToUndefined, z.union([idSchema, z.literal("none")]).optional()),
    /** A key of the verdict scale, or "none" for claims without a current verdict. */
    verdict: z
      .preprocess(emptyToUndefined, z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "Unknown verdict.").optional())
      .meta({ description: "The rating key of the claim's current verdict (proposed, approved or published), or `none` for claims without one." }),
    due: z
      .preprocess(emptyToUndefined, z.enum(DUE_FILTERS, { error: "Unknown due filter." }).optional())
      .meta({ description: "`overdue`: past the due date and not finished; `within`: due in the next `dueWithinDays` days (default 7, 0 = today); `none`: no due date." }),
    dueWithinDays: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "Enter a number of days." })
        .int("Enter a whole number of days.")
        .min(0, "Enter 0 or more days.")
        .max(MAX_DUE_WITHIN_DAYS, `Enter at most ${MAX_DUE_WITHIN_DAYS} days.`)
        .optional(),
    ),
    priority: z.preprocess(emptyToUndefined, z.enum(PRIORITIES, { error: "Unknown priority." }).optional()),
    q: z
      .preprocess(emptyToUndefined, storableString("Search", { error: REPEATED_SEARCH_MESSAGE }).trim().max(200, "Search at most 200 characters.").optional())
      .meta({ description: "Full-text search over the claim's text and claimant, best matches first: words must all occur (case-insensitive), `\"a phrase\"` in order, `-word` excludes, `wor*` matches a prefix; any other character separates words (never a syntax error)." }),
    claimant: z
      .preprocess(emptyToUndefined, z.string().trim().max(200, "Search at most 200 characters.").optional())
      .meta({ description: "Words that must all occur in the claim's claimant (who made the claim), case-insensitive." }),
  })
  .strip();
export type ClaimListFilter = z.infer<typeof claimListFilterSchema>;
export { DEFAULT_DUE_WITHIN_DAYS };

/** The page sizes the claims page offers (its "Rows a page" choice, URL parameter `perPage`). */
export const CLAIM_PAGE_SIZES = [25, 50, 100, 200] as const;
export type ClaimPageSize = (typeof CLAIM_PAGE_SIZES)[number];
/** The claims page's size when the URL names none. */
export const DEFAULT_CLAIM_PAGE_SIZE: ClaimPageSize = 200;

/**
 * The claims page's `perPage` URL parameter: one of CLAIM_PAGE_SIZES as text ("25" … "200"), parsed to
 * the number; empty or missing gives undefined (the default size). Anything else fails.
 */
export const claimPageSizeSchema = z.preprocess(
  emptyToUndefined,
  z
    .enum(CLAIM_PAGE_SIZES.map(String) as [string, ...string[]], { error: `Choose ${CLAIM_PAGE_SIZES.join(", ")} rows a page.` })
    .transform((v) => Number(v) as ClaimPageSize)
    .optional(),
);

/** The claim list's filters from URL parameters; bad parameters are dropped and named. */
export const parseClaimListFilter = (params: Record<string, string | string[] | undefined>) => parseSearchParams(claimListFilterSchema, params, SINGLE_VALUE_PARAMS);

/** The claims page's URL: the filters plus `after`, the cursor of the row the page continues after. */
export const claimListPageSchema = claimListFilterSchema
  .extend({ after: z.preprocess(emptyToUndefined, cursorSchema(decodeClaimListCursor).optional()) })
  .strip();

/**
 * The claims page's filters and cursor from URL parameters. Bad parameters are dropped and named, a
 * malformed or foreign cursor too (the page then starts at the first page).
 */
export function parseClaimListPage(params: Record<string, string | string[] | undefined>) {
  const { filter: parsed, ignored, reasons } = parseSearchParams(claimListPageSchema, params, SINGLE_VALUE_PARAMS);
  const { after, ...filter } = parsed;
  return { filter: filter satisfies ClaimListFilter, after, ignored, reasons };
}

export const takeClaimSchema = claimVersionSchema;
export type TakeClaimInput = ClaimVersionInput;

/** The pool page's filter (URL parameters). */
export const poolFilterSchema = z.object({ articleId: z.preprocess(emptyToUndefined, idSchema.optional()) }).strip();
