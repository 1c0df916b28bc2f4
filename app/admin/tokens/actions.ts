"use server";

import { revalidatePath } from "next/cache";
import { performFormAction } from "@/lib/server/action";
import { createApiToken, revokeApiToken } from "@/lib/server/api-tokens";
import { requireUser } from "@/lib/server/auth";
import { ensureRecentAuthentication } from "@/lib/server/auth/reauth";
import { formToObject, toActionState, type ActionState } from "@/lib/server/respond";
import { createApiTokenSchema, revokeApiTokenSchema, type CreateApiTokenState } from "@/lib/validation/api-tokens";

/**
 * Creates a token and answers with its secret, which the page shows this once. A sensitive step: the
 * session must have signed in or confirmed the password (and TOTP) within REAUTH_MINUTES; the form's
 * currentPassword / currentCode fields do that confirmation and are never sent back.
 */
export async function createApiTokenAction(_prev: CreateApiTokenState, formData: FormData): Promise<CreateApiTokenState> {
  const { currentPassword, currentCode, ...values } = formToObject(formData);
  try {
    const actor = await requireUser();
    await ensureRecentAuthentication(actor, { currentPassword, currentCode });
    const token = await createApiToken(actor, createApiTokenSchema.parse(values));
    revalidatePath("/admin/tokens");
    return { status: "ok", message: `Token "${token.name}" created.`, secret: token.secret, tokenName: token.name };
  } catch (error) {
    return toActionState(error, values, { action: "createApiToken" });
  }
}

export async function revokeApiTokenAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, revokeApiTokenSchema, revokeApiToken, { revalidate: ["/admin/tokens"], success: "Token revoked." });
}
