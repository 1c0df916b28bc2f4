import "server-only";
import { planReviewers, type ReviewerSlot } from "@/lib/domain/double-review";
import { invalid, staleVersion } from "@/lib/domain/errors";
import { appendAuditEvent } from "./audit";
import { provider, type Db, type Tx } from "./db";
import type { Actor } from "./permissions";

/** A claim's double-review rows (none for a single review), slot 1 first, with names. */
export async function loadClaimReviewers(db: Db | Tx, claimId: string) {
  return db.claimReviewer.findMany({
    where: { claimId },
    orderBy: { slot: "asc" },
    select: { slot: true, userId: true, createdAt: true, user: { select: { id: true, name: true } } },
  });
}

/**
 * Brings a claim's reviewer rows in line with an assignment, inside its transaction: slot 1 follows
 * the assignee, slot 2 is the requested second reviewer (undefined keeps the current one, null ends
 * the double review). Refuses a second reviewer who is the first one, or not an active user.
 * Records a change of second reviewer; returns who newly joined as second reviewer.
 */
export async function syncClaimReviewers(
  tx: Tx,
  actor: Actor,
  before: { id: string; assigneeId: string | null },
  after: { id: string; assigneeId: string | null; version: number },
  secondReviewerId: string | null | undefined,
): Promise<{ added: { userId: string; slot: ReviewerSlot }[] }> {
  const current = await loadClaimReviewers(tx, after.id);
  const currentSecond = current.find((r) => r.slot === 2) ?? null;
  const plan = planReviewers(after.assigneeId, secondReviewerId, currentSecond?.userId ?? null);
  if (!plan.ok) throw invalid(plan.field, plan.reason);
  const wantedSecond = plan.reviewers.find((r) => r.slot === 2)?.userId ?? null;
  let secondName: string | null = null;
  if (wantedSecond && wantedSecond !== currentSecond?.userId) {
    const user = await tx.user.findUnique({ where: { id: wantedSecond }, select: { active: true, name: true } });
    if (!user || !user.active) throw invalid("secondReviewerId", "Choose an active second reviewer.");
    secondName = user.name;
  }
  const keep = (r: { slot: number; userId: string }) => plan.reviewers.some((p) => p.slot === r.slot && p.userId === r.userId);
  const stale = current.filter((r) => !keep(r));
  const missing = plan.reviewers.filter((p) => !current.some((r) => r.slot === p.slot && r.userId === p.userId));
  if (stale.length === 0 && missing.length === 0) return { added: [] };
  if (stale.length > 0) await tx.claimReviewer.deleteMany({ where: { claimId: after.id, slot: { in: stale.map((r) => r.slot) } } });
  for (const p of missing) await tx.claimReviewer.create({ data: { claimId: after.id, userId: p.userId, slot: p.slot } });

  if (wantedSecond === (currentSecond?.userId ?? null)) return { added: [] };
  await appendAuditEvent(tx, {
    actorId: actor.id,
    action: "claim.reviewers",
    entityType: "Claim",
    entityId: after.id,
    entityVersion: after.version,
    claimId: after.id,
    before: { secondReviewerId: currentSecond?.userId ?? null, secondReviewer: currentSecond?.user.name ?? null },
    after: { secondReviewerId: wantedSecond, secondReviewer: wantedSecond ? (secondName ?? currentSecond?.user.name ?? null) : null },
  });
  // Someone who already reviewed the claim (a swap of slots) is not newly assigned.
  const wasReviewer = (id: string) => id === before.assigneeId || current.some((r) => r.userId === id);
  return { added: wantedSecond && !wasReviewer(wantedSecond) ? [{ userId: wantedSecond, slot: 2 }] : [] };
}

/**
 * Serialises steps on one claim without changing it (its version and updatedAt stay, so nothing
 * shows that a blind reviewer did something): PostgreSQL takes the row lock; the SQLite adapter runs
 * one transaction at a time. Then checks the claim is still at the version the step started from.
 */
export async function lockClaimRow(tx: Tx, claim: { id: string; version: number }) {
  if (provider === "postgresql") await tx.$queryRaw`SELECT "id" FROM "Claim" WHERE "id" = ${claim.id} FOR UPDATE`;
  const current = await tx.claim.findUnique({ where: { id: claim.id }, select: { version: true } });
  if (current?.version !== claim.version) throw staleVersion();
}
