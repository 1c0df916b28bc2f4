"use server";

import { revalidatePath } from "next/cache";
import { requireUser, mustSetUpTwoFactor } from "@/lib/server/auth";
import { patchSessionToken, requestIp, verifyReauthentication } from "@/lib/server/auth/reauth";
import { confirmTwoFactor, disableTwoFactor, startTwoFactorEnrolment } from "@/lib/server/auth/two-factor";
import { getDb } from "@/lib/server/db";
import { formToObject, toActionState, type ActionState } from "@/lib/server/respond";

/** What the confirm step answers: the recovery codes, shown this once. */
export type ConfirmTwoFactorState = ActionState & { recoveryCodes?: string[] };

/** Starts setting up an authenticator: a new secret is stored (not yet in force) and the page shows its QR code. */
export async function startTwoFactorAction(_prev: ActionState, _formData: FormData): Promise<ActionState> {
  try {
    const actor = await requireUser({ allowTwoFactorSetup: true });
    await startTwoFactorEnrolment(actor);
  } catch (error) {
    return toActionState(error, {}, { action: "startTwoFactor" });
  }
  revalidatePath("/account/two-factor");
  return { status: "ok", message: "Scan the QR code, then enter the code your app shows." };
}

/** Confirms the authenticator with a code; two-factor is on from now and the session is marked as set up. */
export async function confirmTwoFactorAction(_prev: ConfirmTwoFactorState, formData: FormData): Promise<ConfirmTwoFactorState> {
  const { code = "" } = formToObject(formData);
  try {
    const actor = await requireUser({ allowTwoFactorSetup: true });
    // The session's "must set up" mark is cleared by ./done (a cookie change here would refresh the
    // page and hide the recovery codes).
    const { recoveryCodes } = await confirmTwoFactor(actor, code);
    return { status: "ok", message: "Two-factor sign-in is on.", recoveryCodes };
  } catch (error) {
    return toActionState(error, {}, { action: "confirmTwoFactor" });
  }
}

/** Turns two-factor off after the password and a current code (or recovery code) are confirmed. */
export async function disableTwoFactorAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { currentPassword = "", currentCode = "" } = formToObject(formData);
  try {
    const actor = await requireUser({ allowTwoFactorSetup: true });
    await verifyReauthentication(actor, { password: currentPassword, code: currentCode }, await requestIp());
    await disableTwoFactor(actor);
    const user = await (await getDb()).user.findUniqueOrThrow({ where: { id: actor.id }, select: { role: true, totpEnabledAt: true } });
    await patchSessionToken({ mfa: (await mustSetUpTwoFactor(user)) ? 1 : 0 });
  } catch (error) {
    return toActionState(error, {}, { action: "disableTwoFactor" });
  }
  revalidatePath("/account/two-factor");
  return { status: "ok", message: "Two-factor sign-in is off." };
}
