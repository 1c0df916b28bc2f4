"use client";

import { guardFormSize } from "../form-size-guard";
import { useActionState } from "react";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/domain/roles";
import { IDLE_STATE, type FormAction } from "@/lib/validation/action-state";
import type { OneTimePasswordState } from "@/lib/validation/users";
import { ActionForm } from "../action-form";
import { FieldError, FormMessage, invalidProps, keptValue } from "../form-message";
import { OneTimePassword } from "./one-time-password";
import { SetPasswordLink } from "./set-password-link";

type OneTimePasswordAction = (prev: OneTimePasswordState, formData: FormData) => Promise<OneTimePasswordState>;

export interface UserRowActionsProps {
  user: { id: string; name: string; role: Role; active: boolean; version: number };
  self: boolean;
  changeRole: FormAction;
  deactivate: FormAction;
  reactivate: FormAction;
  resetPassword: OneTimePasswordAction;
}

/**
 * One account's steps on /admin/users: change role (with the admin's password), (de)activate, reset the
 * password. Every form carries the account's version as the page showed it: when another admin changed
 * the account first, the step is refused and the form says so (nothing is overwritten).
 */
export function UserRowActions({ user, self, changeRole, deactivate, reactivate, resetPassword }: UserRowActionsProps) {
  const versioned = { userId: user.id, expectedVersion: user.version };
  return (
    <div className="stack user-actions">
      <ActionForm action={changeRole} hidden={versioned} submitLabel="Change role" submitClass="secondary" testId="change-role-form">
        {(state) => (
          <div className="row">
            <label>
              Role of {user.name}
              <select key={keptValue(state, "role", user.role)} name="role" defaultValue={keptValue(state, "role", user.role)}>
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {ROLE_LABELS[role]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Your password
              <input name="currentPassword" type="password" autoComplete="current-password" {...invalidProps(state, "currentPassword")} />
            </label>
            <FieldError state={state} name="role" />
            <FieldError state={state} name="currentPassword" />
          </div>
        )}
      </ActionForm>
      {!self && (
        <div className="row">
          {user.active ? (
            <ActionForm action={deactivate} hidden={versioned} submitLabel={`Deactivate ${user.name}`} submitClass="danger" testId="deactivate-form" />
          ) : (
            <ActionForm action={reactivate} hidden={versioned} submitLabel={`Reactivate ${user.name}`} submitClass="secondary" testId="reactivate-form" />
          )}
          <ResetPasswordForm userId={user.id} version={user.version} name={user.name} action={resetPassword} />
        </div>
      )}
    </div>
  );
}

function ResetPasswordForm({ userId, version, name, action }: { userId: string; version: number; name: string; action: OneTimePasswordAction }) {
  const [state, formAction, pending] = useActionState(guardFormSize(action), IDLE_STATE as OneTimePasswordState);
  return (
    <form action={formAction} className="stack" data-testid="reset-password-form" noValidate>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="expectedVersion" value={version} />
      {state.status === "ok" && state.oneTimePassword && <OneTimePassword password={state.oneTimePassword} />}
      {state.status === "ok" && state.setPasswordPath && state.linkExpiresAt && <SetPasswordLink path={state.setPasswordPath} expiresAt={state.linkExpiresAt} />}
      <FormMessage state={state} />
      <div className="row">
        <button type="submit" name="access" value="password" className="secondary" disabled={pending}>
          {pending ? "Resetting…" : `Reset password of ${name}`}
        </button>
        <button type="submit" name="access" value="link" className="secondary" disabled={pending}>
          {pending ? "Resetting…" : `Reset password of ${name} with a link`}
        </button>
      </div>
    </form>
  );
}
