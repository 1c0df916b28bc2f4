"use client";

import { guardFormSize } from "./form-size-guard";
import { useActionState } from "react";
import Link from "next/link";
import { IDLE_STATE, type FormAction } from "@/lib/validation/action-state";
import { FieldError, FormMessage, invalidProps } from "./form-message";

/** The set-password link's form: the new password twice; once saved, a way on to sign-in. */
export function SetPasswordForm({ action, token }: { action: FormAction; token: string }) {
  const [state, formAction, pending] = useActionState(guardFormSize(action), IDLE_STATE);
  if (state.status === "ok") {
    return (
      <div className="stack" data-testid="set-password-done">
        <FormMessage state={state} />
        <p>
          <Link href="/login">Sign in</Link>
        </p>
      </div>
    );
  }
  return (
    <form action={formAction} className="stack" data-testid="set-password-form" noValidate>
      <input type="hidden" name="token" value={token} />
      <label>
        New password (12 characters or more, not a common one)
        <input name="newPassword" type="password" autoComplete="new-password" {...invalidProps(state, "newPassword")} />
      </label>
      <FieldError state={state} name="newPassword" />
      <label>
        New password again
        <input name="confirmPassword" type="password" autoComplete="new-password" {...invalidProps(state, "confirmPassword")} />
      </label>
      <FieldError state={state} name="confirmPassword" />
      <FieldError state={state} name="token" />
      <FormMessage state={state} />
      <div>
        <button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Set password"}
        </button>
      </div>
    </form>
  );
}
