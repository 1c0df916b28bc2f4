"use server";

import { performFormAction, submitForm } from "@/lib/server/action";
import { requireUser } from "@/lib/server/auth";
import { formToObject, type ActionState } from "@/lib/server/respond";
import { changePassword, updateOwnName } from "@/lib/server/users";
import { changeOwnPasswordSchema, updateOwnNameSchema } from "@/lib/validation/users";

export async function updateOwnNameAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, updateOwnNameSchema, updateOwnName, { revalidate: ["/account", "/"], success: "Name saved." });
}

/**
 * Changes the signed-in user's password (also allowed while they are on a one-time password). Every
 * session ends, this one too: the user signs in again with the new password.
 */
export async function changeOwnPasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await submitForm(
    formToObject(formData),
    () => requireUser({ allowPendingPasswordChange: true }),
    changeOwnPasswordSchema,
    (actor, input) => changePassword(actor, { currentPassword: input.currentPassword, newPassword: input.newPassword }),
    "Password changed.",
  );
  // The form goes on to the sign-in page once it sees "ok" (this session has ended too).
  return state.status === "ok" ? state : withoutPasswords(state);
}

/** Typed passwords never travel back to the browser in a refused form's answer. */
function withoutPasswords(state: ActionState): ActionState {
  return { ...state, values: Object.fromEntries(Object.entries(state.values ?? {}).filter(([key]) => !/password/i.test(key))) };
}
