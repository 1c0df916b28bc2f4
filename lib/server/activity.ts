import "server-only";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { ActivityFilter } from "@/lib/validation/activity";
import { getDb } from "./db";
import { assertEditor, blindClaimsWhere, type Actor } from "./permissions";

export const ACTIVITY_PAGE_SIZE = 50;

/**
 * The feed's conditions. `hiddenClaimIds`: claims the actor reviews blind (an editor can be one of the
 * two reviewers of a blind double review); their steps by anyone else stay out of the actor's feed
 * until the claim leaves the review stage, as they do on the claim's own page.
 */
export function activityWhere(actor: Actor, filter: ActivityFilter, hiddenClaimIds: readonly string[] = []): Prisma.AuditEventWhereInput {
  const conditions: Prisma.AuditEventWhereInput[] = [];
  if (hiddenClaimIds.length) conditions.push({ OR: [{ claimId: null }, { claimId: { notIn: [...hiddenClaimIds] } }, { actorId: actor.id }] });
  if (filter.actorId) conditions.push({ actorId: filter.actorId });
  if (filter.action) conditions.push({ action: filter.action });
  if (filter.from) conditions.push({ at: { gte: new Date(`${filter.from}T00:00:00.000Z`) } });
  if (filter.to) conditions.push({ at: { lte: new Date(`${filter.to}T23:59:59.999Z`) } });
  if (filter.before) conditions.push({ id: { lt: filter.before } });
  return { AND: conditions };
}

/**
 * The desk's activity feed (editors): every recorded step, newest first, filtered by person, action
 * and date, in keyset pages of ACTIVITY_PAGE_SIZE (`before` = the last id shown). Three queries a page:
 * the claims the actor reviews blind, the events with their actors, the texts of their claims.
 */
export async function listActivity(actor: Actor, filter: ActivityFilter, pageSize = ACTIVITY_PAGE_SIZE) {
  assertEditor(actor, "see the desk's activity");
  const db = await getDb();
  const hidden = await db.claim.findMany({ where: blindClaimsWhere(actor), select: { id: true } });
  const rows = await db.auditEvent.findMany({
    where: activityWhere(actor, filter, hidden.map((c) => c.id)),
    orderBy: { id: "desc" },
    take: pageSize + 1,
    select: {
      id: true,
      at: true,
      action: true,
      entityType: true,
      entityId: true,
      claimId: true,
      before: true,
      after: true,
      actor: { select: { id: true, name: true } },
    },
  });
  const events = rows.slice(0, pageSize);
  const claimIds = [...new Set(events.map((e) => e.claimId).filter((id): id is string => id !== null))];
  const claims = claimIds.length
    ? await db.claim.findMany({ where: { id: { in: claimIds } }, select: { id: true, text: true } })
    : [];
  const claimText = new Map(claims.map((c) => [c.id, c.text]));
  return {
    events: events.map((e) => ({ ...e, claim: e.claimId ? { id: e.claimId, text: claimText.get(e.claimId) ?? "" } : null })),
    nextBefore: rows.length > pageSize ? events[events.length - 1]!.id : null,
  };
}
export type ActivityPage = Awaited<ReturnType<typeof listActivity>>;

/** People who appear in the feed's person filter: everyone with an account. */
export async function listPeople(actor: Actor) {
  assertEditor(actor, "see the desk's activity");
  const db = await getDb();
  return db.user.findMany({ select: { id: true, name: true, role: true, active: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
}
