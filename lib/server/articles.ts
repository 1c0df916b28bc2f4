import "server-only";
import { createHash } from "node:crypto";
import { notFound } from "@/lib/domain/errors";
import type { ImportArticleInput } from "@/lib/validation/articles";
import { appendAuditEvent } from "./audit";
import { createAnchoredClaims } from "./claim/create-anchored-claims";
import { applyMatches, backfillMatchIndex, planMatches, writeMatchIndex } from "./claim-matching";
import { runExtractionTask } from "./extraction-pool/run-task";
import { withPoolSlot } from "./extraction-pool/user-slots";
import { Prisma } from "@/lib/generated/sqlite/client";
import { getDb, type Db } from "./db";
import { readRows } from "./direct-read";
import { assertEditor, isEditor, visibleClaimsWhere, type Actor } from "./permissions";
import { sqlParameters } from "./report-rows";
import { insertArticle } from "./row-inserts";
import { inTransaction } from "./transaction";
import { logger } from "./logger";
import { suggestStoryForArticle } from "./story/suggest-story";
import { lineBreaksAsLf } from "@/lib/validation/common";

/**
 * The most suggestions an import keeps. How many an article gets follows its text: every
 * sentence at or above the ranker's calibrated threshold, best first, up to this cap.
 */
export const SUGGESTIONS_PER_ARTICLE = 40;

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** The id of the article whose snapshot has this sha-256 (Article.contentHash, unique), or null; one SELECT. */
async function articleIdByContentHash(db: Db, contentHash: string): Promise<string | null> {
  const [row] = await db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Article" WHERE "contentHash" = ${contentHash}`;
  return row?.id ?? null;
}

/**
 * Imports an article as an immutable snapshot and stores the extractor's ranked claims with their
 * anchors. Importing the same text again returns the existing article instead of a duplicate.
 * After the commit, story suggestion (lib/server/story/suggest-story.ts) may put the new article in a
 * suggested story; its failure is logged and never fails the import.
 */
export async function importArticle(actor: Actor, input: ImportArticleInput): Promise<{ id: string; created: boolean }> {
  assertEditor(actor, "import articles");
  const text = lineBreaksAsLf(input.text);
  const contentHash = sha256Hex(text);
  const db = await getDb();
  const existing = await articleIdByContentHash(db, contentHash);
  if (existing) return { id: existing, created: false };
  // Extraction and matching are CPU work: they run in the worker pool before the transaction opens,
  // and the transaction only writes. Claims from before the match index are indexed a batch at a time.
  // The article's named entities (issue 18) are stored with it, so story suggestion never re-reads texts.
  // One of the editor's pool slots (user-slots.ts) for the whole analysis, so no one editor can hold every thread.
  const NEW_ARTICLE = "new-article";
  const { suggestions, entities, matches } = await withPoolSlot(actor.id, "analysis", async () => {
    const [suggestions, entities] = await Promise.all([
      runExtractionTask("extractArticle", { text, limit: SUGGESTIONS_PER_ARTICLE }),
      runExtractionTask("entities", { text }),
    ]);
    await backfillMatchIndex();
    const matches = await planMatches(suggestions.map((s, i) => ({ id: `new:${i}`, articleId: NEW_ARTICLE, features: s })));
    return { suggestions, entities, matches };
  });
  let imported: { id: string; created: boolean };
  try {
    imported = await inTransaction(async (tx) => {
      // A hand-written INSERT (row-inserts.ts): nothing is read back, not even the 2 MB snapshot.
      const article = {
        id: await insertArticle(tx, {
          title: input.title,
          outlet: input.outlet,
          author: input.author ?? null,
          url: input.url ?? null,
          publishedAt: input.publishedAt ?? null,
          text,
          contentHash,
          importedById: actor.id,
          entities: JSON.stringify(entities),
        }),
        title: input.title,
        outlet: input.outlet,
      };
      await appendAuditEvent(tx, {
        actorId: actor.id,
        action: "article.import",
        entityType: "Article",
        entityId: article.id,
        after: { title: article.title, outlet: article.outlet, contentHash, claims: suggestions.length },
      });
      // All claims in one INSERT and their audit events in another (not two statements per claim):
      // the transaction holds SQLite's single writer, and the event loop, for a few statements.
      const claims = await createAnchoredClaims(
        tx,
        actor,
        text,
        suggestions.map((s) => ({
          articleId: article.id,
          // A sentence hard-wrapped over lines reads as one line; its anchor keeps the snapshot's exact span.
          text: s.text.includes("\n") ? s.text.replace(/\s*\n\s*/g, " ") : s.text,
          start: s.start,
          end: s.end,
          score: s.score,
          kind: s.kind,
          reasons: s.reasons,
          claimant: s.claimant,
          origin: "EXTRACTED" as const,
          status: "SUGGESTED" as const,
          matchFeatures: s,
        })),
      );
      const created = claims.map((claim, i) => ({ id: claim.id, articleId: article.id, features: suggestions[i]! }));
      await writeMatchIndex(tx, created);
      // The same claim told by another article joins its cluster (matched before the transaction).
      await applyMatches(tx, actor, matches, (id) => (id.startsWith("new:") ? created[Number(id.slice(4))]!.id : id));
      return { id: article.id, created: true };
    });
  } catch (error) {
    // A concurrent import of the same text won the unique contentHash: open that one.
    const winner = await articleIdByContentHash(db, contentHash);
    if (winner) return { id: winner, created: false };
    throw error;
  }
  // Story suggestion runs after the import committed, in steps of its own; it never fails the import.
  try {
    await suggestStoryForArticle(actor, imported.id);
  } catch (error) {
    logger.error({ event: "story_suggestion_failed", articleId: imported.id, err: error }, "story suggestion failed");
  }
  return imported;
}

