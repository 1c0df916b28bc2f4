"use client";

import { guardFormSize } from "../form-size-guard";
import { useActionState, useEffect } from "react";
import { IDLE_STATE, type FormAction } from "@/lib/validation/action-state";
import { FieldError, FormMessage, invalidProps, keptValue } from "../form-message";
import { useRowSelection } from "../use-row-selection";
import { PriorityField } from "./priority-field";
import { formatDate, PriorityBadge, StatusBadge } from "../status-badge";
import { plainCssColor } from "@/lib/domain/css-color";

/** A verdict as a row shows it: the rating's label and colour (from the desk's scale) and the verdict's state. */
export interface ClaimTableVerdict {
  label: string;
  color: string;
  state: string;
}

/**
 * One row of the list, as sent to the browser: only what the row shows, each article once for the
 * whole table (`articleId` names one of the table's `articles`), and the optional fields left out
 * when empty — a page of 200 rows is serialised twice per response (HTML and the page's flight data).
 */
export interface ClaimTableRow {
  id: string;
  /** The claim's text as the list shows it (the page shortens it to 140 UTF-16 code units). */
  text: string;
  status: string;
  priority: string;
  dueAt: Date | null;
  overdue?: boolean;
  version: number;
  articleId: string;
  /** Who made the claim, if recorded. */
  claimant?: string | null;
  /** The assignee's name; absent when nobody is assigned. */
  assignee?: string;
  verdict?: ClaimTableVerdict | null;
  /** The other reviewer's proposal in a blind double review once both have proposed. */
  otherProposal?: ClaimTableVerdict | null;
}

/** The articles a table's rows name (by id), each once. */
export type ClaimTableArticles = Record<string, { title: string; outlet: string }>;

const noAction: FormAction = async () => IDLE_STATE;

/**
 * The claim list. For editors (`bulk` given) each row has a checkbox ("select all" ticks the rows
 * shown, i.e. this page of the list, never claims on other pages), and the panel above assigns,
 * reassigns or unassigns the selected claims at once; each claim is sent with the version shown, so a
 * claim someone else changed meanwhile blocks the whole action instead of being overwritten.
 */
export function ClaimTable({
  rows,
  articles,
  bulk,
}: {
  rows: ClaimTableRow[];
  articles: ClaimTableArticles;
  bulk?: { action: FormAction; people: { id: string; name: string; role: string }[] };
}) {
  const [state, formAction, pending] = useActionState(guardFormSize(bulk?.action ?? noAction), IDLE_STATE);
  const { selected, allSelected, toggle, toggleAll, clear } = useRowSelection(rows.map((r) => r.id));
  useEffect(() => {
    if (state.status === "ok") clear();
    // Only a new answer from the server clears the selection.
  }, [state]);
  const shown = rows.filter((r) => selected.has(r.id));

  return (
    <>
      {bulk && (
        <form action={formAction} className="panel stack" data-testid="bulk-assign-form" aria-label="Assign selected claims" noValidate>
          <input type="hidden" name="claims" value={shown.map((r) => `${r.id}@${r.version}`).join(",")} />
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
                    aria-label={`Select all ${rows.length} claims on this page`}
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
        <tbody>
          {rows.map((c) => (
            <tr key={c.id} data-testid="claim-row" data-claim-id={c.id}>
              <td>
                <span className="row claim-cell">
                  {bulk && (
                    <input
                      type="checkbox"
                      className="row-check"
                      checked={selected.has(c.id)}
                      onChange={() => toggle(c.id)}
                      aria-label={`Select claim: ${c.text}`}
                    />
                  )}
                  <span>
                    {/* Plain links: 400 next/link instances a page cost render time and would prefetch 200 claim pages. */}
                    <a href={`/claims/${c.id}`}>{c.text}</a>
                    {c.claimant && (
                      <span className="muted block" data-testid="row-claimant">
                        Claimed by {c.claimant}
                      </span>
                    )}
                  </span>
                </span>
              </td>
              <td>
                <StatusBadge status={c.status} />
              </td>
              <td>
                <a href={`/articles/${c.articleId}`}>{articles[c.articleId]?.title}</a>
                <div className="muted">{articles[c.articleId]?.outlet}</div>
              </td>
              <td>{c.assignee ?? <span className="muted">Unassigned</span>}</td>
              <td>
                <PriorityBadge priority={c.priority} />
              </td>
              <td className={c.overdue ? "nowrap overdue" : "nowrap"} data-overdue={c.overdue || undefined}>
                {formatDate(c.dueAt)}
                {c.overdue && <span className="overdue-mark" role="img" aria-label="overdue" title="Overdue" />}
              </td>
              <td>
                {c.verdict ? (
                  <span className="verdict-label" style={{ background: plainCssColor(c.verdict.color) }} title={c.verdict.state}>
                    {c.verdict.label}
                  </span>
                ) : (
                  <span className="muted">—</span>
                )}
                {c.otherProposal && (
                  <>
                    {" "}
                    <span className="verdict-label" style={{ background: plainCssColor(c.otherProposal.color) }} title={c.otherProposal.state} data-testid="other-proposal">
                      {c.otherProposal.label}
                    </span>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
