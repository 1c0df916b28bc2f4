"use client";

import type { FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "../action-form";
import { FieldError, invalidProps, keptValue } from "../form-message";

/** A step that needs a reason (returning a verdict, reopening a published claim). */
export function ReasonForm({
  action,
  claimId,
  version,
  label,
  submitLabel,
  testId,
}: {
  action: FormAction;
  claimId: string;
  version: number;
  label: string;
  submitLabel: string;
  testId: string;
}) {
  return (
    <ActionForm action={action} hidden={{ claimId, expectedVersion: version }} submitLabel={submitLabel} submitClass="danger" testId={testId}>
      {(state) => (
        <>
          <label>
            {label}
            <textarea name="reason" rows={3} defaultValue={keptValue(state, "reason")} {...invalidProps(state, "reason")} />
          </label>
          <FieldError state={state} name="reason" />
        </>
      )}
    </ActionForm>
  );
}
