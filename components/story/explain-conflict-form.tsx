"use client";

import type { FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "../action-form";
import { FieldError, invalidProps, keptValue } from "../form-message";

/**
 * An editor records why the matched claims of one cluster keep different verdicts. The resolution
 * covers exactly the verdict ids listed (a later approval re-opens the warning); the story's version
 * guards against a concurrent change.
 */
export function ExplainConflictForm({
  action,
  storyId,
  clusterId,
  verdictIds,
  version,
}: {
  action: FormAction;
  storyId: string;
  clusterId: string;
  verdictIds: string[];
  version: number;
}) {
  return (
    <ActionForm
      action={action}
      hidden={{ storyId, clusterId, verdictIds: verdictIds.join(","), resolution: "EXPLAINED", expectedVersion: version }}
      submitLabel="Record why they differ"
      testId="explain-conflict-form"
    >
      {(state) => (
        <>
          <label>
            Why the verdicts differ (kept in the story&apos;s history)
            <textarea name="note" rows={3} defaultValue={keptValue(state, "note")} {...invalidProps(state, "note")} />
          </label>
          <FieldError state={state} name="note" />
        </>
      )}
    </ActionForm>
  );
}
