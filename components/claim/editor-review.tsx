"use client";

import type { FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "../action-form";
import { ReasonForm } from "./reason-form";

/** Approve or return a proposed verdict (editors). */
export function EditorReview({
  approveAction,
  returnAction,
  claimId,
  version,
}: {
  approveAction: FormAction;
  returnAction: FormAction;
  claimId: string;
  version: number;
}) {
  return (
    <div className="stack" style={{ display: "grid", gap: "0.75rem" }}>
      <ActionForm action={approveAction} hidden={{ claimId, expectedVersion: version }} submitLabel="Approve verdict" testId="approve-form" />
      <ReasonForm
        action={returnAction}
        claimId={claimId}
        version={version}
        label="Reason for returning"
        submitLabel="Return to reviewer"
        testId="return-form"
      />
    </div>
  );
}
