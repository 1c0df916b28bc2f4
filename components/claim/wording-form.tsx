"use client";

import type { FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "../action-form";
import { FieldError, invalidProps, keptValue } from "../form-message";

/** An editor rewords a claim; the quoted passage it is anchored to is shown and never changes. */
export function WordingForm({ action, claim }: { action: FormAction; claim: { id: string; version: number; text: string; quote: string } }) {
  return (
    <ActionForm action={action} hidden={{ claimId: claim.id, expectedVersion: claim.version }} submitLabel="Save wording" testId="wording-form">
      {(state) => (
        <>
          <label>
            Claim wording
            <textarea key={`${claim.version}-${state.status}`} name="text" defaultValue={keptValue(state, "text", claim.text)} rows={3} {...invalidProps(state, "text")} />
          </label>
          <FieldError state={state} name="text" />
          <p className="muted" data-testid="anchored-quote">
            Anchored to the passage: “{claim.quote}”
          </p>
        </>
      )}
    </ActionForm>
  );
}
