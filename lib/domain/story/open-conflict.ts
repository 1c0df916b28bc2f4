/**
 * A single cluster's verdict conflict, for the claim page (issue 18), read from the cluster's final
 * verdicts alone: the same rule as compareStory's `verdictConflicts` (compare.ts) — two claims in
 * different articles of the story whose APPROVED or PUBLISHED verdicts differ in rating — without
 * loading the whole story. Whether an editor resolved it is decided by lib/server/story's
 * partitionConflicts.
 */
import { FINAL_VERDICT_STATES } from "./compare";
import type { VerdictConflict } from "./types";

/** One claim's current verdict in the cluster (other states than APPROVED/PUBLISHED are ignored). */
export interface ClusterVerdict {
  claimId: string;
  articleId: string;
  verdictId: string;
  rating: string;
  label: string;
  state: string;
}

/**
 * The cluster's verdict conflict, listing all its final verdicts, or null when no two articles'
 * final verdicts differ in rating (fewer than two decided, or all agree).
 * @param verdicts one entry per claim of the cluster in the story's articles
 */
export function clusterVerdictConflict(clusterId: string, verdicts: readonly ClusterVerdict[]): VerdictConflict | null {
  const final = verdicts.filter((v) => FINAL_VERDICT_STATES.includes(v.state));
  const differs = final.some((x) => final.some((y) => x.articleId !== y.articleId && x.rating !== y.rating));
  if (!differs) return null;
  return { clusterId, verdicts: final.map(({ claimId, articleId, verdictId, rating, label }) => ({ claimId, articleId, verdictId, rating, label })) };
}
