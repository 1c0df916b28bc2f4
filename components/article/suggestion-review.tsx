"use client";

import { guardFormSize } from "../form-size-guard";
import Link from "next/link";
import { useActionState } from "react";
import { kindLabel } from "@/lib/domain/claim-kind";
import { IDLE_STATE, type FormAction } from "@/lib/validation/action-state";
import { FormMessage } from "../form-message";
import { QuantityChips, type QuantityChip } from "../quantity-chips";
import { useRowSelection } from "../use-row-selection";
import { MatchLinks } from "./match-links";

export interface SuggestionView {
  id: string;
  text: string;
  score: number;
  kind: string;
  reasons: string[];
  quantities: (string | QuantityChip)[];
  /** The same claim in other articles. */
  matches?: { id: string; articleTitle: string }[];
  /** Who the sentence attributes the claim to, as suggested (editable on the claim page). */
  claimant?: string | null;
}

/** Ranked suggestions with their reasons; accept or reject one, several or all at once. */
export function SuggestionReview({
  articleId,
  suggestions,
  action,
  decisions = ["accept", "reject"],
  testId = "suggestions",
}: {
  articleId: string;
  suggestions: SuggestionView[];
  action: FormAction;
  decisions?: ("accept" | "reject" | "restore")[];
  testId?: string;
}) {
  const [state, formAction, pending] = useActionState(guardFormSize(action), IDLE_STATE);
  // Every answer of the server (done, conflict or error) clears the selection; rows that left the list are never kept.
  const { selected, allSelected, toggle, toggleAll } = useRowSelection(suggestions.map((s) => s.id), state);

  return (
    <form action={formAction} data-testid={testId} className="stack">
      <input type="hidden" name="articleId" value={articleId} />
      <input type="hidden" name="claimIds" value={[...selected].join(",")} />
      <label className="row" style={{ fontWeight: 400 }}>
        <input
          type="checkbox"
          style={{ width: "auto" }}
          checked={allSelected}
          onChange={toggleAll}
        />
        Select all ({suggestions.length})
      </label>
      <ol className="suggestions">
        {suggestions.map((s) => (
          <li key={s.id} data-testid="suggestion" data-claim-id={s.id}>
            <label className="row" style={{ fontWeight: 400, alignItems: "start", flexWrap: "nowrap" }}>
              <input type="checkbox" style={{ width: "auto", marginTop: "0.3rem" }} checked={selected.has(s.id)} onChange={() => toggle(s.id)} aria-label={`Select: ${s.text}`} />
              <span>
                <Link href={`/claims/${s.id}`}>{s.text}</Link>
                <span className="muted" style={{ display: "block" }}>
                  score {s.score.toFixed(2)} · {kindLabel(s.kind)}
                  {s.reasons.length > 0 && ` · ${s.reasons.join(", ")}`}
                  {s.claimant && ` · claimed by ${s.claimant}`}
                </span>
                <QuantityChips items={s.quantities} />
                <MatchLinks matches={s.matches ?? []} />
              </span>
            </label>
          </li>
        ))}
      </ol>
      <FormMessage state={state} />
      <div className="row">
        {decisions.map((d) => (
          <button key={d} type="submit" name="decision" value={d} className={d === "reject" ? "danger" : d === "restore" ? "secondary" : ""} disabled={pending || selected.size === 0}>
            {d === "accept" ? "Accept selected" : d === "reject" ? "Reject selected" : "Restore selected"}
          </button>
        ))}
      </div>
    </form>
  );
}
