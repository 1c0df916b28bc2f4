import { z } from "zod";
import { markdownTooComplex } from "@/lib/domain/markdown-limits";
import { PUBLIC_MAX_PAGE } from "@/lib/domain/public-fact-check";
import { httpUrlSchema, idSchema, lineBreaksAsLf, requiredText, versionSchema } from "./common";
import { expectedSettingVersion } from "./settings";

/** The public site's settings (admins): base URL for ClaimReview `url`s, reviewer names, corrections policy. */
export const publicSiteSettingsSchema = z
  .object({
    baseUrl: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v.replace(/\/+$/, "") : undefined))
      .pipe(httpUrlSchema.optional()),
    showReviewerNames: z
      .enum(["on"], { error: "Invalid choice." })
      .optional()
      .transform((v) => v === "on"),
    correctionsPolicy: z
      .string()
      .overwrite(lineBreaksAsLf)
      .trim()
      .max(20_000, "The corrections policy must be at most 20,000 characters.")
      .superRefine((value, ctx) => {
        const tooComplex = markdownTooComplex(value, "The corrections policy");
        if (tooComplex) ctx.addIssue({ code: "custom", message: tooComplex, input: value });
      })
      .optional()
      .transform((v) => v ?? ""),
    expectedVersion: expectedSettingVersion,
  })
  .strict();
export type PublicSiteSettingsInput = z.output<typeof publicSiteSettingsSchema>;

/** An editor retracts (unpublishes) a published fact-check; the reason is shown publicly. */
export const retractClaimSchema = z
  .object({
    claimId: idSchema,
    expectedVersion: versionSchema,
    reason: requiredText("A reason", 2000, { multiline: true }),
  })
  .strict();
export type RetractClaimInput = z.infer<typeof retractClaimSchema>;

/** The public index's query: page number and verdict filter (unknown keys are ignored, never an error page). */
export const publicIndexQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(PUBLIC_MAX_PAGE).catch(1).default(1),
  verdict: z.string().trim().max(40).optional().catch(undefined),
  claimant: z.string().trim().max(200).optional().catch(undefined),
});
export type PublicIndexQuery = z.output<typeof publicIndexQuerySchema>;
