import { z } from "zod";
import { PRIORITIES } from "@/lib/domain/verdict-scale";
import { idSchema, optionalDateSchema, requiredText, versionSchema } from "./common";

export const assignClaimSchema = z
  .object({
    claimId: idSchema,
    assigneeId: idSchema.or(z.literal("").transform(() => null)),
    /** Blind double review: a second reviewer, "" for none (single review); absent keeps the current one. */
    secondReviewerId: idSchema.or(z.literal("").transform(() => null)).optional(),
    priority: z.enum(PRIORITIES, { error: "Choose a priority." }).default("NORMAL"),
    dueAt: optionalDateSchema,
    expectedVersion: versionSchema,
  })
  .strict();
export type AssignClaimInput = z.infer<typeof assignClaimSchema>;

export const claimVersionSchema = z.object({ claimId: idSchema, expectedVersion: versionSchema }).strict();
export type ClaimVersionInput = z.infer<typeof claimVersionSchema>;

/** Approving: in a blind double review the editor picks one of the two proposed verdicts. */
export const approveVerdictSchema = z
  .object({ claimId: idSchema, expectedVersion: versionSchema, verdictId: idSchema.optional() })
  .strict();
export type ApproveVerdictInput = z.infer<typeof approveVerdictSchema>;

export const returnVerdictSchema = z
  .object({ claimId: idSchema, expectedVersion: versionSchema, reason: requiredText("A reason", 2000) })
  .strict();
export type ReturnVerdictInput = z.infer<typeof returnVerdictSchema>;

export const proposeVerdictSchema = z
  .object({
    claimId: idSchema,
    expectedVersion: versionSchema,
    rating: z.string({ error: "Choose a verdict." }).trim().min(1, "Choose a verdict.").max(40, "Choose a verdict."),
    rationale: requiredText("Rationale", 10_000),
  })
  .strict();
export type ProposeVerdictInput = z.infer<typeof proposeVerdictSchema>;

export const claimListFilterSchema = z
  .object({
    status: z.string().max(20).optional(),
    articleId: idSchema.optional(),
    assigneeId: z.union([idSchema, z.literal("none")]).optional(),
  })
  .strip();
export type ClaimListFilter = z.infer<typeof claimListFilterSchema>;
