"use client";

import type { FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "./action-form";
import { keptValue } from "./form-message";

/** Admins open or close the reviewer pool. */
export function ReviewerPoolForm({ action, enabled, version }: { action: FormAction; enabled: boolean; version: number }) {
  return (
    <ActionForm action={action} hidden={{ expectedVersion: version }} submitLabel="Save" testId="reviewer-pool-form">
      {(state) => {
        const value = keptValue(state, "enabled", String(enabled));
        return (
          <fieldset key={value} style={{ border: 0, padding: 0, margin: 0, display: "grid", gap: "0.3rem" }}>
            <legend className="visually-hidden">Reviewer pool</legend>
            <label className="row" style={{ fontWeight: 400, alignItems: "center" }}>
              <input type="radio" name="enabled" value="false" defaultChecked={value === "false"} style={{ width: "auto" }} />
              Closed: only editors assign claims
            </label>
            <label className="row" style={{ fontWeight: 400, alignItems: "center" }}>
              <input type="radio" name="enabled" value="true" defaultChecked={value === "true"} style={{ width: "auto" }} />
              Open: reviewers may take unassigned claims from the pool
            </label>
          </fieldset>
        );
      }}
    </ActionForm>
  );
}
