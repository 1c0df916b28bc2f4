import "server-only";
import { STORY_SUGGESTION_THRESHOLD, storySimilarity } from "@/lib/domain/story/entities";
import { getDb } from "../db";
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
  const article = await db.article.findUnique({ where: { id: articleId }, select: { entities: true, storyArticle: { select: { storyId: true } } } });
  if (!article || article.storyArticle) return null;
  const own = await db.claim.findMany({
    where: { articleId, clusterId: { not: null }, status: { not: "REJECTED" } },
    select: { clusterId: true },
    distinct: ["clusterId"],
  });
  const clusterIds = own.map((c) => c.clusterId!);
  const [byCluster, recent] = await Promise.all([
    clusterIds.length === 0
      ? Promise.resolve([])
      : db.claim.findMany({
          where: { clusterId: { in: clusterIds }, articleId: { not: articleId }, status: { not: "REJECTED" } },
          select: { articleId: true },
          distinct: ["articleId"],
          take: STORY_CLUSTER_CANDIDATES,
        }),
    db.article.findMany({ where: { id: { not: articleId } }, select: { id: true }, orderBy: { importedAt: "desc" }, take: STORY_RECENT_CANDIDATES }),
  ]);
  const candidateIds = [...new Set([...byCluster.map((c) => c.articleId), ...recent.map((a) => a.id)])];
  if (candidateIds.length === 0) return null;
  const [candidates, candidateClusters] = await Promise.all([
    db.article.findMany({
      where: { id: { in: candidateIds } },
      select: { id: true, title: true, entities: true, importedAt: true, storyArticle: { select: { storyId: true } } },
    }),
    db.claim.findMany({
      where: { articleId: { in: candidateIds }, clusterId: { not: null }, status: { not: "REJECTED" } },
      select: { articleId: true, clusterId: true },
    }),
  ]);
  const clustersOf = new Map<string, string[]>();
  for (const c of candidateClusters) clustersOf.set(c.articleId, [...(clustersOf.get(c.articleId) ?? []), c.clusterId!]);
  const mine = { entities: parseStoredEntities(article.entities), clusterIds };
  let best: { id: string; title: string; storyId: string | null; score: number; importedAt: Date } | null = null;
  for (const c of candidates) {
    const score = storySimilarity(mine, { entities: parseStoredEntities(c.entities), clusterIds: clustersOf.get(c.id) ?? [] });
    if (score < STORY_SUGGESTION_THRESHOLD) continue;
    if (!best || score > best.score || (score === best.score && c.importedAt > best.importedAt)) {
      best = { id: c.id, title: c.title, storyId: c.storyArticle?.storyId ?? null, score, importedAt: c.importedAt };
    }
  }
  if (!best) return null;
  const chosen = best;
  try {
    return await inTransaction(async (tx) => {
      // Re-read under the audit lock: an editor may have placed either article since.
      const [self, candidate] = await Promise.all([
        tx.storyArticle.findUnique({ where: { articleId } }),
        tx.storyArticle.findUnique({ where: { articleId: chosen.id }, select: { storyId: true, story: { select: { id: true, title: true, status: true, version: true } } } }),
      ]);
      if (self) return null;
      if (candidate) {
        const version = await bumpStory(tx, candidate.story);
        await tx.storyArticle.create({ data: { storyId: candidate.storyId, articleId, suggested: true, score: chosen.score, addedById: actor.id } });
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

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
