import "server-only";
/**
 * An editor assigns, reassigns or unassigns a claim (priority, due date, second reviewer).
 */
import type { ClaimStatus } from "@/lib/domain/claim-status";
import { AppError, staleVersion } from "@/lib/domain/errors";
import type { AssignClaimInput } from "@/lib/validation/claims";
import { appendAuditEvent } from "../audit";
import { findAssignee } from "./find-assignee";
import type { Tx } from "../db";
import { syncClaimReviewers } from "../double-review";
import { notifyAssigned } from "../notifications";
import { assertEditor, type Actor } from "../permissions";
import { inTransaction } from "../transaction";
import { applyTransition, claimStatus, loadClaimForUpdate, pickChanged, type ClaimRow } from "./claim-transition";
import { settleProposals } from "./settle-proposals";

/**
 * The refusal to reassign a claim outside the review stage (a status not in REASSIGNABLE).
 */
export function notReassignable(status: ClaimStatus): AppError {
  return new AppError(
    "INVALID_TRANSITION",
    status === "PROPOSED"
      ? "This claim has a proposed verdict waiting for approval; approve or return it before reassigning."
      : "Only claims that are still in the review stage can be reassigned.",
  );
}

/** The statuses in which an assigned claim may be reassigned (or its priority and due date changed). */
export const REASSIGNABLE: readonly ClaimStatus[] = ["ASSIGNED", "IN_REVIEW", "RETURNED", "REOPENED"];

export interface AssignmentInput {
  claimId: string;
  expectedVersion: number;
  /** null unassigns. */
  assigneeId: string | null;
  /** Blind double review: a second reviewer, null for none; undefined keeps the current one. */
  secondReviewerId?: string | null;
  priority: string;
  dueAt?: Date;
}

export interface AssignmentResult {
  claim: ClaimRow;
  action: "claim.assign" | "claim.reassign" | "claim.unassign";
  previousAssigneeId: string | null;
}

/**
 * The one assignment step for one claim, inside the caller's transaction: assigns a new claim,
 * reassigns one still in review (or changes its priority and due date), or unassigns an assigned one;
 * sets or keeps the second reviewer of a blind double review; tells the new reviewers. Version-checked
 * and recorded. Single assignment runs this, and bulk assignment (bulk-assign-claims.ts) for a claim
 * in a blind double review or with a proposal waiting; its other claims are written in batches.
 */
export async function assignClaimInTransaction(tx: Tx, actor: Actor, input: AssignmentInput): Promise<AssignmentResult> {
  assertEditor(actor, "assign claims");
  const claim = await loadClaimForUpdate(tx, actor, input.claimId, input.expectedVersion);
  const action = input.assigneeId === null ? "claim.unassign" : claim.status === "NEW" ? "claim.assign" : "claim.reassign";
  let updated = await updateAssignment(tx, actor, claim, input);
  const reviewers = await syncClaimReviewers(tx, actor, claim, updated, input.secondReviewerId);
  updated = await settleProposals(tx, actor, updated);
  const newAssignee = updated.assigneeId && updated.assigneeId !== claim.assigneeId ? [{ userId: updated.assigneeId, slot: 1 }] : [];
  await notifyAssigned(tx, actor, claim.id, [...newAssignee, ...reviewers.added]);
  return { claim: updated, action, previousAssigneeId: claim.assigneeId };
}

/**
 * Assigns, reassigns or unassigns a claim (editors), with priority and due date, and optionally a
 * second reviewer for a blind double review. The new reviewers are notified in the same transaction.
 */
export async function assignClaim(actor: Actor, input: AssignClaimInput) {
  assertEditor(actor, "assign claims");
  const result = await inTransaction((tx) => assignClaimInTransaction(tx, actor, input));
  return result.claim;
}

/** The claim row's part of an assignment: status, assignee, priority and due date, recorded. */
async function updateAssignment(tx: Tx, actor: Actor, claim: ClaimRow, input: AssignmentInput): Promise<ClaimRow> {
  const status = claimStatus(claim);
  // Names go into the history next to the ids, so the timeline reads "Riley → Sam".
  const previous = claim.assigneeId
    ? await tx.user.findUnique({ where: { id: claim.assigneeId }, select: { name: true } })
    : null;
  const beforeDetails = { assignee: previous?.name ?? null };
  if (input.assigneeId === null) {
    return applyTransition(tx, actor, claim, "unassign", { data: { assigneeId: null }, beforeDetails, details: { assignee: null } });
  }
  const assignee = await findAssignee(tx, input.assigneeId);
  const data = { assigneeId: assignee.id, priority: input.priority, dueAt: input.dueAt ?? null };
  const details = { assignee: assignee.name };
  if (status === "NEW") return applyTransition(tx, actor, claim, "assign", { data, beforeDetails, details });
  if (!REASSIGNABLE.includes(status)) throw notReassignable(status);
  const result = await tx.claim.updateMany({
    where: { id: claim.id, version: claim.version },
    data: { ...data, version: { increment: 1 } },
  });
  if (result.count !== 1) throw staleVersion();
  const updated = await tx.claim.findUniqueOrThrow({ where: { id: claim.id } });
  await appendAuditEvent(tx, {
    actorId: actor.id,
    action: "claim.reassign",
    entityType: "Claim",
    entityId: claim.id,
    entityVersion: updated.version,
    claimId: claim.id,
    before: { ...pickChanged(claim, data), ...beforeDetails },
    after: { ...pickChanged(updated, data), ...details },
  });
  return updated;
}
