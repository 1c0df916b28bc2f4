import { z } from "zod";
import { httpUrlSchema, requiredText } from "./common";

/** The setting's version the admin saw (0 = the setting was never saved). */
const expectedSettingVersion = z.coerce
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
