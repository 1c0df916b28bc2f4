/**
 * Blind double review. An editor may require two reviewers on a claim: slot 1 is the claim's assignee
 * (the primary reviewer), slot 2 the second reviewer, always someone else. While the claim is in the
 * review stage each reviewer works alone: their evidence, verdict and comments are hidden from the
 * other reviewer. The claim reaches "Verdict proposed" only once both have proposed; from then on
 * both see everything, and an editor decides by approving one of the two verdicts or returning both.
 */
import { REVIEWER_EDITABLE_STATUSES, type ClaimStatus } from "./claim-status";

export const REVIEWER_SLOTS = [1, 2] as const;
export type ReviewerSlot = (typeof REVIEWER_SLOTS)[number];

/** Statuses in which a double-reviewed claim is blind for its reviewers: the review stage. */
export const BLIND_STATUSES: readonly ClaimStatus[] = REVIEWER_EDITABLE_STATUSES;

export function isBlindStatus(status: string): boolean {
  return (BLIND_STATUSES as readonly string[]).includes(status);
}

/** Is the claim blind for this user: double-reviewed, they are one of its reviewers, still in review? */
export function isBlindFor(userId: string, claim: { status: string; reviewers: readonly { userId: string }[] }): boolean {
  return isBlindStatus(claim.status) && claim.reviewers.some((r) => r.userId === userId);
}

/** The reviewers whose verdict a claim needs before it is proposed: the assignee, or both slots. */
export function requiredProposers(claim: { assigneeId: string | null; reviewers: readonly { userId: string }[] }): string[] {
  if (claim.reviewers.length > 0) return claim.reviewers.map((r) => r.userId);
  return claim.assigneeId ? [claim.assigneeId] : [];
}

/** Have all required reviewers proposed (each has a verdict in the PROPOSED state)? */
export function allHaveProposed(required: readonly string[], proposedBy: readonly string[]): boolean {
  return required.length > 0 && required.every((id) => proposedBy.includes(id));
}

export type ReviewerPlan =
  | { ok: true; reviewers: { slot: ReviewerSlot; userId: string }[] }
  | { ok: false; field: "assigneeId" | "secondReviewerId"; reason: string };

/**
 * The reviewer rows a claim should have after an assignment: none for a single review, slots 1 and 2
 * for a double review. `second` undefined keeps the current second reviewer (if any).
 */
export function planReviewers(assigneeId: string | null, second: string | null | undefined, currentSecond: string | null): ReviewerPlan {
  const wanted = second === undefined ? currentSecond : second;
  if (!wanted) return { ok: true, reviewers: [] };
  if (!assigneeId) {
    return second
      ? { ok: false, field: "secondReviewerId", reason: "Choose the first reviewer before a second one." }
      : { ok: true, reviewers: [] };
  }
  if (wanted === assigneeId) {
    return { ok: false, field: "secondReviewerId", reason: "The second reviewer must be someone other than the first." };
  }
  return { ok: true, reviewers: [{ slot: 1, userId: assigneeId }, { slot: 2, userId: wanted }] };
}