/**
 * A reviewer's articles: the 200 imported last among those holding a claim assigned to them or one
 * they double-review, with the number of those claims in each, newest import first. One statement:
 * the articles are walked in import order (index on importedAt) and each is checked with one index
 * probe (Claim articleId + assigneeId), instead of reading every claim of every article.
 */
async function reviewerArticleCounts(db: Db, reviewerId: string): Promise<{ id: string; title: string; claims: number }[]> {
  // Bound in the order written (the template is evaluated left to right).
  const { values, bind } = sqlParameters();
  const rows = await db.$queryRawUnsafe<{ id: string; title: string; assigned: number | bigint; reviewing: number | bigint }[]>(
    `SELECT x.id, x.title, x.assigned, x.reviewing FROM (
  SELECT a.id, a.title, a."importedAt",
    (SELECT count(*) FROM "Claim" c WHERE c."articleId" = a.id AND c."assigneeId" = ${bind(reviewerId)}) AS assigned,
    (SELECT count(*) FROM "ClaimReviewer" r JOIN "Claim" c ON c.id = r."claimId"
      WHERE r."userId" = ${bind(reviewerId)} AND c."articleId" = a.id AND (c."assigneeId" IS NULL OR c."assigneeId" <> ${bind(reviewerId)})) AS reviewing
  FROM "Article" a
  WHERE EXISTS (SELECT 1 FROM "Claim" c WHERE c."articleId" = a.id AND c."assigneeId" = ${bind(reviewerId)})
     OR a.id IN (SELECT c."articleId" FROM "ClaimReviewer" r JOIN "Claim" c ON c.id = r."claimId" WHERE r."userId" = ${bind(reviewerId)})
  ORDER BY a."importedAt" DESC LIMIT 200) x ORDER BY x."importedAt" DESC`,
    ...values,
  );
  return rows.map((r) => ({ id: r.id, title: r.title, claims: Number(r.assigned) + Number(r.reviewing) }));
}

/**
 * Articles the actor may see, the 200 imported last, each with the number of claims the actor may
 * see in it: all for editors; for reviewers, those holding a claim assigned to them or one they
 * double-review (two statements: reviewerArticleCounts, then the articles' columns by id).
 */
export async function listArticles(actor: Actor) {
  const db = await getDb();
  const select = { id: true, title: true, outlet: true, publishedAt: true, importedAt: true } as const;
  if (isEditor(actor)) {
    return db.article.findMany({ select: { ...select, _count: { select: { claims: true } } }, orderBy: { importedAt: "desc" }, take: 200 });
  }
  const counted = await reviewerArticleCounts(db, actor.id);
  const articles = new Map((await db.article.findMany({ where: { id: { in: counted.map((a) => a.id) } }, select })).map((a) => [a.id, a]));
  return counted.flatMap((c) => {
    const article = articles.get(c.id);
    return article ? [{ ...article, _count: { claims: c.claims } }] : [];
  });
}

/**
 * The article filter's options: id and title of the 200 articles imported last that the actor may
 * see — one hand-written statement on the driver (direct-read.ts; the claims list reads it on every
 * view), no claim counts (the claims page needs none; a reviewer's check is one index probe per
 * article, see reviewerArticleCounts).
 */
export async function listArticleOptions(actor: Actor): Promise<{ id: string; title: string }[]> {
  if (isEditor(actor)) return readRows(Prisma.sql`SELECT a."id", a."title" FROM "Article" a ORDER BY a."importedAt" DESC LIMIT 200`);
  return readRows(Prisma.sql`SELECT a."id", a."title" FROM "Article" a
  WHERE EXISTS (SELECT 1 FROM "Claim" c WHERE c."articleId" = a."id" AND c."assigneeId" = ${actor.id})
     OR a."id" IN (SELECT c."articleId" FROM "ClaimReviewer" r JOIN "Claim" c ON c."id" = r."claimId" WHERE r."userId" = ${actor.id})
  ORDER BY a."importedAt" DESC LIMIT 200`);
}

export async function getArticle(actor: Actor, articleId: string) {
  const db = await getDb();
  const article = await db.article.findFirst({
    where: isEditor(actor) ? { id: articleId } : { id: articleId, claims: { some: visibleClaimsWhere(actor) } },
    include: {
      claims: {
        // Editors also see suggestions and rejected suggestions; reviewers only their assigned claims.
        where: visibleClaimsWhere(actor),
        orderBy: { start: "asc" },
        select: {
          id: true,
          text: true,
          start: true,
          end: true,
          quote: true,
          prefix: true,
          suffix: true,
          articleId: true,
          status: true,
          checkworthiness: true,
          kind: true,
          reasons: true,
          clusterId: true,
          claimant: true,
          assignee: { select: { id: true, name: true } },
        },
      },
    },
  });
  if (!article) throw notFound("article");
  return article;
}

