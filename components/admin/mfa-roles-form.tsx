"use client";

import { ROLE_LABELS, ROLES, type Role } from "@/lib/domain/roles";
import type { FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "../action-form";

/** Admins tick the roles that must use two-factor sign-in. */
export function MfaRolesForm({ action, roles, version }: { action: FormAction; roles: Role[]; version: number }) {
  return (
    <ActionForm action={action} hidden={{ expectedVersion: version }} submitLabel="Save requirement" testId="mfa-roles-form">
      {() => (
        <div className="row">
          {ROLES.map((role) => (
            <label key={`${role}-${version}`}>
              <input type="checkbox" name={role} defaultChecked={roles.includes(role)} /> {ROLE_LABELS[role]}s must use it
            </label>
          ))}
        </div>
      )}
    </ActionForm>
  );
}
