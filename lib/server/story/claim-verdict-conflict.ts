import "server-only";
import { Prisma } from "@/lib/generated/sqlite/client";
import { FINAL_VERDICT_STATES } from "@/lib/domain/story/compare";
import { clusterVerdictConflict } from "@/lib/domain/story/open-conflict";
import { getDb } from "../db";
import { visibleClaimSql, type Actor } from "../permissions";
import { toResolutionRow } from "./get-story";
import { partitionConflicts } from "./story-comparison";

/** The story a claim page warns about: the claim's matched claims there carry different verdicts. */
export interface ClaimVerdictConflict {
  storyId: string;
  storyTitle: string;
  /** The other claims of the conflict (the actor may read each), for links. */
  otherClaimIds: string[];
}

interface ConflictRow {
  storyId: string;
  storyTitle: string;
  claimId: string;
  articleId: string;
  verdictId: string;
  rating: string;
  state: string;
  resolutionId: string | null;
  resolution: string | null;
  resolutionIds: string | null;
}

/**
 * Whether `claim` is in an open verdict conflict of its story, for the claim page's warning: the same
 * rule as the story page (compareStory's verdict conflicts, then getStoryComparison's resolutions via
 * partitionConflicts) read for the claim's cluster alone. The actor already reads the claim; the other
 * claims count only when the actor may read them too.
 *
 * One SQL statement, sent only when the claim has a cluster (the claim page's query budget): the
 * cluster's claims in the articles of the story holding the claim's article (an article suggested for a
 * confirmed story and not accepted yet is left out, as getStory leaves it out of the comparison), with their current final
 * verdicts and the cluster's latest resolution. Null when there is no conflict, no cluster, or the
 * article belongs to no story.
 */
export async function findClaimVerdictConflict(
  actor: Actor,
  claim: { id: string; articleId: string; clusterId: string | null },
): Promise<ClaimVerdictConflict | null> {
  if (!claim.clusterId) return null;
  const db = await getDb();
  // A claim's current verdict is its latest PROPOSED/APPROVED/PUBLISHED one (get-story.ts); at most one
  // is current at a time, so a final one in that state is the current one.
  const rows = await db.$queryRaw<ConflictRow[]>`
    SELECT st."id" AS "storyId", st."title" AS "storyTitle", c."id" AS "claimId", c."articleId" AS "articleId",
      v."id" AS "verdictId", v."rating" AS "rating", v."state" AS "state", r."id" AS "resolutionId",
      r."resolution" AS "resolution", r."verdictIds" AS "resolutionIds"
    FROM "StoryArticle" own
    JOIN "Story" st ON st."id" = own."storyId"
    JOIN "StoryArticle" sa ON sa."storyId" = own."storyId" AND (st."status" <> 'CONFIRMED' OR NOT sa."suggested")
    JOIN "Claim" c ON c."articleId" = sa."articleId" AND c."clusterId" = ${claim.clusterId} AND c."status" <> 'REJECTED'
    JOIN "Verdict" v ON v."claimId" = c."id" AND v."state" IN (${Prisma.join([...FINAL_VERDICT_STATES])})
    LEFT JOIN "StoryVerdictResolution" r ON r."id" = (
      SELECT r2."id" FROM "StoryVerdictResolution" r2 WHERE r2."storyId" = st."id" AND r2."clusterId" = ${claim.clusterId}
      ORDER BY r2."createdAt" DESC, r2."id" DESC LIMIT 1)
    WHERE own."articleId" = ${claim.articleId} AND (c."id" = ${claim.id} OR (1 = 1${visibleClaimSql(actor, "c")}))`;
  const first = rows[0];
  if (!first) return null;
  // The warning names no rating, so the rating key stands in for the label.
  const conflict = clusterVerdictConflict(claim.clusterId, rows.map((r) => ({ ...r, label: r.rating })));
  if (!conflict || !conflict.verdicts.some((v) => v.claimId === claim.id)) return null;
  const resolutions = first.resolutionId
    ? [
        toResolutionRow({
          id: first.resolutionId,
          clusterId: claim.clusterId,
          resolution: first.resolution ?? "EXPLAINED",
          note: "",
          verdictIds: first.resolutionIds ?? "[]",
          createdById: "",
          createdAt: new Date(0),
        }),
      ]
    : [];
  if (partitionConflicts([conflict], resolutions).open.length === 0) return null;
  return { storyId: first.storyId, storyTitle: first.storyTitle, otherClaimIds: conflict.verdicts.filter((v) => v.claimId !== claim.id).map((v) => v.claimId) };
}
