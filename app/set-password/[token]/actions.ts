"use server";

import { formToObject, toActionState, type ActionState } from "@/lib/server/respond";
import { setPasswordThroughLink } from "@/lib/server/set-password-links";
import { setPasswordWithLinkSchema } from "@/lib/validation/users";

/**
 * Sets the password of the account a one-time link was issued for (no session needed: the link is the
 * proof). Refusals (policy, used or expired link) come back with a clear message; typed passwords
 * never travel back to the browser.
 */
export async function setPasswordWithLinkAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formToObject(formData);
  try {
    const input = setPasswordWithLinkSchema.parse(values);
    await setPasswordThroughLink(input.token, input.newPassword);
    return { status: "ok", message: "Your password is set. Sign in with it." };
  } catch (error) {
    const state = toActionState(error, values, { action: "setPasswordWithLink" });
    return { ...state, values: Object.fromEntries(Object.entries(state.values ?? {}).filter(([key]) => !/password|token/i.test(key))) };
  }
}
