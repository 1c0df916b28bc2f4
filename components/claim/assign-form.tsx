"use client";

import { PRIORITIES } from "@/lib/domain/verdict-scale";
import type { FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "../action-form";
import { FieldError, invalidProps, keptValue } from "../form-message";

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
          <label>
            Second reviewer (blind double review)
            <select
              key={keptValue(state, "secondReviewerId", claim.secondReviewerId ?? "")}
              name="secondReviewerId"
              defaultValue={keptValue(state, "secondReviewerId", claim.secondReviewerId ?? "")}
              {...invalidProps(state, "secondReviewerId")}
            >
              <option value="">— None: one reviewer —</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.role.toLowerCase()})
                </option>
              ))}
            </select>
          </label>
          <FieldError state={state} name="secondReviewerId" />
          <p className="muted" style={{ margin: 0 }}>
            With a second reviewer, each works blind: neither sees the other&apos;s evidence, verdict or comments until both have proposed.
          </p>
          <div className="row">
            <label>
              Priority
              <select key={keptValue(state, "priority", claim.priority)} name="priority" defaultValue={keptValue(state, "priority", claim.priority)}>
                {PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {p.charAt(0) + p.slice(1).toLowerCase()}
                  </option>
                ))}
              </select>
            </label>
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
