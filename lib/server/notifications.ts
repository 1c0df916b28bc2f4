import "server-only";
import { REVIEWER_EDITABLE_STATUSES } from "@/lib/domain/claim-status";
import { notFound } from "@/lib/domain/errors";
import { describeNotification, dueReminderKey, parseDetail, tomorrowWindow, type NotificationKind } from "@/lib/domain/notifications";
import { Prisma } from "@/lib/generated/sqlite/client";
import type { MarkNotificationReadInput } from "@/lib/validation/notifications";
import { getDb, type Tx } from "./db";
import { readRows } from "./direct-read";
import { isEditor, visibleClaimSql, visibleClaimsWhere, type Actor } from "./permissions";

// ---------------------------------------------------------------------------------------------
// Writes inside the caller's transaction: a notification commits or rolls back with its step.

/** Notifies each user once about a step on a claim; nobody is notified of their own step. */
async function notifyUsers(
  tx: Tx,
  actor: Actor,
  kind: NotificationKind,
  claimId: string,
  recipients: readonly { userId: string; detail?: Record<string, unknown> }[],
) {
  const seen = new Set<string>([actor.id]);
  const data: Prisma.NotificationCreateManyInput[] = [];
  for (const r of recipients) {
    if (seen.has(r.userId)) continue;
    seen.add(r.userId);
    data.push({ userId: r.userId, kind, claimId, actorId: actor.id, detail: r.detail ? JSON.stringify(r.detail) : null });
  }
  if (data.length > 0) await tx.notification.createMany({ data });
}

/** "Assigned to you": a new assignee, or a new second reviewer of a blind double review (slot 2). */
export async function notifyAssigned(tx: Tx, actor: Actor, claimId: string, assignees: readonly { userId: string; slot?: number }[]) {
  await notifyUsers(tx, actor, "ASSIGNED", claimId, assignees.map((a) => ({ userId: a.userId, detail: a.slot === 2 ? { slot: 2 } : undefined })));
}

/**
 * "Assigned to you" for many claims at once (a bulk assignment): one multi-row INSERT, nobody told
 * of their own step; none when `assignments` is empty.
 */
export async function notifyAssignedClaims(tx: Tx, actor: Actor, assignments: readonly { claimId: string; userId: string }[]) {
  const data = assignments.filter((a) => a.userId !== actor.id).map((a) => ({ userId: a.userId, kind: "ASSIGNED", claimId: a.claimId, actorId: actor.id, detail: null }));
  if (data.length > 0) await tx.notification.createMany({ data });
}

/** "Returned to you": each reviewer whose verdict went back, with the editor's reason. */
export async function notifyReturned(tx: Tx, actor: Actor, claimId: string, proposerIds: readonly string[], reason: string) {
  await notifyUsers(tx, actor, "RETURNED", claimId, proposerIds.map((userId) => ({ userId, detail: { reason } })));
}

/** "Approved": the reviewer whose verdict was approved, and in a double review the other reviewer too. */
export async function notifyApproved(tx: Tx, actor: Actor, claimId: string, approvedProposerId: string, otherReviewerIds: readonly string[] = []) {
  await notifyUsers(tx, actor, "APPROVED", claimId, [
    { userId: approvedProposerId, detail: { yours: true } },
    ...otherReviewerIds.map((userId) => ({ userId, detail: { yours: false } })),
  ]);
}

/** "Mentioned": the people a comment mentions (the comment's text stays on the claim page). */
export async function notifyMentioned(tx: Tx, actor: Actor, claimId: string, commentId: string, userIds: readonly string[]) {
  await notifyUsers(tx, actor, "MENTIONED", claimId, userIds.map((userId) => ({ userId, detail: { commentId } })));
}

// ---------------------------------------------------------------------------------------------
// Due-tomorrow reminders: no scheduler. They are materialised when the recipient's count or list is
// read, at most once per user, claim and due date (unique dedupeKey), so reading twice, or two
// requests at once, never duplicates one.

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/**
 * The condition on `Claim c` of the actor's review work due in `window`: claims they review (as
 * assignee or double reviewer), open for review, due in the window, leaving out those where they
 * already proposed (a double reviewer who proposed has nothing left to do on it).
 */
function dueWorkSql(actor: Actor, window: { from: Date; to: Date }): Prisma.Sql {
  return Prisma.sql`(c."assigneeId" = ${actor.id} OR EXISTS (SELECT 1 FROM "ClaimReviewer" r WHERE r."claimId" = c."id" AND r."userId" = ${actor.id}))
      AND c."status" IN (${Prisma.join([...REVIEWER_EDITABLE_STATUSES])})
      AND c."dueAt" >= ${window.from} AND c."dueAt" < ${window.to}
      AND NOT EXISTS (SELECT 1 FROM "Verdict" v WHERE v."claimId" = c."id" AND v."proposedById" = ${actor.id} AND v."state" = 'PROPOSED')`;
}

