"use client";

import { guardFormSize } from "../form-size-guard";
import { useActionState } from "react";
import { ROLE_LABELS, ROLES } from "@/lib/domain/roles";
import { IDLE_STATE } from "@/lib/validation/action-state";
import type { OneTimePasswordState } from "@/lib/validation/users";
import { FieldError, FormMessage, invalidProps, keptValue } from "../form-message";
import { OneTimePassword } from "./one-time-password";
import { SetPasswordLink } from "./set-password-link";

type OneTimePasswordAction = (prev: OneTimePasswordState, formData: FormData) => Promise<OneTimePasswordState>;

/**
 * An admin creates an account: email, name, role and how the person gets in; the server answers with a
 * one-time password or a one-time set-password link that expires, shown once.
 */
export function UserCreateForm({ action }: { action: OneTimePasswordAction }) {
  const [state, formAction, pending] = useActionState(guardFormSize(action), IDLE_STATE as OneTimePasswordState);
  return (
    <>
      {state.status === "ok" && state.oneTimePassword && <OneTimePassword password={state.oneTimePassword} forEmail={state.forEmail} />}
      {state.status === "ok" && state.setPasswordPath && state.linkExpiresAt && (
        <SetPasswordLink path={state.setPasswordPath} expiresAt={state.linkExpiresAt} forEmail={state.forEmail} />
      )}
      <form action={formAction} className="stack" data-testid="user-create-form" noValidate>
        <div className="row">
          <label>
            Email
            <input name="email" type="email" autoComplete="off" defaultValue={keptValue(state, "email")} {...invalidProps(state, "email")} />
          </label>
          <label>
            Name
            <input name="name" autoComplete="off" defaultValue={keptValue(state, "name")} {...invalidProps(state, "name")} />
          </label>
          <label>
            Role
            <select name="role" defaultValue={keptValue(state, "role", "REVIEWER")}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <fieldset className="row">
          <legend>How they get in</legend>
          <label>
            <input type="radio" name="access" value="password" defaultChecked={keptValue(state, "access", "password") === "password"} /> A one-time password
          </label>
          <label>
            <input type="radio" name="access" value="link" defaultChecked={keptValue(state, "access", "password") === "link"} /> A set-password link that
            expires
          </label>
        </fieldset>
        <FieldError state={state} name="email" />
        <FieldError state={state} name="name" />
        <FormMessage state={state} />
        <div>
          <button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create account"}
          </button>
        </div>
      </form>
    </>
  );
}
