import "server-only";
import { notFound } from "@/lib/domain/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { getDb, type Db, type Tx } from "../db";
import { isEditor, visibleClaimsWhere, visibleVerdictsWhere, type Actor } from "../permissions";
import { getVerdictScale } from "../settings";
import type { StoryArticleInput, StoryClaimInput } from "@/lib/domain/story/types";

/** Verdict states that count as a claim's current verdict in a story (RETURNED and SUPERSEDED do not). */
const CURRENT_VERDICT_STATES = ["PROPOSED", "APPROVED", "PUBLISHED"] as const;
type CurrentVerdictState = (typeof CURRENT_VERDICT_STATES)[number];

/** One article of a story on the story page: outlet, date and how many claims the actor can see in it. */
export interface StoryArticleSummary {
  id: string;
  title: string;
  outlet: string;
  publishedAt: Date | null;
  importedAt: Date;
  url: string | null;
  /** Proposed on import and not confirmed by an editor yet. */
  suggested: boolean;
  /** The similarity (0…1) that proposed it on import, null when added by hand. */
  score: number | null;
  /** Claims the actor can see in the article, REJECTED suggestions left out. */
  claimCount: number;
}

/** A verdict-conflict resolution as stored: the verdicts it covered (sorted ids). */
export interface StoryResolutionRow {
  id: string;
  clusterId: string;
  resolution: "ALIGNED" | "EXPLAINED";
  note: string;
  verdictIds: string[];
  createdById: string;
  createdAt: Date;
}

/** A story with its articles, as the story page shows it. */
export interface StoryDetail {
  id: string;
  title: string;
  status: "SUGGESTED" | "CONFIRMED";
  origin: string;
  /** Compare-and-set counter: every change bumps it; send it back with any change. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  confirmedAt: Date | null;
  /** The story's articles, compared on the story page. */
  articles: StoryArticleSummary[];
  /**
   * Articles suggested on import for a story an editor already confirmed: listed apart and left out
   * of the comparison until an editor accepts them (or removes them), so a confirmed comparison never
   * changes by itself. Empty for a story still SUGGESTED (all its articles are compared).
   */
  pendingArticles: StoryArticleSummary[];
}

/**
 * The article ids of a story the actor may read: all of them for editors, for a reviewer only the
 * articles holding a claim they may read (the same rule as getArticle). Empty when none.
 */
async function readableArticleIds(db: Db | Tx, actor: Actor, storyId: string): Promise<string[]> {
  const where: Prisma.ArticleWhereInput = isEditor(actor)
    ? { storyArticle: { storyId } }
    : { storyArticle: { storyId }, claims: { some: visibleClaimsWhere(actor) } };
  const rows = await db.article.findMany({ where, select: { id: true } });
  return rows.map((r) => r.id);
}

/**
 * Loads a story with its articles (outlet, dates, claim counts), ordered by publication date (undated
 * last) then import time; newcomers suggested for a confirmed story apart (`pendingArticles`). Editors
 * see every article; a reviewer sees the story only if they may read a claim in it, and then only the
 * articles holding such claims.
 * @throws AppError NOT_FOUND when the story does not exist or the actor may read nothing in it.
 */
export async function getStory(actor: Actor, storyId: string): Promise<StoryDetail> {
  const db = await getDb();
  const story = await db.story.findUnique({ where: { id: storyId } });
  if (!story) throw notFound("story");
  const ids = await readableArticleIds(db, actor, storyId);
  if (!isEditor(actor) && ids.length === 0) throw notFound("story");
  const [members, counts] = await Promise.all([
    db.storyArticle.findMany({
      where: { storyId, articleId: { in: ids } },
      select: {
        suggested: true,
        score: true,
        article: { select: { id: true, title: true, outlet: true, publishedAt: true, importedAt: true, url: true } },
      },
    }),
    db.claim.groupBy({
      by: ["articleId"],
      where: { AND: [{ articleId: { in: ids } }, { status: { not: "REJECTED" } }, visibleClaimsWhere(actor)] },
      _count: { _all: true },
    }),
  ]);
  const countOf = new Map(counts.map((c) => [c.articleId, c._count._all]));
  const all = members
    .map((m) => ({ ...m.article, suggested: m.suggested, score: m.score, claimCount: countOf.get(m.article.id) ?? 0 }))
    .sort(articleOrder);
  const pending = (a: StoryArticleSummary) => story.status === "CONFIRMED" && a.suggested;
  return {
    id: story.id,
    title: story.title,
    status: story.status === "CONFIRMED" ? "CONFIRMED" : "SUGGESTED",
    origin: story.origin,
    version: story.version,
    createdAt: story.createdAt,
    updatedAt: story.updatedAt,
    confirmedAt: story.confirmedAt,
    articles: all.filter((a) => !pending(a)),
    pendingArticles: all.filter(pending),
  };
}

