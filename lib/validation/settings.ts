import { z } from "zod";
import { httpUrlSchema, requiredText } from "./common";

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
    expectedVersion: z.coerce.number({ error: "Missing version." }).int("Invalid version.").min(0, "Invalid version.").max(2_147_483_647, "Invalid version."),
  })
  .strict();
export type DeskSettingsInput = z.output<typeof deskSettingsSchema>;
