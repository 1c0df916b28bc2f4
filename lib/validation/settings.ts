import { z } from "zod";

/** Opening or closing the reviewer pool (admins). Version 0 = the setting was never saved. */
export const reviewerPoolSettingSchema = z
  .object({
    enabled: z.enum(["true", "false"], { error: "Choose open or closed." }).transform((v) => v === "true"),
    expectedVersion: z.coerce.number({ error: "Missing version." }).int("Invalid version.").min(0, "Invalid version.").max(2_147_483_647, "Invalid version."),
  })
  .strict();
export type ReviewerPoolSettingInput = z.infer<typeof reviewerPoolSettingSchema>;
