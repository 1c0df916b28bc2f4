"use client";

import type { FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "../action-form";
import { ReasonForm } from "./reason-form";

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
  return (
    <div className="stack" style={{ display: "grid", gap: "0.75rem" }}>
      {approveAction && (
        <ActionForm action={approveAction} hidden={{ claimId, expectedVersion: version }} submitLabel="Approve verdict" testId="approve-form" />
      )}
      <ReasonForm
        action={returnAction}
        claimId={claimId}
        version={version}
        label="Reason for returning"
        submitLabel={doubleReview ? "Return to both reviewers" : "Return to reviewer"}
        testId="return-form"
      />
    </div>
  );
}
