import "server-only";
import { Prisma } from "@/lib/generated/sqlite/client";
import { DECIDED_VERDICT_STATES, openVerdictConflict } from "@/lib/domain/story/open-conflict";
import { getDb } from "../db";
import { visibleClaimSql, type Actor } from "../permissions";

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
  verdictId: string;
  rating: string;
  state: string;
  resolvedIds: string | null;
}

/**
 * Whether `claim` is in an open verdict conflict of its story: claims of the same cluster in the
 * articles of the story holding the claim's article, whose approved or published verdicts differ,
 * with no editor's resolution covering them (lib/domain/story/open-conflict.ts). The actor already
 * reads the claim; the other claims count only when the actor may read them too.
 *
 * One SQL statement, sent only when the claim has a cluster (the claim page's query budget); null
 * when there is no conflict, no cluster, or the article belongs to no story.
 */
export async function findClaimVerdictConflict(
  actor: Actor,
  claim: { id: string; articleId: string; clusterId: string | null },
): Promise<ClaimVerdictConflict | null> {
  if (!claim.clusterId) return null;
  const db = await getDb();
  const states = Prisma.join([...DECIDED_VERDICT_STATES]);
  // The latest resolution's ids are enough: each one covers the verdicts current when it was made.
  const rows = await db.$queryRaw<ConflictRow[]>`
    SELECT st."id" AS "storyId", st."title" AS "storyTitle", c."id" AS "claimId", v."id" AS "verdictId", v."rating" AS "rating", v."state" AS "state",
      (SELECT r."verdictIds" FROM "StoryVerdictResolution" r WHERE r."storyId" = st."id" AND r."clusterId" = ${claim.clusterId}
        ORDER BY r."createdAt" DESC, r."id" DESC LIMIT 1) AS "resolvedIds"
    FROM "StoryArticle" own
    JOIN "Story" st ON st."id" = own."storyId"
    JOIN "StoryArticle" sa ON sa."storyId" = own."storyId"
    JOIN "Claim" c ON c."articleId" = sa."articleId" AND c."clusterId" = ${claim.clusterId} AND c."status" <> 'REJECTED'
    JOIN "Verdict" v ON v."claimId" = c."id" AND v."state" IN (${states})
    WHERE own."articleId" = ${claim.articleId} AND (c."id" = ${claim.id} OR (1 = 1${visibleClaimSql(actor, "c")}))`;
  if (rows.length < 2) return null;
  const first = rows[0]!;
  const conflict = openVerdictConflict(rows, first.resolvedIds ? [parseIds(first.resolvedIds)] : []);
  if (!conflict.some((v) => v.claimId === claim.id)) return null;
  return { storyId: first.storyId, storyTitle: first.storyTitle, otherClaimIds: conflict.filter((v) => v.claimId !== claim.id).map((v) => v.claimId) };
}

/** A resolution's stored verdict ids (a JSON array); anything else covers nothing. */
function parseIds(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}
