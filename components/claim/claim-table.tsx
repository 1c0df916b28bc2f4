"use client";

import { useActionState, useEffect, useLayoutEffect, useMemo, useRef } from "react";
import { unpackHtml, type ClaimTableRow } from "@/lib/domain/claim-rows-html";
import { IDLE_STATE, type FormAction } from "@/lib/validation/action-state";
import { FieldError, FormMessage, invalidProps, keptValue } from "../form-message";
import { useRowSelection } from "../use-row-selection";
import { PriorityField } from "./priority-field";

export type { ClaimTableRow };

const noAction: FormAction = async () => IDLE_STATE;

/** The claim id of a row key `id@version`. */
const idOf = (key: string) => key.slice(0, key.lastIndexOf("@"));

/** The rows' checkboxes (plain HTML, see claimRowsHtml). */
const rowBoxes = (body: HTMLElement | null) => (body ? [...body.querySelectorAll<HTMLInputElement>("input.row-check")] : []);

/**
 * The claim list. Its rows come as HTML built on the server (lib/domain/claim-rows-html.ts
 * claimRowsHtml, packed with packHtml: the page's cost per row was React's, twice). For editors (`bulk` given, with each
 * row's `id@version` key in list order) each row has a checkbox ("select all" ticks the rows shown,
 * i.e. this page of the list, never claims on other pages), and the panel above assigns, reassigns or
 * unassigns the selected claims at once; each claim is sent with the version shown, so a claim someone
 * else changed meanwhile blocks the whole action instead of being overwritten. The selection is kept
 * here and written onto the rows' checkboxes, also after a refresh replaced the rows (a row still
 * listed stays ticked); boxes ticked before the page's script ran are taken as selected.
 */
export function ClaimTable({
  packedRows,
  bulk,
}: {
  packedRows: string;
  bulk?: { action: FormAction; people: { id: string; name: string; role: string }[]; keys: string[] };
}) {
  const keys = bulk?.keys ?? [];
  const rowsHtml = useMemo(() => unpackHtml(packedRows), [packedRows]);
  const [state, formAction, pending] = useActionState(bulk?.action ?? noAction, IDLE_STATE);
  const ids = useMemo(() => keys.map(idOf), [keys]);
  const { selected, allSelected, toggleAll, clear, setSelected } = useRowSelection(ids);
  useEffect(() => {
    if (state.status === "ok") clear();
    // Only a new answer from the server clears the selection.
  }, [state]);
  const body = useRef<HTMLTableSectionElement>(null);
  const synced = useRef(false);
  useLayoutEffect(() => {
    if (!bulk) return;
    const boxes = rowBoxes(body.current);
    if (!synced.current) {
      synced.current = true;
      const early = boxes.filter((b) => b.checked).map((b) => idOf(b.dataset.key ?? ""));
      if (early.length > 0) setSelected(early, true);
      return;
    }
    for (const box of boxes) box.checked = selected.has(idOf(box.dataset.key ?? ""));
  }, [bulk, selected, rowsHtml, setSelected]);
  useEffect(() => {
    const tbody = body.current;
    if (!bulk || !tbody) return;
    const onChange = (event: Event) => {
      const box = event.target;
      if (box instanceof HTMLInputElement && box.classList.contains("row-check")) setSelected([idOf(box.dataset.key ?? "")], box.checked);
    };
    tbody.addEventListener("change", onChange);
    return () => tbody.removeEventListener("change", onChange);
  }, [bulk, setSelected]);
  const shown = keys.filter((key) => selected.has(idOf(key)));

  return (
    <>
      {bulk && (
        <form action={formAction} className="panel stack" data-testid="bulk-assign-form" aria-label="Assign selected claims" noValidate>
          <input type="hidden" name="claims" value={shown.join(",")} />
          <div className="row">
            <label style={{ flex: "2 1 14rem" }}>
              Assign selected to
              <select
                key={keptValue(state, "assigneeId")}
                name="assigneeId"
                defaultValue={keptValue(state, "assigneeId")}
                {...invalidProps(state, "assigneeId")}
              >
                <option value="">Choose…</option>
                <option value="none">— Unassign —</option>
                {bulk.people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({p.role.toLowerCase()})
                  </option>
                ))}
              </select>
            </label>
            <PriorityField state={state} value={"NORMAL"} style={{ flex: "1 1 8rem" }} />
            <label style={{ flex: "1 1 10rem" }}>
              Due date
              <input name="dueAt" type="date" defaultValue={keptValue(state, "dueAt")} {...invalidProps(state, "dueAt")} />
            </label>
            <div>
              <button type="submit" disabled={pending || shown.length === 0}>
                {pending ? "Saving…" : `Apply to ${shown.length} selected`}
              </button>
            </div>
          </div>
          <FieldError state={state} name="assigneeId" />
          <FieldError state={state} name="dueAt" />
          <FormMessage state={state} />
        </form>
      )}
      <table className="data" data-testid="claims-table">
        <thead>
          <tr>
            <th>
              {bulk ? (
                <label className="row" style={{ fontWeight: 600, alignItems: "center", flexWrap: "nowrap" }}>
                  <input
                    type="checkbox"
                    className="row-check-all"
                    checked={allSelected}
                    onChange={toggleAll}
                    aria-label={`Select all ${keys.length} claims on this page`}
                  />
                  Claim
                </label>
              ) : (
                "Claim"
              )}
            </th>
            <th>Status</th>
            <th>Article</th>
            <th>Assignee</th>
            <th>Priority</th>
            <th>Due</th>
            <th>Verdict</th>
          </tr>
        </thead>
        <tbody ref={body} dangerouslySetInnerHTML={{ __html: rowsHtml }} />
      </table>
    </>
  );
}
