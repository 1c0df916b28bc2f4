"use client";

import type { VerdictRating } from "@/lib/domain/verdict-scale";
import type { ActionState, FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "../action-form";
import { FieldError, invalidProps, keptValue } from "../form-message";
import { plainCssColor } from "@/lib/domain/css-color";

const VALUE_OPTIONS = [
  { value: "", label: "none (not a factual rating)" },
  { value: "5", label: "5 (best)" },
  { value: "4", label: "4" },
  { value: "3", label: "3" },
  { value: "2", label: "2" },
  { value: "1", label: "1 (worst)" },
];

function RatingFields({ state, rating, idPrefix }: { state: ActionState; rating?: VerdictRating; idPrefix: string }) {
  const kept = (name: string, fallback: string) => keptValue(state, name, fallback);
  const evidenceKept = state.status === "error" ? state.values?.requiresEvidence === "on" : (rating?.requiresEvidence ?? true);
  return (
    <div className="row">
      <label>
        Label
        <input name="label" defaultValue={kept("label", rating?.label ?? "")} maxLength={60} {...invalidProps(state, "label")} />
      </label>
      <label>
        Colour
        <input name="color" type="color" defaultValue={kept("color", rating?.color ?? "#1a7f37")} {...invalidProps(state, "color")} />
      </label>
      <label>
        ClaimReview value
        <select name="ratingValue" defaultValue={kept("ratingValue", rating?.ratingValue == null ? "" : String(rating.ratingValue))}>
          {VALUE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-check" htmlFor={`${idPrefix}-evidence`}>
        <input id={`${idPrefix}-evidence`} name="requiresEvidence" type="checkbox" defaultChecked={evidenceKept} /> Needs evidence
      </label>
      <FieldError state={state} name="label" />
      <FieldError state={state} name="color" />
    </div>
  );
}

/**
 * The desk's verdict scale, one rating per row: its fields (label, colour — checked against WCAG
 * 4.5:1 on the server — ClaimReview value, evidence rule) and its steps (move, retire or restore,
 * delete when no verdict uses it). Every form carries the scale's version.
 */
export function VerdictScaleEditor({
  scale,
  version,
  inUse,
  saveRating,
  step,
}: {
  scale: readonly VerdictRating[];
  version: number;
  inUse: readonly string[];
  saveRating: FormAction;
  step: FormAction;
}) {
  return (
    <>
      <ol className="scale-editor" data-testid="scale-editor">
        {scale.map((rating, index) => (
          <li key={rating.key} className="panel" data-testid="scale-rating" data-key={rating.key}>
            <h3>
              <span className="verdict-label" style={{ background: plainCssColor(rating.color) }}>
                {rating.label}
              </span>
              {rating.retired && <span className="badge"> Retired: no new verdicts</span>}
              {inUse.includes(rating.key) && <span className="muted"> · used by verdicts</span>}
            </h3>
            <ActionForm action={saveRating} hidden={{ expectedVersion: version, key: rating.key }} submitLabel="Save rating" testId="rating-form">
              {(state) => <RatingFields state={state} rating={rating} idPrefix={rating.key} />}
            </ActionForm>
            <div className="row">
              {index > 0 && <ActionForm inline action={step} hidden={{ expectedVersion: version, key: rating.key, step: "up" }} submitLabel="Move up" submitClass="secondary" />}
              {index < scale.length - 1 && (
                <ActionForm inline action={step} hidden={{ expectedVersion: version, key: rating.key, step: "down" }} submitLabel="Move down" submitClass="secondary" />
              )}
              {rating.retired ? (
                <ActionForm inline action={step} hidden={{ expectedVersion: version, key: rating.key, step: "restore" }} submitLabel="Restore" submitClass="secondary" testId="restore-form" />
              ) : (
                <ActionForm inline action={step} hidden={{ expectedVersion: version, key: rating.key, step: "retire" }} submitLabel="Retire" submitClass="secondary" testId="retire-form" />
              )}
              <ActionForm inline action={step} hidden={{ expectedVersion: version, key: rating.key, step: "delete" }} submitLabel="Delete" submitClass="danger" testId="delete-form" />
            </div>
          </li>
        ))}
      </ol>
      <section className="panel" aria-label="New rating">
        <h2>New rating</h2>
        <ActionForm action={saveRating} hidden={{ expectedVersion: version }} submitLabel="Add rating" testId="new-rating-form">
          {(state) => <RatingFields state={state} idPrefix="new" />}
        </ActionForm>
      </section>
    </>
  );
}
