"use client";

import { guardFormSize } from "./form-size-guard";
import { useActionState, useEffect } from "react";
import { IDLE_STATE, type FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "./action-form";
import { FieldError, FormMessage, invalidProps, keptValue } from "./form-message";

/** The signed-in user's own name. */
export function OwnNameForm({ action, name, version }: { action: FormAction; name: string; version: number }) {
  return (
    <ActionForm action={action} hidden={{ expectedVersion: version }} submitLabel="Save name" testId="own-name-form">
      {(state) => (
        <>
          <label>
            Name
            <input name="name" defaultValue={keptValue(state, "name", name)} maxLength={120} {...invalidProps(state, "name")} />
          </label>
          <FieldError state={state} name="name" />
        </>
      )}
    </ActionForm>
  );
}

/**
 * The signed-in user's password: the current one, then the new one twice. Every session ends after
 * it, this one too, so a saved change goes on to the sign-in page.
 */
export function OwnPasswordForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useActionState(guardFormSize(action), IDLE_STATE);
  useEffect(() => {
    if (state.status === "ok") window.location.assign("/login?passwordChanged=1");
  }, [state.status]);
  return (
    <form action={formAction} className="stack" data-testid="own-password-form" noValidate>
      <label>
        Current password
        <input name="currentPassword" type="password" autoComplete="current-password" {...invalidProps(state, "currentPassword")} />
      </label>
      <FieldError state={state} name="currentPassword" />
      <label>
        New password (12 characters or more)
        <input name="newPassword" type="password" autoComplete="new-password" {...invalidProps(state, "newPassword")} />
      </label>
      <FieldError state={state} name="newPassword" />
      <label>
        New password again
        <input name="confirmPassword" type="password" autoComplete="new-password" {...invalidProps(state, "confirmPassword")} />
      </label>
      <FieldError state={state} name="confirmPassword" />
      <FormMessage state={state} />
      <div>
        <button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Change password"}
        </button>
      </div>
    </form>
  );
}
