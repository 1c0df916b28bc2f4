import "server-only";
import { COMPLETED_STATUSES, OPEN_STATUSES, UNFINISHED_STATUSES } from "@/lib/domain/claim-status";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { getDb } from "./db";
import { assertEditor, type Actor } from "./permissions";

/** Claims past their due date and not finished (new or open). */
export function overdueClaimsWhere(now: Date): Prisma.ClaimWhereInput {
  return { dueAt: { lt: now }, status: { in: [...UNFINISHED_STATUSES] } };
}

export interface WorkloadRow {
  user: { id: string; name: string; role: string; active: boolean };
  open: number;
  overdue: number;
  waitingForApproval: number;
  completed: number;
}

type CountRow = { assigneeId: string | null; _count: { _all: number } };
type SecondRow = { userId: string; _count: { _all: number } };

/** Claims per person: as the assignee (first reviewer), plus as the second reviewer of a blind double review. */
function toMap(rows: CountRow[], second: SecondRow[]) {
  const map = new Map<string, number>();
  for (const r of rows) if (r.assigneeId) map.set(r.assigneeId, r._count._all);
  for (const r of second) map.set(r.userId, (map.get(r.userId) ?? 0) + r._count._all);
  return map;
}

/**
 * Each reviewer's open, overdue and completed claims (editors), as first or second reviewer. Counted
 * by the database in a fixed number of grouped queries, whatever the number of claims or people.
 */
export async function getWorkload(actor: Actor, now = new Date()) {
  assertEditor(actor, "see the desk's workload");
  const db = await getDb();
  const assigned = { assigneeId: { not: null } };
  const open: Prisma.ClaimWhereInput = { status: { in: [...OPEN_STATUSES] } };
  const overdue = overdueClaimsWhere(now);
  const waiting: Prisma.ClaimWhereInput = { status: "PROPOSED" };
  const completed: Prisma.ClaimWhereInput = { status: { in: [...COMPLETED_STATUSES] } };
  const byAssignee = (where: Prisma.ClaimWhereInput) => db.claim.groupBy({ by: ["assigneeId"], where: { AND: [assigned, where] }, _count: { _all: true } });
  const bySecond = (where: Prisma.ClaimWhereInput) => db.claimReviewer.groupBy({ by: ["userId"], where: { slot: 2, claim: where }, _count: { _all: true } });
  const [a1, a2, a3, a4, s1, s2, s3, s4, unassigned, unassignedOverdue] = await Promise.all([
    byAssignee(open),
    byAssignee(overdue),
    byAssignee(waiting),
    byAssignee(completed),
    bySecond(open),
    bySecond(overdue),
    bySecond(waiting),
    bySecond(completed),
    db.claim.count({ where: { assigneeId: null, status: "NEW" } }),
    db.claim.count({ where: { AND: [{ assigneeId: null, status: "NEW" }, overdue] } }),
  ]);
  const maps = { open: toMap(a1, s1), overdue: toMap(a2, s2), waiting: toMap(a3, s3), completed: toMap(a4, s4) };
  const withClaims = [...new Set([...maps.open.keys(), ...maps.completed.keys()])];
  // Every active reviewer, plus anyone else who holds claims (editors reviewing, deactivated people).
  const people = await db.user.findMany({
    where: { OR: [{ role: "REVIEWER", active: true }, { id: { in: withClaims } }] },
    select: { id: true, name: true, role: true, active: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  const rows: WorkloadRow[] = people.map((user) => ({
    user,
    open: maps.open.get(user.id) ?? 0,
    overdue: maps.overdue.get(user.id) ?? 0,
    waitingForApproval: maps.waiting.get(user.id) ?? 0,
    completed: maps.completed.get(user.id) ?? 0,
  }));
  return { rows, unassigned: { open: unassigned, overdue: unassignedOverdue } };
}
