"use server";

import { revalidatePath } from "next/cache";
import { performFormAction } from "@/lib/server/action";
import { createApiToken, revokeApiToken } from "@/lib/server/api-tokens";
import { requireUser } from "@/lib/server/auth";
import { formToObject, toActionState, type ActionState } from "@/lib/server/respond";
import { createApiTokenSchema, revokeApiTokenSchema, type CreateApiTokenState } from "@/lib/validation/api-tokens";

/** Creates a token and answers with its secret, which the page shows this once. */
export async function createApiTokenAction(_prev: CreateApiTokenState, formData: FormData): Promise<CreateApiTokenState> {
  const values = formToObject(formData);
  try {
    const actor = await requireUser();
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