/** Publication date ascending (undated last), then import time, then id: a stable article order. */
function articleOrder(
  a: { publishedAt: Date | null; importedAt: Date; id: string },
  b: { publishedAt: Date | null; importedAt: Date; id: string },
): number {
  const pa = a.publishedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const pb = b.publishedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (pa !== pb) return pa < pb ? -1 : 1;
  if (a.importedAt.getTime() !== b.importedAt.getTime()) return a.importedAt.getTime() - b.importedAt.getTime();
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** What the comparison engine needs, read from the database with the actor's rights applied. */
export interface StoryComparisonInputs {
  story: StoryDetail;
  /** The articles the actor may read, in the story page's order, with their snapshot texts. */
  articles: StoryArticleInput[];
  /** Their claims the actor may see, REJECTED suggestions left out, in article then text order. */
  claims: StoryClaimInput[];
  /** Every verdict-conflict resolution of the story, oldest first. */
  resolutions: StoryResolutionRow[];
}

/**
 * Reads a story's comparison inputs: articles (with texts) and claims the actor may read, each claim
 * with its latest current verdict (PROPOSED, APPROVED or PUBLISHED — on a claim blind for the actor only
 * their own) labelled from the verdict's approval snapshot or else the desk's scale, plus the story's
 * conflict resolutions. Four queries, whatever the number of articles or claims.
 * @throws AppError NOT_FOUND as getStory.
 */
export async function getStoryComparisonInputs(actor: Actor, storyId: string): Promise<StoryComparisonInputs> {
  const story = await getStory(actor, storyId);
  const db = await getDb();
  const ids = story.articles.map((a) => a.id);
  const [texts, claims, scale, resolutions] = await Promise.all([
    db.article.findMany({ where: { id: { in: ids } }, select: { id: true, text: true } }),
    db.claim.findMany({
      where: { AND: [{ articleId: { in: ids } }, { status: { not: "REJECTED" } }, visibleClaimsWhere(actor)] },
      orderBy: [{ articleId: "asc" }, { start: "asc" }, { id: "asc" }],
      select: {
        id: true,
        articleId: true,
        text: true,
        start: true,
        end: true,
        clusterId: true,
        claimant: true,
        status: true,
        verdicts: {
          where: { AND: [{ state: { in: [...CURRENT_VERDICT_STATES] } }, visibleVerdictsWhere(actor)] },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: 1,
          select: { id: true, rating: true, ratingLabel: true, state: true },
        },
      },
    }),
    getVerdictScale(db),
    db.storyVerdictResolution.findMany({ where: { storyId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
  ]);
  const textOf = new Map(texts.map((t) => [t.id, t.text]));
  const labelOf = new Map(scale.map((r) => [r.key, r.label]));
  const articleIndex = new Map(ids.map((id, i) => [id, i]));
  return {
    story,
    articles: story.articles.map((a) => ({
      id: a.id,
      title: a.title,
      outlet: a.outlet,
      publishedAt: a.publishedAt ? a.publishedAt.toISOString() : null,
      url: a.url,
      text: textOf.get(a.id) ?? "",
    })),
    claims: claims
      .map((c) => {
        const v = c.verdicts[0];
        return {
          id: c.id,
          articleId: c.articleId,
          text: c.text,
          start: c.start,
          end: c.end,
          clusterId: c.clusterId,
          claimant: c.claimant,
          status: c.status,
          verdict: v
            ? { id: v.id, rating: v.rating, label: v.ratingLabel ?? labelOf.get(v.rating) ?? v.rating, state: v.state as CurrentVerdictState }
            : null,
        };
      })
      .sort((a, b) => (articleIndex.get(a.articleId) ?? 0) - (articleIndex.get(b.articleId) ?? 0) || a.start - b.start),
    resolutions: resolutions.map(toResolutionRow),
  };
}

/** A stored resolution row with its verdict ids parsed (bad JSON reads as no ids: it then covers nothing). */
export function toResolutionRow(r: {
  id: string;
  clusterId: string;
  resolution: string;
  note: string;
  verdictIds: string;
  createdById: string;
  createdAt: Date;
}): StoryResolutionRow {
  let verdictIds: string[] = [];
  try {
    const parsed: unknown = JSON.parse(r.verdictIds);
    if (Array.isArray(parsed)) verdictIds = parsed.filter((x): x is string => typeof x === "string");
  } catch {
    verdictIds = [];
  }
  return {
    id: r.id,
    clusterId: r.clusterId,
    resolution: r.resolution === "ALIGNED" ? "ALIGNED" : "EXPLAINED",
    note: r.note,
    verdictIds,
    createdById: r.createdById,
    createdAt: r.createdAt,
  };
}
