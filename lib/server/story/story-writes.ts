import "server-only";
import { AppError, notFound, staleVersion } from "@/lib/domain/errors";
import type { Tx } from "../db";
import { appendAuditEvent } from "../audit";
import { sqlParameters } from "../report-rows";

/** A story row as the write steps read it under the audit lock. */
export interface LockedStory {
  id: string;
  title: string;
  status: string;
  version: number;
}

/**
 * Reads a story inside a step's transaction and checks the version the editor saw.
 * Steps run serialised by the audit chain's lock (lib/server/transaction.ts), and bumpStory's UPDATE
 * is conditional on the version as well, so a concurrent change is always seen.
 * @throws AppError NOT_FOUND (no such story), CONFLICT (another change came first; `current` holds the
 * story's status and version).
 */
export async function loadStoryForUpdate(tx: Tx, storyId: string, expectedVersion: number): Promise<LockedStory> {
  const story = await tx.story.findUnique({ where: { id: storyId }, select: { id: true, title: true, status: true, version: true } });
  if (!story) throw notFound("story");
  if (story.version !== expectedVersion) throw staleVersion("story", { status: story.status, version: story.version });
  return story;
}

/**
 * Compare-and-set: writes `data` and the next version only if the story is still at `story.version`
 * (one UPDATE).
 * @returns the new version.
 * @throws AppError CONFLICT when another step changed the story in between.
 */
export async function bumpStory(
  tx: Tx,
  story: LockedStory,
  data: { title?: string; status?: string; confirmedById?: string; confirmedAt?: Date } = {},
): Promise<number> {
  // One hand-written UPDATE (Prisma's updateMany compiled a plan per call on the request thread);
  // updatedAt is set here as Prisma's @updatedAt would.
  const { values, bind } = sqlParameters();
  const set = [`"version" = "version" + 1`, `"updatedAt" = ${bind(new Date())}`];
  for (const column of ["title", "status", "confirmedById", "confirmedAt"] as const) {
    if (data[column] !== undefined) set.push(`"${column}" = ${bind(data[column])}`);
  }
  const count = await tx.$executeRawUnsafe(`UPDATE "Story" SET ${set.join(", ")} WHERE "id" = ${bind(story.id)} AND "version" = ${bind(story.version)}`, ...values);
  if (count !== 1) throw staleVersion("story");
  return story.version + 1;
}

/**
 * Articles by id for a story step: every id must name an existing article. Returns them with the story
 * each is in now (null when in none).
 * @throws AppError NOT_FOUND naming how many ids are unknown.
 */
export async function loadArticlesForStory(
  tx: Tx,
  articleIds: readonly string[],
): Promise<{ id: string; title: string; outlet: string; storyId: string | null }[]> {
  const rows = await tx.article.findMany({
    where: { id: { in: [...articleIds] } },
    select: { id: true, title: true, outlet: true, storyArticle: { select: { storyId: true } } },
  });
  if (rows.length !== articleIds.length) {
    const missing = articleIds.length - rows.length;
    throw new AppError("NOT_FOUND", missing === 1 ? "One of the chosen articles does not exist." : `${missing} of the chosen articles do not exist.`);
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  return articleIds.map((id) => {
    const r = byId.get(id)!;
    return { id: r.id, title: r.title, outlet: r.outlet, storyId: r.storyArticle?.storyId ?? null };
  });
}

/**
 * Refuses articles that are already in a story other than `allowedStoryId`, naming the first one: an
 * article belongs to one story at most (split or remove it there first).
 * @throws AppError CONFLICT.
 */
export function assertNotInOtherStory(articles: { title: string; storyId: string | null }[], allowedStoryId: string | null): void {
  const taken = articles.find((a) => a.storyId !== null && a.storyId !== allowedStoryId);
  if (taken) {
    throw new AppError("CONFLICT", `"${taken.title}" is already in another story. Remove it from that story first; nothing was changed.`);
  }
}

/** Appends a story step's audit event (entity Story, its new version). */
export async function auditStory(
  tx: Tx,
  actorId: string | null,
  action: string,
  storyId: string,
  version: number | null,
  change: { before?: unknown; after?: unknown },
): Promise<void> {
  await appendAuditEvent(tx, { actorId, action, entityType: "Story", entityId: storyId, entityVersion: version, before: change.before, after: change.after });
}
