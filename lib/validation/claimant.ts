import { z } from "zod";
import { idSchema, versionSchema } from "./common";

/** The kinds of claimant, as schema.org types them in ClaimReview's itemReviewed.author. */
export const CLAIMANT_KINDS = ["PERSON", "ORGANIZATION"] as const;

/**
 * An editor sets or clears a claim's claimant (who made the claim, not the outlet). An empty name
 * clears it; a name needs a kind. The version is the one the editor saw (a stale form is a conflict).
 */
export const setClaimantSchema = z
  .object({
    claimId: idSchema,
    expectedVersion: versionSchema,
    claimant: z
      .string()
      .trim()
      .max(200, "The claimant must be at most 200 characters.")
      .optional()
      .transform((v) => (v ? v.replace(/\s+/g, " ") : null)),
    claimantKind: z.preprocess((v) => (v === "" ? undefined : v), z.enum(CLAIMANT_KINDS, { error: "Choose a person or an organization." }).optional()),
  })
  .strict()
  .refine((v) => v.claimant === null || v.claimantKind !== undefined, { message: "Choose a person or an organization.", path: ["claimantKind"] });
export type SetClaimantInput = z.infer<typeof setClaimantSchema>;

