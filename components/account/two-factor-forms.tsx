"use client";

import { guardFormSize } from "../form-size-guard";
import { useActionState } from "react";
import { IDLE_STATE, type ActionState, type FormAction } from "@/lib/validation/action-state";
import { FieldError, FormMessage, invalidProps } from "../form-message";
import { ReauthFields } from "../reauth-fields";

type ConfirmState = ActionState & { recoveryCodes?: string[] };

/** The confirm step: a code from the app; on success the recovery codes, shown this once. */
export function ConfirmTwoFactorForm({ action }: { action: (prev: ConfirmState, formData: FormData) => Promise<ConfirmState> }) {
  const [state, formAction, pending] = useActionState(guardFormSize(action), IDLE_STATE as ConfirmState);
  if (state.status === "ok" && state.recoveryCodes) {
    return (
      <div className="stack" role="status" data-testid="recovery-codes">
        <p>
          <strong>Two-factor sign-in is on.</strong> Save these recovery codes somewhere safe now: each signs you in once without your phone, and
          they are shown only this once.
        </p>
        <ul className="mono">
          {state.recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <p>
          <a href="/account/two-factor/done">I have saved them — continue</a>
        </p>
      </div>
    );
  }
  return (
    <form action={formAction} className="stack" data-testid="confirm-two-factor-form" noValidate>
      <label>
        Code from your app
        <input name="code" inputMode="numeric" autoComplete="one-time-code" {...invalidProps(state, "code")} />
      </label>
      <FieldError state={state} name="code" />
      <FormMessage state={state} />
      <div>
        <button type="submit" disabled={pending}>
          {pending ? "Checking…" : "Turn on two-factor sign-in"}
        </button>
      </div>
    </form>
  );
}

/** One-button forms (start the set-up). */
export function SimpleActionForm({ action, label, testId }: { action: FormAction; label: string; testId: string }) {
  const [state, formAction, pending] = useActionState(guardFormSize(action), IDLE_STATE);
  return (
    <form action={formAction} className="stack" data-testid={testId} noValidate>
      <FormMessage state={state} />
      <div>
        <button type="submit" disabled={pending}>
          {label}
        </button>
      </div>
    </form>
  );
}

/** Turning two-factor off: password and a current code (or a recovery code). */
export function DisableTwoFactorForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useActionState(guardFormSize(action), IDLE_STATE);
  return (
    <form action={formAction} className="stack" data-testid="disable-two-factor-form" noValidate>
      <ReauthFields state={state} needed twoFactor />
      <FormMessage state={state} />
      <div>
        <button type="submit" className="danger" disabled={pending}>
          {pending ? "Turning off…" : "Turn off two-factor sign-in"}
        </button>
      </div>
    </form>
  );
}
