import { z } from "zod";
import { API_TOKEN_SCOPES } from "@/lib/domain/api-token";
import type { ActionState } from "./action-state";
import { idSchema, optionalDateSchema, requiredText } from "./common";

export const createApiTokenSchema = z
  .object({
    name: requiredText("Name", 100),
    scope: z.enum(API_TOKEN_SCOPES, { error: "Choose read-only or read-and-write access." }),
    /** The desk user the token acts as; it never has more rights than they have. */
    userId: idSchema,
    /** Optional last day of validity (the token expires at the end of that day, UTC). */
    expiresAt: optionalDateSchema,
  })
  .strict();
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;

export const revokeApiTokenSchema = z.object({ tokenId: idSchema }).strict();
export type RevokeApiTokenInput = z.infer<typeof revokeApiTokenSchema>;

/** The create form's answer: on success it carries the secret, which is shown this once. */
export type CreateApiTokenState = ActionState & { secret?: string; tokenName?: string };
