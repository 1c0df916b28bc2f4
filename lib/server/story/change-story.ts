import "server-only";
import { AppError } from "@/lib/domain/errors";
import type {
  ConfirmStoryInput,
  CreateStoryInput,
  RenameStoryInput,
  SplitStoryInput,
  StoryArticleInput,
} from "@/lib/validation/stories";
import { assertEditor, type Actor } from "../permissions";
import { inTransaction } from "../transaction";
import { assertNotInOtherStory, auditStory, bumpStory, loadArticlesForStory, loadStoryForUpdate } from "./story-writes";

/**
 * An editor makes a story by hand from articles in no story yet. It is CONFIRMED at once (origin MANUAL).
 * @returns the new story's id and version (1).
 * @throws AppError FORBIDDEN (not an editor), NOT_FOUND (an unknown article), CONFLICT (an article is
 * already in a story). Nothing is written when it throws.
 */
export async function createStory(actor: Actor, input: CreateStoryInput): Promise<{ id: string; version: number }> {
  assertEditor(actor, "make stories");
  return inTransaction(async (tx) => {
    const articles = await loadArticlesForStory(tx, input.articleIds);
    assertNotInOtherStory(articles, null);
    const now = new Date();
    const story = await tx.story.create({
      data: {
        title: input.title,
        status: "CONFIRMED",
        origin: "MANUAL",
        createdById: actor.id,
        confirmedById: actor.id,
        confirmedAt: now,
        articles: { create: articles.map((a) => ({ articleId: a.id, suggested: false, addedById: actor.id })) },
      },
      select: { id: true, version: true },
    });
    await auditStory(tx, actor.id, "story.create", story.id, story.version, {
      after: { title: input.title, status: "CONFIRMED", articles: articles.map((a) => a.title) },
    });
    return story;
  });
}

/**
 * An editor confirms a suggested story: the story and every suggested membership become confirmed.
 * @returns the new version.
 * @throws AppError FORBIDDEN, NOT_FOUND, CONFLICT (the story changed since the editor saw it).
 */
export async function confirmStory(actor: Actor, input: ConfirmStoryInput): Promise<{ version: number }> {
  assertEditor(actor, "confirm stories");
  return inTransaction(async (tx) => {
    const story = await loadStoryForUpdate(tx, input.storyId, input.expectedVersion);
    const version = await bumpStory(tx, story, { status: "CONFIRMED", confirmedById: actor.id, confirmedAt: new Date() });
    const { count } = await tx.storyArticle.updateMany({ where: { storyId: story.id, suggested: true }, data: { suggested: false } });
    await auditStory(tx, actor.id, "story.confirm", story.id, version, { before: { status: story.status }, after: { status: "CONFIRMED", articlesConfirmed: count } });
    return { version };
  });
}

/**
 * An editor renames a story.
 * @throws AppError FORBIDDEN, NOT_FOUND, CONFLICT.
 */
export async function renameStory(actor: Actor, input: RenameStoryInput): Promise<{ version: number }> {
  assertEditor(actor, "rename stories");
  return inTransaction(async (tx) => {
    const story = await loadStoryForUpdate(tx, input.storyId, input.expectedVersion);
    const version = await bumpStory(tx, story, { title: input.title });
    await auditStory(tx, actor.id, "story.rename", story.id, version, { before: { title: story.title }, after: { title: input.title } });
    return { version };
  });
}

/**
 * An editor splits a story: the chosen articles leave it, either into a new CONFIRMED story (origin
 * SPLIT, titled `title` or after the first chosen article) or out of any story. At least one article
 * must stay. Suggestion never puts them back: it only ever places the article being imported.
 * @returns the split story's new version and the new story's id (null when the articles left all stories).
 * @throws AppError FORBIDDEN, NOT_FOUND (unknown story), VALIDATION (an article not in the story, or all
 * of them chosen), CONFLICT (the story changed since the editor saw it). Nothing is written when it throws.
 */
