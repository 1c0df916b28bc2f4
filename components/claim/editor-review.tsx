"use client";

import type { FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "../action-form";
import { FieldError, invalidProps, keptValue } from "../form-message";

/**
 * Approve or return a proposed verdict (editors). In a blind double review the approve buttons sit
 * beside each verdict (components/claim/double-review-panel.tsx) and the return goes to both reviewers.
 */
export function EditorReview({
  approveAction,
  returnAction,
  claimId,
  version,
  doubleReview = false,
}: {
  approveAction?: FormAction;
  returnAction: FormAction;
  claimId: string;
  version: number;
  doubleReview?: boolean;
}) {
  const hidden = { claimId, expectedVersion: version };
  return (
    <div className="stack" style={{ display: "grid", gap: "0.75rem" }}>
      {approveAction && <ActionForm action={approveAction} hidden={hidden} submitLabel="Approve verdict" testId="approve-form" />}
      <ActionForm
        action={returnAction}
        hidden={hidden}
        submitLabel={doubleReview ? "Return to both reviewers" : "Return to reviewer"}
        submitClass="danger"
        testId="return-form"
      >
        {(state) => (
          <>
            <label>
              Reason for returning
              <textarea name="reason" rows={3} defaultValue={keptValue(state, "reason")} {...invalidProps(state, "reason")} />
            </label>
            <FieldError state={state} name="reason" />
          </>
        )}
      </ActionForm>
    </div>
  );
}
