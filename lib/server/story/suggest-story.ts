import "server-only";
import { STORY_SUGGESTION_THRESHOLD, storySimilarity } from "@/lib/domain/story/similarity";
import { getDb, provider, type Db } from "../db";
import { sqlParameters } from "../report-rows";
import { logger } from "../logger";
import type { Actor } from "../permissions";
import { inTransaction } from "../transaction";
import { auditStory, bumpStory } from "./story-writes";

/** Most articles sharing a claim cluster with the new one that are scored (the first found). */
export const STORY_CLUSTER_CANDIDATES = 50;
/** The articles imported last that are scored as well, whatever they share. */
export const STORY_RECENT_CANDIDATES = 50;

/** What suggestion did: the story the article was put in, whether it was new, and the score. */
export interface StorySuggestion {
  storyId: string;
  created: boolean;
  /** storySimilarity (0…1) with the best candidate article. */
  score: number;
  candidateArticleId: string;
}

/** Article.entities as stored (a JSON array of entity keys); anything else reads as none. */
export function parseStoredEntities(value: string | null): string[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

/**
 * Story suggestion for a freshly imported article (run after the import's transaction committed).
 * Candidates, bounded: the articles sharing a claim cluster with it (at most STORY_CLUSTER_CANDIDATES)
 * and the STORY_RECENT_CANDIDATES imported last. Each is scored with storySimilarity
 * (lib/domain/story/entities.ts) from stored data only — Article.entities and the claims' clusterIds,
 * never the article texts. When the best score reaches STORY_SUGGESTION_THRESHOLD, the article joins
 * the candidate's story as a suggested member, or a new SUGGESTED story holds both. Audited as
 * story.suggest, acted by the importer. An article already in a story is left alone.
 * @returns what was suggested, or null (nothing scored high enough, or a concurrent step placed one of
 * the two articles first — the import is never affected).
 */
export async function suggestStoryForArticle(actor: Actor, articleId: string): Promise<StorySuggestion | null> {
  const db = await getDb();
  // Hand-written reads (three statements, no Prisma model query: each cost its query compiler 1–3 ms
  // of request-thread CPU right after every import).
  const [article] = await db.$queryRaw<{ entities: string | null; storyId: string | null }[]>`SELECT a."entities", sa."storyId" FROM "Article" a LEFT JOIN "StoryArticle" sa ON sa."articleId" = a."id" WHERE a."id" = ${articleId}`;
  if (!article || article.storyId) return null;
  const { clusterIds, sharedBy } = await sharedClusters(db, articleId);
  const candidates = await candidateArticles(db, articleId, [...sharedBy.keys()].slice(0, STORY_CLUSTER_CANDIDATES));
  if (candidates.length === 0) return null;
  // storySimilarity counts the clusters both articles hold, so a candidate's shared clusters are all it needs.
  const clustersOf = sharedBy;
  const mine = { entities: parseStoredEntities(article.entities), clusterIds };
  // Candidates come newest import first: on equal scores the newest wins.
  let best: { id: string; title: string; storyId: string | null; score: number } | null = null;
  for (const c of candidates) {
    const score = storySimilarity(mine, { entities: parseStoredEntities(c.entities), clusterIds: clustersOf.get(c.id) ?? [] });
    if (score < STORY_SUGGESTION_THRESHOLD) continue;
    if (!best || score > best.score) best = { id: c.id, title: c.title, storyId: c.storyId, score };
  }
  if (!best) return null;
  const chosen = best;
  try {
    return await inTransaction(async (tx) => {
      // Re-read under the audit lock: an editor may have placed either article since.
      const placed = await tx.$queryRaw<{ articleId: string; storyId: string; title: string; status: string; version: number | bigint }[]>`SELECT sa."articleId", s."id" AS "storyId", s."title", s."status", s."version" FROM "StoryArticle" sa JOIN "Story" s ON s."id" = sa."storyId" WHERE sa."articleId" IN (${articleId}, ${chosen.id})`;
      if (placed.some((p) => p.articleId === articleId)) return null;
      const candidate = placed.find((p) => p.articleId === chosen.id);
      if (candidate) {
        const version = await bumpStory(tx, { id: candidate.storyId, title: candidate.title, status: candidate.status, version: Number(candidate.version) });
        await tx.$executeRaw`INSERT INTO "StoryArticle" ("storyId", "articleId", "suggested", "score", "addedById", "addedAt") VALUES (${candidate.storyId}, ${articleId}, TRUE, ${chosen.score}, ${actor.id}, ${new Date()})`;
        await auditStory(tx, actor.id, "story.suggest", candidate.storyId, version, { after: { articleId, with: chosen.id, score: round(chosen.score) } });
        return { storyId: candidate.storyId, created: false, score: chosen.score, candidateArticleId: chosen.id };
      }
      const story = await tx.story.create({
        data: {
          title: chosen.title,
          status: "SUGGESTED",
          origin: "SUGGESTED",
          createdById: actor.id,
          articles: {
            create: [
              { articleId: chosen.id, suggested: true, score: chosen.score, addedById: actor.id },
              { articleId, suggested: true, score: chosen.score, addedById: actor.id },
            ],
          },
        },
        select: { id: true, version: true },
      });
      await auditStory(tx, actor.id, "story.suggest", story.id, story.version, { after: { title: chosen.title, articles: [chosen.id, articleId], score: round(chosen.score) } });
      return { storyId: story.id, created: true, score: chosen.score, candidateArticleId: chosen.id };
    });
  } catch (error) {
    // A unique articleId or a version conflict: a concurrent step placed an article first.
    logger.warn({ event: "story_suggestion_skipped", articleId, err: error }, "story suggestion skipped");
    return null;
  }
}

/**
 * The articles scored against a new one: `shared` (sharing a claim cluster with it) and the
 * STORY_RECENT_CANDIDATES imported last, with their stored entities and story; newest import first.
 * One hand-written statement.
 */
async function candidateArticles(db: Db, articleId: string, shared: readonly string[]): Promise<{ id: string; title: string; entities: string | null; storyId: string | null }[]> {
  const { values, bind } = sqlParameters();
  const recent = `SELECT r."id" FROM (SELECT "id" FROM "Article" WHERE "id" <> ${bind(articleId)} ORDER BY "importedAt" DESC LIMIT ${STORY_RECENT_CANDIDATES}) r`;
  const sharedIn = shared.length ? ` OR a."id" IN (${shared.map(bind).join(", ")})` : "";
  return db.$queryRawUnsafe(
    `SELECT a."id", a."title", a."entities", sa."storyId" FROM "Article" a LEFT JOIN "StoryArticle" sa ON sa."articleId" = a."id"
  WHERE a."id" IN (${recent})${sharedIn} ORDER BY a."importedAt" DESC, a."id" DESC`,
    ...values,
  );
}

/** Most of the new article's clusters looked at (an import brings at most SUGGESTIONS_PER_ARTICLE claims). */
export const STORY_OWN_CLUSTERS = 200;
/** Most claims of one cluster read (the first found): a cluster's size never makes suggestion slower. */
export const STORY_CLUSTER_MEMBERS = 200;

/**
 * The article's claim clusters (not rejected; at most STORY_OWN_CLUSTERS) and, for each other article
 * holding a claim of one of them, the clusters it shares, in the order found. Two statements, each
 * an index range whatever the desk's size: the article's claims (Claim.articleId), then one bounded
 * range per cluster (Claim.clusterId, at most STORY_CLUSTER_MEMBERS claims each). On SQLite the
 * indexes are named (INDEXED BY): after ANALYZE, a column that is null on nearly every claim looks
 * useless to the planner, which then walked the whole Claim table in id order (~150–800 ms at
 * 100,000 claims, synchronous on the request thread) to find a few dozen rows.
 */
async function sharedClusters(db: Db, articleId: string): Promise<{ clusterIds: string[]; sharedBy: Map<string, string[]> }> {
  const sqlite = provider === "sqlite";
  const own = sqlParameters();
  const ownRows = await db.$queryRawUnsafe<{ clusterId: string }[]>(
    `SELECT DISTINCT "clusterId" FROM "Claim"${sqlite ? ` INDEXED BY "Claim_articleId_idx"` : ""}
  WHERE "articleId" = ${own.bind(articleId)} AND "clusterId" IS NOT NULL AND "status" <> 'REJECTED' LIMIT ${STORY_OWN_CLUSTERS}`,
    ...own.values,
  );
  const clusterIds = ownRows.map((r) => r.clusterId);
  const sharedBy = new Map<string, string[]>();
  if (clusterIds.length === 0) return { clusterIds, sharedBy };
  const { values, bind } = sqlParameters();
  const ranges = clusterIds.map(
    (clusterId, i) =>
      `SELECT * FROM (SELECT "articleId", "clusterId" FROM "Claim"${sqlite ? ` INDEXED BY "Claim_clusterId_idx"` : ""} WHERE "clusterId" = ${bind(clusterId)} AND "articleId" <> ${bind(articleId)} AND "status" <> 'REJECTED' LIMIT ${STORY_CLUSTER_MEMBERS}) AS m${i}`,
  );
  const rows = await db.$queryRawUnsafe<{ articleId: string; clusterId: string }[]>(ranges.join(" UNION ALL "), ...values);
  for (const row of rows) {
    const shared = sharedBy.get(row.articleId);
    if (!shared) sharedBy.set(row.articleId, [row.clusterId]);
    else if (!shared.includes(row.clusterId)) shared.push(row.clusterId);
  }
  return { clusterIds, sharedBy };
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
