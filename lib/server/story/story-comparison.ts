import "server-only";
import { compareStory, FINAL_VERDICT_STATES } from "@/lib/domain/story/compare";
import { measureTone, TONE_LEXICON } from "@/lib/domain/story/tone";
import type { StoryComparison, VerdictConflict } from "@/lib/domain/story/types";
import { AppError, notFound } from "@/lib/domain/errors";
import type { ResolveVerdictConflictInput } from "@/lib/validation/stories";
import { getDb, type Tx } from "../db";
import { assertEditor, visibleClaimsWhere, type Actor } from "../permissions";
import { inTransaction } from "../transaction";
import { getStoryComparisonInputs, type StoryDetail, type StoryResolutionRow } from "./get-story";
import { auditStory, bumpStory, loadStoryForUpdate } from "./story-writes";

/** A verdict conflict an editor resolved, with the resolution that covers its exact verdicts. */
export interface ResolvedVerdictConflict {
  conflict: VerdictConflict;
  resolution: StoryResolutionRow;
}

/** The story page's data: the story, its comparison (open verdict conflicts only) and the resolved ones. */
export interface StoryComparisonView {
  story: StoryDetail;
  comparison: StoryComparison;
  resolvedConflicts: ResolvedVerdictConflict[];
}

/** The sorted, de-duplicated verdict ids of a conflict: what a resolution must cover exactly. */
export function conflictVerdictIds(conflict: VerdictConflict): string[] {
  return [...new Set(conflict.verdicts.map((v) => v.verdictId))].sort();
}

/**
 * Splits verdict conflicts into open and resolved: a conflict is resolved when the latest resolution of
 * its cluster covers exactly its verdicts (same ids). A newer approval in the cluster brings a new
 * verdict id, so the old resolution no longer covers it and the warning is back.
 */
export function partitionConflicts(
  conflicts: readonly VerdictConflict[],
  resolutions: readonly StoryResolutionRow[],
): { open: VerdictConflict[]; resolved: ResolvedVerdictConflict[] } {
  const latest = new Map<string, StoryResolutionRow>();
  for (const r of resolutions) latest.set(r.clusterId, r); // resolutions come oldest first
  const open: VerdictConflict[] = [];
  const resolved: ResolvedVerdictConflict[] = [];
  for (const conflict of conflicts) {
    const resolution = latest.get(conflict.clusterId);
    const ids = conflictVerdictIds(conflict);
    const covered = resolution !== undefined && resolution.verdictIds.length === ids.length && [...resolution.verdictIds].sort().every((id, i) => id === ids[i]);
    if (covered) resolved.push({ conflict, resolution });
    else open.push(conflict);
  }
  return { open, resolved };
}

/**
 * The comparison of a story as the actor may read it (lib/domain/story/compare.ts compareStory over
 * getStoryComparisonInputs, tone from lib/domain/story/tone.ts with its lexicon), with verdict
 * conflicts that an editor resolved moved out of `comparison.verdictConflicts` into `resolvedConflicts`.
 * Reads four queries; the tone and comparison are computed on each call (milliseconds per article).
 * @throws AppError NOT_FOUND when the story does not exist or the actor may read nothing in it.
 */
export async function getStoryComparison(actor: Actor, storyId: string): Promise<StoryComparisonView> {
  const inputs = await getStoryComparisonInputs(actor, storyId);
  const comparison = compareStory({ articles: inputs.articles, claims: inputs.claims }, measureTone, TONE_LEXICON);
  const { open, resolved } = partitionConflicts(comparison.verdictConflicts, inputs.resolutions);
  return { story: inputs.story, comparison: { ...comparison, verdictConflicts: open }, resolvedConflicts: resolved };
}

/** The open verdict conflicts that concern one claim, with the story they are in. */
export interface ClaimVerdictConflicts {
  storyId: string;
  storyTitle: string;
  conflicts: VerdictConflict[];
}

/**
 * For the claim page's warning: the open verdict conflicts of the claim's cluster within the story of
 * its article, as the actor may read that story. Null when the claim has no cluster, its article is in
 * no story, or nothing conflicts.
 * @throws AppError NOT_FOUND when the claim does not exist or the actor may not see it.
 */
