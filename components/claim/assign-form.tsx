"use client";

import type { ActionState, FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "../action-form";
import { FieldError, invalidProps, keptValue } from "../form-message";
import { PriorityField } from "./priority-field";

export function AssignForm({
  action,
  claim,
  people,
}: {
  action: FormAction;
  claim: { id: string; version: number; assigneeId: string | null; secondReviewerId: string | null; priority: string; dueAt: string };
  people: { id: string; name: string; role: string }[];
}) {
  return (
    <ActionForm
      action={action}
      hidden={{ claimId: claim.id, expectedVersion: claim.version }}
      submitLabel={claim.assigneeId ? "Save assignment" : "Assign"}
      testId="assign-form"
    >
      {(state) => (
        <>
          <PersonSelect state={state} name="assigneeId" label="Assignee" current={claim.assigneeId} none="— Unassigned —" people={people} />
          <FieldError state={state} name="assigneeId" />
          <PersonSelect
            state={state}
            name="secondReviewerId"
            label="Second reviewer (blind double review)"
            current={claim.secondReviewerId}
            none="— None: one reviewer —"
            people={people}
          />
          <FieldError state={state} name="secondReviewerId" />
          <p className="muted" style={{ margin: 0 }}>
            With a second reviewer, each works blind: neither sees the other&apos;s evidence, verdict or comments until both have proposed.
          </p>
          <div className="row">
            <PriorityField state={state} value={claim.priority} />
            <label>
              Due date
              <input name="dueAt" type="date" defaultValue={keptValue(state, "dueAt", claim.dueAt)} {...invalidProps(state, "dueAt")} />
            </label>
          </div>
          <FieldError state={state} name="dueAt" />
        </>
      )}
    </ActionForm>
  );
}

/** A choice of desk member (or none), keeping the refused choice after an error. */
function PersonSelect({
  state,
  name,
  label,
  current,
  none,
  people,
}: {
  state: ActionState;
  name: string;
  label: string;
  current: string | null;
  none: string;
  people: { id: string; name: string; role: string }[];
}) {
  const value = keptValue(state, name, current ?? "");
  return (
    <label>
      {label}
      <select key={value} name={name} defaultValue={value} {...invalidProps(state, name)}>
        <option value="">{none}</option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({p.role.toLowerCase()})
          </option>
        ))}
      </select>
    </label>
  );
}
