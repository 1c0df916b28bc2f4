/**
 * Editing the desk's verdict scale (admins): add, rename, recolour, reorder, retire, restore and delete
 * ratings. Each edit is a pure function from the current scale to the next one; refusals are
 * VALIDATION AppErrors with the field they concern, so the editor shows them beside it.
 */
import { checkLabelColor, normaliseHexColor } from "./color-contrast";
import { AppError, invalid } from "./errors";
import type { VerdictRating } from "./verdict-scale";

/** A rating's editable fields, as the editor's form sends them (already parsed). */
export interface RatingFields {
  label: string;
  color: string;
  /** ClaimReview ratingValue 1 (worst) … 5 (best), or null for a rating that is not a factual judgement. */
  ratingValue: number | null;
  requiresEvidence: boolean;
}

export type ScaleEdit =
  | ({ op: "add" } & RatingFields)
  | ({ op: "update"; key: string } & RatingFields)
  | { op: "up" | "down" | "retire" | "restore" | "delete"; key: string };

/** Labels are unique ignoring case and spacing; at most this many ratings. */
export const MAX_SCALE_SIZE = 20;

/** A key for a new rating from its label: upper-case ASCII words joined by "_", unique in the scale. */
export function ratingKeyFor(label: string, scale: readonly VerdictRating[]): string {
  const base =
    label
      .normalize("NFKD")
      .replace(/[^A-Za-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .toUpperCase()
      .slice(0, 40) || "RATING";
  let key = base;
  for (let n = 2; scale.some((r) => r.key === key); n++) key = `${base}_${n}`;
  return key;
}

function checkedFields(fields: RatingFields, scale: readonly VerdictRating[], ownKey?: string): Omit<VerdictRating, "key"> {
  const color = normaliseHexColor(fields.color);
  if (!color) throw invalid("color", "Enter a colour such as #1a7f37.");
  const contrast = checkLabelColor(color);
  if (!contrast.ok) throw new AppError("VALIDATION", contrast.reason, { fields: { color: [contrast.reason] }, current: { suggestion: contrast.suggestion } });
  const same = (a: string) => a.trim().toLocaleLowerCase("en").replace(/\s+/g, " ");
  if (scale.some((r) => r.key !== ownKey && same(r.label) === same(fields.label))) {
    throw invalid("label", `The scale already has a rating called "${fields.label}".`);
  }
  return { label: fields.label, color, ratingValue: fields.ratingValue, requiresEvidence: fields.requiresEvidence };
}

function indexOf(scale: readonly VerdictRating[], key: string): number {
  const index = scale.findIndex((r) => r.key === key);
  if (index < 0) throw new AppError("NOT_FOUND", "That rating is no longer on the scale; the page now shows the current scale.");
  return index;
}

/**
 * Applies one edit. `inUse` says whether any verdict (of any state, old ones included) has a rating:
 * such a rating cannot be deleted, only retired. At least one rating stays open for new verdicts.
 * Throws VALIDATION (bad colour with the nearest passing one in the message, duplicate label, deleting
 * a rating in use, retiring the last open rating, too many ratings) and NOT_FOUND (unknown key).
 */
export function applyScaleEdit(scale: readonly VerdictRating[], edit: ScaleEdit, inUse: (key: string) => boolean): VerdictRating[] {
  const next = scale.map((r) => ({ ...r }));
  switch (edit.op) {
    case "add": {
      if (scale.length >= MAX_SCALE_SIZE) throw new AppError("VALIDATION", `A scale has at most ${MAX_SCALE_SIZE} ratings.`);
      next.push({ key: ratingKeyFor(edit.label, scale), ...checkedFields(edit, scale) });
      return next;
    }
    case "update": {
      const i = indexOf(scale, edit.key);
      next[i] = { ...next[i]!, ...checkedFields(edit, scale, edit.key) };
      return next;
    }
    case "up":
    case "down": {
      const i = indexOf(scale, edit.key);
      const j = edit.op === "up" ? i - 1 : i + 1;
      if (j < 0 || j >= next.length) return next;
      [next[i], next[j]] = [next[j]!, next[i]!];
      return next;
    }
    case "retire":
    case "restore": {
      const i = indexOf(scale, edit.key);
      next[i] = { ...next[i]!, retired: edit.op === "retire" };
      if (!next.some((r) => !r.retired)) throw new AppError("VALIDATION", "Keep at least one rating open for new verdicts.");
      return next;
    }
    case "delete": {
      const i = indexOf(scale, edit.key);
      if (inUse(edit.key)) {
        throw new AppError("VALIDATION", `"${scale[i]!.label}" is used by verdicts, so it cannot be deleted. Retire it instead: no new verdicts, old ones keep it.`);
      }
      next.splice(i, 1);
      if (!next.some((r) => !r.retired)) throw new AppError("VALIDATION", "Keep at least one rating open for new verdicts.");
      return next;
    }
  }
}
