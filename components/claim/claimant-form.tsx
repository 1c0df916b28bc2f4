"use client";

import type { FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "../action-form";
import { FieldError, invalidProps, keptValue } from "../form-message";

/** An editor sets or corrects who made the claim (a person or an organization); empty clears it. */
export function ClaimantForm({
  action,
  claim,
}: {
  action: FormAction;
  claim: { id: string; version: number; claimant: string | null; claimantKind: string | null };
}) {
  return (
    <ActionForm action={action} hidden={{ claimId: claim.id, expectedVersion: claim.version }} submitLabel="Save claimant" testId="claimant-form">
      {(state) => (
        <div className="row">
          <label style={{ flex: "3 1 14rem" }}>
            Claimant (who made the claim)
            <input
              key={`${claim.version}-${state.status}`}
              name="claimant"
              defaultValue={keptValue(state, "claimant", claim.claimant ?? "")}
              maxLength={200}
              placeholder="e.g. Defense Secretary Pete Hegseth"
              {...invalidProps(state, "claimant")}
            />
            <FieldError state={state} name="claimant" />
          </label>
          <label style={{ flex: "1 1 10rem" }}>
            Kind
            <select key={`${claim.version}-${state.status}-kind`} name="claimantKind" defaultValue={keptValue(state, "claimantKind", claim.claimantKind ?? "")} {...invalidProps(state, "claimantKind")}>
              <option value="">—</option>
              <option value="PERSON">Person</option>
              <option value="ORGANIZATION">Organization</option>
            </select>
            <FieldError state={state} name="claimantKind" />
          </label>
        </div>
      )}
    </ActionForm>
  );
}
