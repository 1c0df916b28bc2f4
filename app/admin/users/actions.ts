"use server";

import { revalidatePath } from "next/cache";
import { performFormAction } from "@/lib/server/action";
import { requireUser } from "@/lib/server/auth";
import { formToObject, toActionState, type ActionState } from "@/lib/server/respond";
import { createUserWithSetPasswordLink, resetPasswordWithLink, setPasswordPath } from "@/lib/server/set-password-links";
import { changeUserRole, createUserWithOneTimePassword, deactivateUser, reactivateUser, resetUserPassword } from "@/lib/server/users";
import { adminCreateUserFormSchema, changeRoleSchema, resetPasswordFormSchema, userIdSchema, type OneTimePasswordState } from "@/lib/validation/users";

/** Creates an account and answers with its one-time password or set-password link, which the page shows this once. */
export async function createUserAction(_prev: OneTimePasswordState, formData: FormData): Promise<OneTimePasswordState> {
  const values = formToObject(formData);
  try {
    const actor = await requireUser();
    const { access, ...input } = adminCreateUserFormSchema.parse(values);
    if (access === "link") {
      const { user, link } = await createUserWithSetPasswordLink(actor, input);
      revalidatePath("/admin/users");
      return {
        status: "ok",
        message: `Account created for ${user.email}.`,
        setPasswordPath: setPasswordPath(link.token),
        linkExpiresAt: link.expiresAt.toISOString(),
        forEmail: user.email,
      };
    }
    const { user, oneTimePassword } = await createUserWithOneTimePassword(actor, input);
    revalidatePath("/admin/users");
    return { status: "ok", message: `Account created for ${user.email}.`, oneTimePassword, forEmail: user.email };
  } catch (error) {
    return toActionState(error, values, { action: "createUser" });
  }
}

/** Resets someone's password to a one-time password or a set-password link, shown this once. */
export async function resetPasswordAction(_prev: OneTimePasswordState, formData: FormData): Promise<OneTimePasswordState> {
  const values = formToObject(formData);
  try {
    const actor = await requireUser();
    const { userId, expectedVersion, access } = resetPasswordFormSchema.parse(values);
    if (access === "link") {
      const { link } = await resetPasswordWithLink(actor, userId, expectedVersion);
      revalidatePath("/admin/users");
      return {
        status: "ok",
        message: "Password reset; their sessions have ended.",
        setPasswordPath: setPasswordPath(link.token),
        linkExpiresAt: link.expiresAt.toISOString(),
      };
    }
    const { oneTimePassword } = await resetUserPassword(actor, userId, expectedVersion);
    revalidatePath("/admin/users");
    return { status: "ok", message: "Password reset; their sessions have ended.", oneTimePassword };
  } catch (error) {
    const state = toActionState(error, values, { action: "resetPassword" });
    // Another admin changed the account first: the page shows its current state.
    if (state.code === "CONFLICT") revalidatePath("/admin/users");
    return state;
  }
}

export async function changeRoleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await performFormAction(formData, changeRoleSchema, (actor, input) => changeUserRole(actor, input.userId, input.role, input.currentPassword, input.expectedVersion), {
    revalidate: ["/admin/users"],
    success: "Role changed; their sessions have ended.",
  });
  // The admin's own password never travels back to the browser.
  return { ...state, values: { ...state.values, currentPassword: "" } };
}

export async function deactivateUserAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, userIdSchema, (actor, input) => deactivateUser(actor, input.userId, input.expectedVersion), {
    revalidate: ["/admin/users"],
    success: "Account deactivated; its sessions have ended.",
  });
}

export async function reactivateUserAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, userIdSchema, (actor, input) => reactivateUser(actor, input.userId, input.expectedVersion), {
    revalidate: ["/admin/users"],
    success: "Account reactivated.",
  });
}
