"use client";

import { activeRatings, type VerdictRating } from "@/lib/domain/verdict-scale";
import type { FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "../action-form";
import { FieldError, invalidProps, keptValue } from "../form-message";

export function VerdictForm({
  action,
  claimId,
  version,
  scale,
}: {
  action: FormAction;
  claimId: string;
  version: number;
  scale: readonly VerdictRating[];
}) {
  return (
    <ActionForm action={action} hidden={{ claimId, expectedVersion: version }} submitLabel="Propose verdict" testId="verdict-form">
      {(state) => (
        <>
          <label>
            Verdict
            <select key={keptValue(state, "rating")} name="rating" defaultValue={keptValue(state, "rating")} {...invalidProps(state, "rating")}>
              <option value="">Choose…</option>
              {activeRatings(scale).map((r) => (
                <option key={r.key} value={r.key}>
                  {r.label}
                  {r.requiresEvidence ? "" : " (no evidence needed)"}
                </option>
              ))}
            </select>
          </label>
          <FieldError state={state} name="rating" />
          <label>
            Rationale (Markdown)
            <textarea name="rationale" rows={6} defaultValue={keptValue(state, "rationale")} {...invalidProps(state, "rationale")} />
          </label>
          <FieldError state={state} name="rationale" />
        </>
      )}
    </ActionForm>
  );
}
