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
const toMap = (rows: CountRow[]) => new Map(rows.filter((r) => r.assigneeId).map((r) => [r.assigneeId!, r._count._all]));

/**
 * Each reviewer's open, overdue and completed claims (editors). Counted by the database in a fixed
 * number of grouped queries, whatever the number of claims or people.
 */
export async function getWorkload(actor: Actor, now = new Date()) {
  assertEditor(actor, "see the desk's workload");
  const db = await getDb();
  const assigned = { assigneeId: { not: null } };
  const [open, overdue, waiting, completed, unassigned, unassignedOverdue] = await Promise.all([
    db.claim.groupBy({ by: ["assigneeId"], where: { ...assigned, status: { in: [...OPEN_STATUSES] } }, _count: { _all: true } }),
    db.claim.groupBy({ by: ["assigneeId"], where: { AND: [assigned, overdueClaimsWhere(now)] }, _count: { _all: true } }),
    db.claim.groupBy({ by: ["assigneeId"], where: { ...assigned, status: "PROPOSED" }, _count: { _all: true } }),
    db.claim.groupBy({ by: ["assigneeId"], where: { ...assigned, status: { in: [...COMPLETED_STATUSES] } }, _count: { _all: true } }),
    db.claim.count({ where: { assigneeId: null, status: "NEW" } }),
    db.claim.count({ where: { AND: [{ assigneeId: null, status: "NEW" }, overdueClaimsWhere(now)] } }),
  ]);
  const maps = { open: toMap(open), overdue: toMap(overdue), waiting: toMap(waiting), completed: toMap(completed) };
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
