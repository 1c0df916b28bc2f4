import "server-only";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { getDb } from "../db";
import { assertEditor, isEditor, visibleClaimsWhere, type Actor } from "../permissions";

/** Most stories the list shows (latest change first). */
export const STORY_LIST_LIMIT = 200;
/** Most story-less articles offered when making or extending a story (imported last first). */
export const STORY_ARTICLE_OPTIONS = 200;

/** One row of the stories list: the story and the outlets of the articles the actor may read in it. */
export interface StoryListRow {
  id: string;
  title: string;
  status: "SUGGESTED" | "CONFIRMED";
  updatedAt: Date;
  articles: { id: string; title: string; outlet: string; publishedAt: Date | null; suggested: boolean }[];
}

/**
 * The stories the actor may read, the STORY_LIST_LIMIT changed last, each with its readable articles
 * (outlet, date, whether still suggested). Editors see every story; a reviewer only stories holding a
 * claim they may read, with only those claims' articles. Two queries.
 */
export async function listStories(actor: Actor): Promise<StoryListRow[]> {
  const db = await getDb();
  const readable: Prisma.ArticleWhereInput = isEditor(actor) ? {} : { claims: { some: visibleClaimsWhere(actor) } };
  const stories = await db.story.findMany({
    where: isEditor(actor) ? {} : { articles: { some: { article: readable } } },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: STORY_LIST_LIMIT,
    select: { id: true, title: true, status: true, updatedAt: true },
  });
  const members = await db.storyArticle.findMany({
    where: { storyId: { in: stories.map((s) => s.id) }, article: readable },
    select: { storyId: true, suggested: true, article: { select: { id: true, title: true, outlet: true, publishedAt: true } } },
  });
  const byStory = new Map<string, StoryListRow["articles"]>();
  for (const m of members) byStory.set(m.storyId, [...(byStory.get(m.storyId) ?? []), { ...m.article, suggested: m.suggested }]);
  return stories.map((s) => ({
    id: s.id,
    title: s.title,
    status: s.status === "CONFIRMED" ? "CONFIRMED" : "SUGGESTED",
    updatedAt: s.updatedAt,
    articles: (byStory.get(s.id) ?? []).sort((a, b) => (a.publishedAt?.getTime() ?? Infinity) - (b.publishedAt?.getTime() ?? Infinity)),
  }));
}

/**
 * Articles in no story, the STORY_ARTICLE_OPTIONS imported last, for an editor making a story or adding
 * to one.
 * @throws AppError FORBIDDEN for reviewers.
 */
export async function listStorylessArticles(actor: Actor): Promise<{ id: string; title: string; outlet: string }[]> {
  assertEditor(actor, "make stories");
  const db = await getDb();
  return db.article.findMany({
    where: { storyArticle: null },
    orderBy: { importedAt: "desc" },
    take: STORY_ARTICLE_OPTIONS,
    select: { id: true, title: true, outlet: true },
  });
}
