/**
 * The verdict scale (DESIGN.md §3): the judgement a claim receives, separate from its workflow status.
 * `ratingValue` is the schema.org ClaimReview rating (1 worst … 5 best); ratings without one are not
 * factual judgements and do not need evidence.
 */
export interface VerdictRating {
  key: string;
  label: string;
  ratingValue: number | null;
  color: string;
  /** A factual verdict needs at least one piece of evidence. */
  requiresEvidence: boolean;
  /** Retired: no new verdicts; verdicts that have it keep it. */
  retired?: boolean;
}

/** The ratings a reviewer may choose for a new verdict (retired ones are left out). */
export function activeRatings(scale: readonly VerdictRating[]): VerdictRating[] {
  return scale.filter((r) => !r.retired);
}

export const DEFAULT_VERDICT_SCALE: readonly VerdictRating[] = [
  { key: "TRUE", label: "True", ratingValue: 5, color: "#1a7f37", requiresEvidence: true },
  { key: "MOSTLY_TRUE", label: "Mostly true", ratingValue: 4, color: "#3b7f1a", requiresEvidence: true },
  { key: "HALF_TRUE", label: "Half true / Mixed", ratingValue: 3, color: "#8f6d00", requiresEvidence: true },
  { key: "MISLEADING", label: "Misleading", ratingValue: 2, color: "#b3560f", requiresEvidence: true },
  { key: "MOSTLY_FALSE", label: "Mostly false", ratingValue: 2, color: "#cf4a22", requiresEvidence: true },
  { key: "FALSE", label: "False", ratingValue: 1, color: "#b42318", requiresEvidence: true },
  { key: "UNPROVEN", label: "Unproven", ratingValue: null, color: "#6e7781", requiresEvidence: false },
  { key: "NOT_CHECKABLE", label: "Not checkable / opinion", ratingValue: null, color: "#646e7a", requiresEvidence: false },
];

export const BEST_RATING = 5;
export const WORST_RATING = 1;

export function findRating(scale: readonly VerdictRating[], key: string): VerdictRating | undefined {
  return scale.find((r) => r.key === key);
}

export type VerdictEvidenceCheck = { ok: true } | { ok: false; reason: string };

/** A factual rating needs at least one piece of evidence on the claim. */
export function checkVerdictEvidence(rating: VerdictRating, evidenceCount: number): VerdictEvidenceCheck {
  if (rating.requiresEvidence && evidenceCount < 1) {
    return {
      ok: false,
      reason: `"${rating.label}" is a factual verdict: attach at least one piece of evidence first.`,
    };
  }
  return { ok: true };
}

export const VERDICT_STATES = ["PROPOSED", "APPROVED", "RETURNED", "PUBLISHED", "SUPERSEDED", "RETRACTED"] as const;
export type VerdictState = (typeof VERDICT_STATES)[number];

/**
 * The states of a claim's current verdict. A claim has at most one verdict in these states at a time;
 * returned and superseded verdicts are its history.
 */
export const CURRENT_VERDICT_STATES: readonly VerdictState[] = ["PROPOSED", "APPROVED", "PUBLISHED"];

export const EVIDENCE_STANCES = ["SUPPORTS", "REFUTES", "CONTEXT"] as const;
export type EvidenceStance = (typeof EVIDENCE_STANCES)[number];

export const STANCE_LABELS: Record<EvidenceStance, string> = {
  SUPPORTS: "Supports",
  REFUTES: "Refutes",
  CONTEXT: "Context",
};

export const PRIORITIES = ["LOW", "NORMAL", "HIGH", "URGENT"] as const;
export type Priority = (typeof PRIORITIES)[number];

export function describePriority(priority: string): string {
  return priority.charAt(0) + priority.slice(1).toLowerCase();
}

/** The priorities as choices for a form's select. */
export const PRIORITY_OPTIONS = PRIORITIES.map((p) => ({ value: p, label: describePriority(p) }));