export async function splitStory(actor: Actor, input: SplitStoryInput): Promise<{ version: number; newStoryId: string | null }> {
  assertEditor(actor, "split stories");
  return inTransaction(async (tx) => {
    const story = await loadStoryForUpdate(tx, input.storyId, input.expectedVersion);
    const members = await tx.storyArticle.findMany({ where: { storyId: story.id }, select: { articleId: true, article: { select: { title: true } } } });
    const memberIds = new Set(members.map((m) => m.articleId));
    const outsider = input.articleIds.find((id) => !memberIds.has(id));
    if (outsider) throw new AppError("VALIDATION", "One of the chosen articles is not in this story; nothing was changed.");
    if (input.articleIds.length >= members.length) {
      throw new AppError("VALIDATION", "Choose the articles that leave the story, not all of them: at least one must stay.");
    }
    const moving = members.filter((m) => input.articleIds.includes(m.articleId));
    const version = await bumpStory(tx, story);
    await tx.storyArticle.deleteMany({ where: { storyId: story.id, articleId: { in: input.articleIds } } });
    let newStoryId: string | null = null;
    if (input.into === "NEW") {
      const now = new Date();
      const created = await tx.story.create({
        data: {
          title: input.title ?? moving[0]!.article.title,
          status: "CONFIRMED",
          origin: "SPLIT",
          createdById: actor.id,
          confirmedById: actor.id,
          confirmedAt: now,
          articles: { create: moving.map((m) => ({ articleId: m.articleId, suggested: false, addedById: actor.id })) },
        },
        select: { id: true, title: true, version: true },
      });
      newStoryId = created.id;
      await auditStory(tx, actor.id, "story.create", created.id, created.version, {
        after: { title: created.title, status: "CONFIRMED", splitFrom: story.id, articles: moving.map((m) => m.article.title) },
      });
    }
    await auditStory(tx, actor.id, "story.split", story.id, version, {
      before: { articles: members.map((m) => m.article.title) },
      after: { moved: moving.map((m) => m.article.title), into: newStoryId ?? "no story" },
    });
    return { version, newStoryId };
  });
}

/**
 * An editor adds an article (in no story yet) to a story, confirmed.
 * @throws AppError FORBIDDEN, NOT_FOUND, CONFLICT (the story changed, or the article is in a story).
 */
export async function addArticleToStory(actor: Actor, input: StoryArticleInput): Promise<{ version: number }> {
  assertEditor(actor, "change stories");
  return inTransaction(async (tx) => {
    const story = await loadStoryForUpdate(tx, input.storyId, input.expectedVersion);
    const [article] = await loadArticlesForStory(tx, [input.articleId]);
    if (article!.storyId === story.id) throw new AppError("VALIDATION", `"${article!.title}" is already in this story.`);
    assertNotInOtherStory([article!], story.id);
    const version = await bumpStory(tx, story);
    await tx.storyArticle.create({ data: { storyId: story.id, articleId: article!.id, suggested: false, addedById: actor.id } });
    await auditStory(tx, actor.id, "story.article.add", story.id, version, { after: { article: article!.title, outlet: article!.outlet } });
    return { version };
  });
}

/**
 * An editor removes an article from a story. Removing the last article dissolves the story (its row and
 * conflict resolutions are deleted; the audit log keeps them).
 * @returns the new version, or null when the story was dissolved.
 * @throws AppError FORBIDDEN, NOT_FOUND (story), VALIDATION (the article is not in it), CONFLICT.
 */
export async function removeArticleFromStory(actor: Actor, input: StoryArticleInput): Promise<{ version: number | null }> {
  assertEditor(actor, "change stories");
  return inTransaction(async (tx) => {
    const story = await loadStoryForUpdate(tx, input.storyId, input.expectedVersion);
    const members = await tx.storyArticle.findMany({ where: { storyId: story.id }, select: { articleId: true, article: { select: { title: true } } } });
    const member = members.find((m) => m.articleId === input.articleId);
    if (!member) throw new AppError("VALIDATION", "That article is not in this story; nothing was changed.");
    const version = await bumpStory(tx, story);
    await tx.storyArticle.delete({ where: { storyId_articleId: { storyId: story.id, articleId: member.articleId } } });
    await auditStory(tx, actor.id, "story.article.remove", story.id, version, { before: { article: member.article.title } });
    if (members.length > 1) return { version };
    await tx.story.delete({ where: { id: story.id } });
    await auditStory(tx, actor.id, "story.dissolve", story.id, null, { before: { title: story.title, status: story.status } });
    return { version: null };
  });
}

/**
 * An editor accepts an article that import suggested for this (confirmed) story: it joins the
 * comparison. The other pending suggestions stay pending.
 * @throws AppError FORBIDDEN, NOT_FOUND (story), VALIDATION (the article is not a pending suggestion of
 * this story), CONFLICT (the story changed since the editor saw it).
 */
export async function acceptStoryArticle(actor: Actor, input: StoryArticleInput): Promise<{ version: number }> {
  assertEditor(actor, "change stories");
  return inTransaction(async (tx) => {
    const story = await loadStoryForUpdate(tx, input.storyId, input.expectedVersion);
    const member = await tx.storyArticle.findUnique({ where: { articleId: input.articleId }, select: { storyId: true, suggested: true, article: { select: { title: true } } } });
    if (!member || member.storyId !== story.id || !member.suggested) {
      throw new AppError("VALIDATION", "That article is not a suggestion waiting in this story; nothing was changed.");
    }
    const version = await bumpStory(tx, story);
    await tx.storyArticle.update({ where: { articleId: input.articleId }, data: { suggested: false, addedById: actor.id } });
    await auditStory(tx, actor.id, "story.article.accept", story.id, version, { after: { article: member.article.title } });
    return { version };
  });
}