export async function getClaimVerdictConflicts(actor: Actor, claimId: string): Promise<ClaimVerdictConflicts | null> {
  const db = await getDb();
  const claim = await db.claim.findFirst({
    where: { AND: [{ id: claimId }, visibleClaimsWhere(actor)] },
    select: { clusterId: true, article: { select: { storyArticle: { select: { storyId: true } } } } },
  });
  if (!claim) throw notFound();
  const storyId = claim.article.storyArticle?.storyId;
  if (!claim.clusterId || !storyId) return null;
  const view = await getStoryComparison(actor, storyId);
  const conflicts = view.comparison.verdictConflicts.filter((c) => c.clusterId === claim.clusterId);
  return conflicts.length > 0 ? { storyId, storyTitle: view.story.title, conflicts } : null;
}

/**
 * The final verdicts (APPROVED or PUBLISHED) that a cluster's claims carry now inside a story: per claim
 * its latest verdict that is neither returned nor superseded, kept when final. Sorted ids.
 */
async function currentFinalVerdictIds(tx: Tx, storyId: string, clusterId: string): Promise<string[]> {
  const claims = await tx.claim.findMany({
    where: { clusterId, status: { not: "REJECTED" }, article: { storyArticle: { storyId } } },
    select: {
      verdicts: {
        where: { state: { in: ["PROPOSED", "APPROVED", "PUBLISHED"] } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 1,
        select: { id: true, state: true },
      },
    },
  });
  return claims
    .flatMap((c) => c.verdicts)
    .filter((v) => FINAL_VERDICT_STATES.includes(v.state))
    .map((v) => v.id)
    .sort();
}

/**
 * An editor resolves a verdict conflict in a story's cluster: ALIGNED (the verdicts are consistent or
 * were brought in line) or EXPLAINED (why they differ, in `note`). The resolution stores the exact
 * verdict ids it covers; they must be the cluster's current final verdicts in the story, so a verdict
 * approved since the editor looked is a visible conflict, never silently covered.
 * @returns the story's new version and the resolution's id.
 * @throws AppError FORBIDDEN (not an editor), NOT_FOUND (story), CONFLICT (the story's version or the
 * cluster's verdicts changed since the editor saw them), VALIDATION (fewer than two distinct ratings:
 * nothing to resolve). Nothing is written when it throws.
 */
export async function resolveVerdictConflict(actor: Actor, input: ResolveVerdictConflictInput): Promise<{ version: number; resolutionId: string }> {
  assertEditor(actor, "resolve verdict conflicts");
  return inTransaction(async (tx) => {
    const story = await loadStoryForUpdate(tx, input.storyId, input.expectedVersion);
    const current = await currentFinalVerdictIds(tx, story.id, input.clusterId);
    const wanted = [...new Set(input.verdictIds)].sort();
    if (current.length !== wanted.length || current.some((id, i) => id !== wanted[i])) {
      throw new AppError("CONFLICT", "The verdicts of these claims changed since you opened the story. The page now shows them; nothing was recorded.", {
        current: { version: story.version, verdictIds: current },
      });
    }
    const ratings = await tx.verdict.findMany({ where: { id: { in: wanted } }, select: { rating: true } });
    if (new Set(ratings.map((r) => r.rating)).size < 2) {
      throw new AppError("VALIDATION", "These verdicts agree: there is no conflict to resolve.");
    }
    const version = await bumpStory(tx, story);
    const row = await tx.storyVerdictResolution.create({
      data: {
        storyId: story.id,
        clusterId: input.clusterId,
        resolution: input.resolution,
        note: input.note,
        verdictIds: JSON.stringify(wanted),
        createdById: actor.id,
      },
      select: { id: true },
    });
    await auditStory(tx, actor.id, "story.verdictConflict.resolve", story.id, version, {
      after: { clusterId: input.clusterId, resolution: input.resolution, note: input.note, verdictIds: wanted },
    });
    return { version, resolutionId: row.id };
  });
}
