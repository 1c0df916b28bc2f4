"use client";

import { useEffect, useState } from "react";
import type { ActionState } from "@/lib/validation/action-state";

/**
 * The losing side of a race keeps its typed text. When a save is refused because the claim moved on
 * (CONFLICT, INVALID_TRANSITION), the page is refreshed to its current state, and the form that was
 * used may disappear with the old state (a verdict form once the claim is "Verdict proposed"). The
 * form therefore hands its refusal to this page-level panel (through sessionStorage and a window
 * event, so it also survives the refresh), which shows the refusal and what was typed, to copy or
 * resubmit.
 */
const STORAGE_KEY = "claimledger:refused-submission";
const EVENT = "claimledger:refused-submission";
const REFUSED_CODES = new Set(["CONFLICT", "INVALID_TRANSITION", "PRECONDITION_FAILED"]);

interface Refusal {
  path: string;
  form: string;
  message: string;
  fields: [string, string][];
}

/** Called by ActionForm with each answer: remembers a refused save's message and typed fields. */
export function rememberRefusal(form: string, state: ActionState, hiddenNames: readonly string[]): void {
  if (state.status !== "error" || !state.code || !REFUSED_CODES.has(state.code)) return;
  const fields = Object.entries(state.values ?? {}).filter(([name, value]) => !hiddenNames.includes(name) && value.trim() !== "");
  const refusal: Refusal = { path: window.location.pathname, form, message: state.message ?? "This claim changed since you opened it.", fields };
  try {
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(refusal));
  } catch {
    // Storage full or disabled: the event below still shows it on this page.
  }
  window.dispatchEvent(new CustomEvent<Refusal>(EVENT, { detail: refusal }));
}

const FIELD_LABELS: Record<string, string> = { rating: "Verdict", rationale: "Rationale", reason: "Reason", body: "Comment", quote: "Quoted passage" };

export function RefusedSubmission() {
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  useEffect(() => {
    try {
      const stored = window.sessionStorage.getItem(STORAGE_KEY);
      const parsed = stored ? (JSON.parse(stored) as Refusal) : null;
      if (parsed?.path === window.location.pathname) setRefusal(parsed);
    } catch {
      // Unreadable storage: nothing to show.
    }
    const onRefusal = (event: Event) => setRefusal((event as CustomEvent<Refusal>).detail);
    window.addEventListener(EVENT, onRefusal);
    return () => window.removeEventListener(EVENT, onRefusal);
  }, []);
  if (!refusal) return null;
  const dismiss = () => {
    window.sessionStorage.removeItem(STORAGE_KEY);
    setRefusal(null);
  };
  return (
    <section className="panel refused-submission" data-testid="refused-submission" aria-live="polite">
      <p className="form-message error">{refusal.message}</p>
      {refusal.fields.length > 0 && (
        <>
          <p>Nothing of yours was saved. What you typed, to copy or submit again:</p>
          {refusal.fields.map(([name, value]) => (
            <label key={name}>
              {FIELD_LABELS[name] ?? name}
              <textarea readOnly value={value} rows={Math.min(8, Math.max(2, value.split("\n").length))} data-testid={`refused-${name}`} />
            </label>
          ))}
        </>
      )}
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </section>
  );
}
