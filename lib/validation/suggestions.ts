import { z } from "zod";
import { MAX_ARTICLE_BYTES } from "./article-size";
import { idSchema, storableString, versionSchema } from "./common";

/** Bulk accept/reject: claim ids arrive as a comma-separated list from the form's checkboxes. */
export const suggestionBatchSchema = z
  .object({
    articleId: idSchema,
    decision: z.enum(["accept", "reject", "restore"], { error: "Choose accept or reject." }),
    claimIds: z
      .string({ error: "Select at least one suggestion." })
      .transform((s) => s.split(",").map((id) => id.trim()).filter(Boolean))
      .pipe(z.array(idSchema).min(1, "Select at least one suggestion.").max(500, "Select at most 500 suggestions at once.")),
  })
  .strict();
export type SuggestionBatchInput = z.infer<typeof suggestionBatchSchema>;

/** A code-point offset into an article: at most its length, which is at most MAX_ARTICLE_BYTES (a code point takes at least one byte). */
const offsetSchema = z.coerce.number({ error: "Select a passage of the article." }).int().min(0).max(MAX_ARTICLE_BYTES);

export const createClaimFromSelectionSchema = z
  .object({
    articleId: idSchema,
    start: offsetSchema,
    end: offsetSchema,
    text: storableString("Claim wording")
      .trim()
      .max(2000, "Claim wording must be at most 2,000 characters.")
      .optional()
      .transform((v) => (v ? v : undefined)),
    // The passage as the editor saw it selected: the server refuses offsets whose text differs (white
    // space aside) instead of anchoring the claim to another passage.
    quote: z.string({ error: "Select the passage again: the form did not say which text was selected." }).max(16_000, "Select at most 2,000 characters."),
  })
  .strict()
  .refine((v) => v.end > v.start, { message: "Select a passage of the article.", path: ["start"] })
  .refine((v) => v.end - v.start <= 2000, { message: "Select at most 2,000 characters.", path: ["start"] });
export type CreateClaimFromSelectionInput = z.infer<typeof createClaimFromSelectionSchema>;

/** Confirm or split a cross-article match; the cluster id is the value the editor saw (compare-and-set). */
export const matchDecisionSchema = z.object({ claimId: idSchema, clusterId: idSchema }).strict();
export type MatchDecisionInput = z.infer<typeof matchDecisionSchema>;

export const rewordClaimSchema = z
  .object({
    claimId: idSchema,
    expectedVersion: versionSchema,
    text: storableString("Claim wording", { error: "Claim wording is required." })
      .trim()
      .min(1, "Claim wording is required.")
      .max(2000, "Claim wording must be at most 2,000 characters."),
  })
  .strict();
export type RewordClaimInput = z.infer<typeof rewordClaimSchema>;
