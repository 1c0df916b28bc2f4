import "server-only";
/**
 * What every claim write shares: loading a claim for update (version-checked), its status, the
 * status machine's step with its audit event (applyTransition) and the move into review.
 */
import { checkTransition, isClaimStatus, REVIEWER_EDITABLE_STATUSES, type ClaimStatus, type ClaimTransitionName } from "@/lib/domain/claim-status";
import { AppError, notFound, staleVersion } from "@/lib/domain/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { appendAuditEvent } from "../audit";
import type { Tx } from "../db";
import { visibleClaimsWhere, type Actor } from "../permissions";

export type ClaimRow = Prisma.ClaimGetPayload<object>;

/** Loads a claim the actor may see, checking the version the actor saw. */
export async function loadClaimForUpdate(tx: Tx, actor: Actor, claimId: string, expectedVersion?: number): Promise<ClaimRow> {
  const claim = await tx.claim.findFirst({ where: { AND: [{ id: claimId }, visibleClaimsWhere(actor)] } });
  if (!claim) throw notFound();
  if (expectedVersion !== undefined && claim.version !== expectedVersion) {
    throw staleVersion("claim", { status: claim.status, version: claim.version, assigneeId: claim.assigneeId });
  }
  return claim;
}

/**
 * An editor's status step: loadClaimForUpdate, then the transition `name` checked against the claim's
 * status. Throws what loadClaimForUpdate throws, and AppError INVALID_TRANSITION with the rule's reason
 * (lib/domain/claim-status.ts) when the claim's status does not allow the step.
 */
export async function loadClaimForTransition(tx: Tx, actor: Actor, claimId: string, expectedVersion: number | undefined, name: ClaimTransitionName): Promise<ClaimRow> {
  const claim = await loadClaimForUpdate(tx, actor, claimId, expectedVersion);
  const check = checkTransition(claimStatus(claim), name);
  if (!check.ok) throw new AppError("INVALID_TRANSITION", check.reason);
  return claim;
}

/** The columns of a claim a reviewer's step (evidence, proposal) reads and writes. */
export type WorkClaim = Pick<ClaimRow, "id" | "status" | "version" | "assigneeId">;

/** The columns every status change needs (applyTransition and the steps around it). */
export type ClaimCore = WorkClaim;

export function claimStatus(claim: Pick<ClaimRow, "id" | "status">): ClaimStatus {
  if (!isClaimStatus(claim.status)) throw new Error(`Claim ${claim.id} has unknown status ${claim.status}`);
  return claim.status;
}

/**
 * Moves a claim along the status machine (refusing anything the table does not allow), bumps its
 * version only if nobody else did in between, and records the step. Returns the updated row.
 */
export async function applyTransition<C extends ClaimCore>(
  tx: Tx,
  actor: Actor,
  claim: C,
  name: ClaimTransitionName,
  options: {
    data?: Prisma.ClaimUncheckedUpdateManyInput;
    reason?: string;
    details?: Record<string, unknown>;
    beforeDetails?: Record<string, unknown>;
  } = {},
): Promise<C> {
  const from = claimStatus(claim);
  const check = checkTransition(from, name);
  if (!check.ok) throw new AppError("INVALID_TRANSITION", check.reason);
  const to = check.transition.to;
  const updatedAt = new Date();
  const data = options.data && Object.keys(options.data).length > 0 ? options.data : undefined;
  // A bare status change (the reviewers' steps) is one hand-written UPDATE; one with more columns goes through Prisma.
  const count = data
    ? (await tx.claim.updateMany({ where: { id: claim.id, version: claim.version }, data: { ...data, status: to, version: { increment: 1 }, updatedAt } })).count
    : await tx.$executeRaw`UPDATE "Claim" SET "status" = ${to}, "version" = "version" + 1, "updatedAt" = ${updatedAt} WHERE "id" = ${claim.id} AND "version" = ${claim.version}`;
  if (count !== 1) throw staleVersion();
  // The row as written: the update matched the version read, so every other column is as read. Only
  // data with operators (not plain values) needs the row read back.
  const plain = Object.values(options.data ?? {}).every((v) => v === null || v instanceof Date || typeof v !== "object");
  const updated: C = plain
    ? { ...claim, ...(options.data as Partial<ClaimRow>), status: to, version: claim.version + 1, updatedAt }
    : ((await tx.claim.findUniqueOrThrow({ where: { id: claim.id } })) as unknown as C);
  await appendAuditEvent(tx, {
    actorId: actor.id,
    action: `claim.${name}`,
    entityType: "Claim",
    entityId: claim.id,
    entityVersion: updated.version,
    claimId: claim.id,
    before: { status: from, ...pickChanged(claim, options.data), ...options.beforeDetails },
    after: { status: to, ...pickChanged(updated, options.data), ...(options.reason ? { reason: options.reason } : {}), ...options.details },
  });
  return updated;
}

/** The values of `data`'s keys in `row` (null for missing ones): the audit event's before/after of a change. */
export function pickChanged(row: ClaimCore, data: object | undefined): Record<string, unknown> {
  if (!data) return {};
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(data)) out[key] = (row as Record<string, unknown>)[key] ?? null;
  return out;
}

/** Moves an assigned, returned or reopened claim into review when its reviewer starts working. */
export async function ensureInReview<C extends ClaimCore>(tx: Tx, actor: Actor, claim: C): Promise<C> {
  const status = claimStatus(claim);
  if (status === "IN_REVIEW") return claim;
  if (!REVIEWER_EDITABLE_STATUSES.includes(status)) {
    const check = checkTransition(status, "startReview");
    throw new AppError("INVALID_TRANSITION", check.ok ? "This claim is not open for review." : check.reason);
  }
  return applyTransition(tx, actor, claim, "startReview");
}
