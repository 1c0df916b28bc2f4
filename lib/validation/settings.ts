import { z } from "zod";
import { httpUrlSchema, requiredText } from "./common";

/** The setting's version the admin saw (0 = the setting was never saved). */
export const expectedSettingVersion = z.coerce
  .number({ error: "Missing version." })
  .int("Invalid version.")
  .min(0, "Invalid version.")
  .max(2_147_483_647, "Invalid version.");

/** Opening or closing the reviewer pool (admins). */
export const reviewerPoolSettingSchema = z
  .object({
    enabled: z.enum(["true", "false"], { error: "Choose open or closed." }).transform((v) => v === "true"),
    expectedVersion: expectedSettingVersion,
  })
  .strict();
export type ReviewerPoolSettingInput = z.infer<typeof reviewerPoolSettingSchema>;

/** The fact-checking desk as reports name it (the ClaimReview author). */
export const deskSettingsSchema = z
  .object({
    name: requiredText("Desk name", 120),
    url: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(httpUrlSchema.optional()),
    expectedVersion: expectedSettingVersion,
  })
  .strict();
export type DeskSettingsInput = z.output<typeof deskSettingsSchema>;

/** The roles that must use two-factor sign-in (admins): one checkbox per role. */
export const mfaRequiredRolesSchema = z
  .object({
    ADMIN: z.literal("on").optional(),
    EDITOR: z.literal("on").optional(),
    REVIEWER: z.literal("on").optional(),
    expectedVersion: expectedSettingVersion,
  })
  .strict()
  .transform(({ expectedVersion, ...roles }) => ({
    expectedVersion,
    roles: (["ADMIN", "EDITOR", "REVIEWER"] as const).filter((role) => roles[role] === "on"),
  }));
export type MfaRequiredRolesInput = z.infer<typeof mfaRequiredRolesSchema>;

/** One rating of the verdict scale as the admin's editor sends it; without `key` it is a new rating. */
export const scaleRatingSchema = z
  .object({
    expectedVersion: expectedSettingVersion,
    key: z.string().trim().min(1).max(64).regex(/^[A-Z0-9_]+$/, "Invalid rating.").optional(),
    label: requiredText("Label", 60),
    color: z.string({ error: "Enter a colour such as #1a7f37." }).trim().min(1, "Enter a colour such as #1a7f37.").max(40, "Enter a colour such as #1a7f37."),
    ratingValue: z
      .enum(["", "1", "2", "3", "4", "5"], { error: "The ClaimReview value is 1 to 5, or none." })
      .transform((v) => (v === "" ? null : Number(v))),
    requiresEvidence: z.literal("on").optional().transform((v) => v === "on"),
  })
  .strict();
export type ScaleRatingInput = z.output<typeof scaleRatingSchema>;

/** A step on one rating: reorder, retire, restore or delete it. */
export const scaleStepSchema = z
  .object({
    expectedVersion: expectedSettingVersion,
    key: z.string().trim().min(1).max(64).regex(/^[A-Z0-9_]+$/, "Invalid rating."),
    step: z.enum(["up", "down", "retire", "restore", "delete"], { error: "Unknown step." }),
  })
  .strict();
export type ScaleStepInput = z.output<typeof scaleStepSchema>;
