import "server-only";
/**
 * Loads a claim for a reviewer's step (evidence, proposal) in one hand-written statement.
 */
import { notFound, staleVersion } from "@/lib/domain/errors";
import { Prisma } from "@/lib/generated/sqlite/client";
import { AUDIT_HEAD_COLUMNS, auditChainLockSettled, auditChainTryLock, lockAuditChain, primeAuditChainHead } from "../audit";
import type { Tx } from "../db";
import { loadClaimReviewers } from "../double-review";
import { visibleClaimSql, type Actor } from "../permissions";
import { parseVerdictScale } from "../settings";
import type { WorkClaim } from "./claim-transition";

interface WorkClaimSqlRow extends WorkClaim {
  reviewerCount: number | bigint;
  evidenceCount: number | bigint;
  scaleValue: string | null;
  auditHeadId: number | bigint | null;
  auditHeadHash: string | null;
}

/**
 * A claim the actor may see, for a reviewer's step (evidence, proposal): its core columns
 * (version-checked like loadClaimForUpdate), its double reviewers, its evidence count (not removed),
 * the verdict scale and the audit chain's head — one hand-written statement (the same SQL on SQLite
 * and PostgreSQL; Prisma's query for a full claim row with two counts cost about ten times as much),
 * two on a double-reviewed claim (only then are the reviewer rows read). Call it after the chain lock
 * (inTransaction), or as the step's first statement, which then tries the lock itself
 * (inTransaction's chainLock "first-statement"; a busy lock costs a lock statement and a second read):
 * the head it reads spares appendAuditEvent its own read. Throws NOT_FOUND when
 * the claim does not exist or the actor may not see it, CONFLICT on another version.
 */
export async function loadClaimForWork(tx: Tx, actor: Actor, claimId: string, expectedVersion?: number) {
  const tryLock = auditChainTryLock(tx);
  let row = await readWorkClaim(tx, actor, claimId, tryLock);
  if (tryLock && row && !auditChainLockSettled(tx, row.auditLocked)) {
    // The lock was busy: wait for it, then read again under it.
    await lockAuditChain(tx);
    row = await readWorkClaim(tx, actor, claimId, null);
  }
  if (!row) throw notFound();
  primeAuditChainHead(tx, row);
  const claim: WorkClaim = { id: row.id, status: row.status, version: Number(row.version), assigneeId: row.assigneeId };
  if (expectedVersion !== undefined && claim.version !== expectedVersion) {
    throw staleVersion("claim", { status: claim.status, version: claim.version, assigneeId: claim.assigneeId });
  }
  const reviewers = Number(row.reviewerCount) > 0 ? await loadClaimReviewers(tx, claim.id) : [];
  return { claim, reviewers, evidenceCount: Number(row.evidenceCount), scale: parseVerdictScale(row.scaleValue) };
}

async function readWorkClaim(tx: Tx, actor: Actor, claimId: string, tryLock: ReturnType<typeof auditChainTryLock>) {
  const [row] = await tx.$queryRaw<(WorkClaimSqlRow & { auditLocked?: boolean })[]>`SELECT c."id", c."status", c."version", c."assigneeId",
    (SELECT count(*) FROM "ClaimReviewer" r WHERE r."claimId" = c."id") AS "reviewerCount",
    (SELECT count(*) FROM "Evidence" e WHERE e."claimId" = c."id" AND e."deletedAt" IS NULL) AS "evidenceCount",
    (SELECT s."value" FROM "Setting" s WHERE s."key" = 'verdictScale') AS "scaleValue",
    ${AUDIT_HEAD_COLUMNS}${tryLock ? Prisma.sql`, ${tryLock.locked} AS "auditLocked"` : Prisma.empty}
    FROM "Claim" c${tryLock ? Prisma.sql` CROSS JOIN ${tryLock.from}` : Prisma.empty} WHERE c."id" = ${claimId}${visibleClaimSql(actor, "c")}`;
  return row ?? null;
}
