"use client";

import type { FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "../action-form";
import { PriorityField } from "./priority-field";
import { FieldError, invalidProps, keptValue } from "../form-message";

export function AssignForm({
  action,
  claim,
  people,
}: {
  action: FormAction;
  claim: { id: string; version: number; assigneeId: string | null; priority: string; dueAt: string };
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
          <label>
            Assignee
            <select key={keptValue(state, "assigneeId", claim.assigneeId ?? "")} name="assigneeId" defaultValue={keptValue(state, "assigneeId", claim.assigneeId ?? "")} {...invalidProps(state, "assigneeId")}>
              <option value="">— Unassigned —</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.role.toLowerCase()})
                </option>
              ))}
            </select>
          </label>
          <FieldError state={state} name="assigneeId" />
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
