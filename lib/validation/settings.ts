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
