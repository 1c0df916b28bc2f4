"use client";

import type { ActionState } from "@/lib/validation/action-state";
import { FieldError, invalidProps } from "./form-message";

/**
 * Password (and two-factor code) fields for a sensitive step. Shown when the page knows the session
 * needs re-authentication (`needed`) or when the server answered REAUTHENTICATION_REQUIRED; the
 * server action reads them as currentPassword / currentCode. Values are never kept in the form state.
 */
export function ReauthFields({ state, needed, twoFactor }: { state: ActionState; needed: boolean; twoFactor: boolean }) {
  const asked = needed || state.code === "REAUTHENTICATION_REQUIRED" || Boolean(state.fieldErrors?.currentPassword || state.fieldErrors?.currentCode);
  if (!asked) return null;
  return (
    <fieldset className="stack" data-testid="reauth-fields">
      <legend>Confirm it&apos;s you</legend>
      <label>
        Your password
        <input name="currentPassword" type="password" autoComplete="current-password" {...invalidProps(state, "currentPassword")} />
      </label>
      <FieldError state={state} name="currentPassword" />
      {twoFactor && (
        <>
          <label>
            Two-factor code
            <input name="currentCode" inputMode="numeric" autoComplete="one-time-code" {...invalidProps(state, "currentCode")} />
          </label>
          <FieldError state={state} name="currentCode" />
        </>
      )}
    </fieldset>
  );
}
