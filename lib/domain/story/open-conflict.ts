/**
 * Whether the matched claims of one cluster are in an open verdict conflict (issue 18): their
 * approved or published verdicts carry different ratings, and no editor's resolution covers every
 * one of those verdicts. A resolution stores the exact verdict ids it covered, so a verdict approved
 * after it (a new id) re-opens the warning.
 */

/** Verdict states that are the desk's decision: only these can conflict (a proposal is not a verdict yet). */
export const DECIDED_VERDICT_STATES = ["APPROVED", "PUBLISHED"] as const;

export interface ClusterVerdict {
  claimId: string;
  verdictId: string;
  rating: string;
  state: string;
}

/**
 * The decided verdicts of one cluster that conflict, or an empty list when they agree (or fewer than
 * two are decided) or when a resolution (its verdict ids) covers all of them.
 * @param verdicts each claim's current verdict in the cluster (one per claim; other states are ignored)
 * @param resolutions the verdict ids of each resolution recorded for this cluster in the story
 */
export function openVerdictConflict(verdicts: readonly ClusterVerdict[], resolutions: readonly (readonly string[])[]): ClusterVerdict[] {
  const decided = verdicts.filter((v) => (DECIDED_VERDICT_STATES as readonly string[]).includes(v.state));
  if (new Set(decided.map((v) => v.rating)).size < 2) return [];
  const covered = resolutions.some((ids) => {
    const set = new Set(ids);
    return decided.every((v) => set.has(v.verdictId));
  });
  return covered ? [] : decided;
}