/** Creates the missing "due tomorrow" reminders for the actor's open review work. Returns how many. */
export async function materializeDueReminders(actor: Actor, now = new Date()): Promise<number> {
  const db = await getDb();
  const window = tomorrowWindow(now);
  // The claims the actor reviews (as assignee or double reviewer), open for review and due in the
  // window, leaving out those where they already proposed (a double reviewer who proposed has nothing
  // left to do on it). Hand-written (the same SQL on both databases): every page's header runs it.
  const due = await db.$queryRaw<{ id: string }[]>`SELECT c."id" FROM "Claim" c WHERE ${dueWorkSql(actor, window)} LIMIT 200`;
  if (due.length === 0) return 0;
  const wanted = due.map((c) => ({ claimId: c.id, key: dueReminderKey(actor.id, c.id, window.key) }));
  const existing = await db.notification.findMany({ where: { dedupeKey: { in: wanted.map((w) => w.key) } }, select: { dedupeKey: true } });
  const have = new Set(existing.map((e) => e.dedupeKey));
  let created = 0;
  for (const w of wanted) {
    if (have.has(w.key)) continue;
    try {
      await db.notification.create({
        data: { userId: actor.id, kind: "DUE_TOMORROW", claimId: w.claimId, detail: JSON.stringify({ due: window.key }), dedupeKey: w.key },
      });
      created += 1;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // a concurrent read created it first
    }
  }
  return created;
}

// ---------------------------------------------------------------------------------------------
// Reads and the recipient's own updates

/** The actor's notifications about claims they can (still) see, plus any not tied to a claim. */
function ownNotificationsWhere(actor: Actor): Prisma.NotificationWhereInput {
  if (isEditor(actor)) return { userId: actor.id };
  return { userId: actor.id, OR: [{ claimId: null }, { claim: { is: visibleClaimsWhere(actor) } }] };
}

/**
 * Unread notifications of the actor (for the header's bell, on every page), due reminders
 * materialised first. One hand-written statement in the usual case (the same SQL on both databases):
 * the unread count, stating ownNotificationsWhere (the actor's own, about no claim or a claim they
 * may see: visibleClaimSql), and whether any of the actor's work due tomorrow still lacks its
 * reminder (dueReminderKey, built in SQL); only then are reminders materialised and the count read again.
 * Both reads run on the driver (direct-read.ts): every page's header pays them.
 */
export async function countUnreadNotifications(actor: Actor, now = new Date()): Promise<number> {
  const window = tomorrowWindow(now);
  const unreadSql = Prisma.sql`SELECT COUNT(*) FROM "Notification" n
    WHERE n."userId" = ${actor.id} AND n."readAt" IS NULL
      AND (n."claimId" IS NULL OR EXISTS (SELECT 1 FROM "Claim" c WHERE c."id" = n."claimId"${visibleClaimSql(actor, "c")}))`;
  // dueReminderKey(userId, claimId, day) = due:<userId>:<claimId>:<day>
  const [row] = await readRows<{ unread: number | bigint | string; missing: number | bigint | string }>(Prisma.sql`SELECT (${unreadSql}) AS "unread",
    (SELECT COUNT(*) FROM "Claim" c WHERE ${dueWorkSql(actor, window)}
      AND NOT EXISTS (SELECT 1 FROM "Notification" d WHERE d."dedupeKey" = 'due:' || CAST(${actor.id} AS TEXT) || ':' || c."id" || ':' || CAST(${window.key} AS TEXT))) AS "missing"`);
  if (Number(row?.missing ?? 0) === 0) return Number(row?.unread ?? 0);
  await materializeDueReminders(actor, now);
  const [again] = await readRows<{ unread: number | bigint | string }>(Prisma.sql`SELECT (${unreadSql}) AS "unread"`);
  return Number(again?.unread ?? 0);
}

/** The actor's latest notifications, worded, newest first. */
export async function listNotifications(actor: Actor, now = new Date()) {
  await materializeDueReminders(actor, now);
  const db = await getDb();
  const rows = await db.notification.findMany({
    where: ownNotificationsWhere(actor),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    include: { actor: { select: { name: true } }, claim: { select: { id: true, text: true } } },
  });
  return rows.map((n) => ({
    id: n.id,
    kind: n.kind,
    claimId: n.claim?.id ?? null,
    createdAt: n.createdAt,
    readAt: n.readAt,
    text: describeNotification({ kind: n.kind, actorName: n.actor?.name ?? null, claimText: n.claim?.text ?? null, detail: parseDetail(n.detail) }),
  }));
}
export type NotificationItem = Awaited<ReturnType<typeof listNotifications>>[number];

/**
 * Marks one of the actor's notifications read (idempotent). Someone else's notification is not found.
 * Reading is the recipient's own state, not a desk step: it is not audited.
 */
export async function markNotificationRead(actor: Actor, input: MarkNotificationReadInput) {
  const db = await getDb();
  const result = await db.notification.updateMany({ where: { id: input.notificationId, userId: actor.id, readAt: null }, data: { readAt: new Date() } });
  if (result.count === 0 && !(await db.notification.findFirst({ where: { id: input.notificationId, userId: actor.id }, select: { id: true } }))) {
    throw notFound("notification");
  }
}

/** Marks all of the actor's unread notifications read; returns how many. */
export async function markAllNotificationsRead(actor: Actor): Promise<number> {
  const db = await getDb();
  const result = await db.notification.updateMany({ where: { userId: actor.id, readAt: null }, data: { readAt: new Date() } });
  return result.count;
}
