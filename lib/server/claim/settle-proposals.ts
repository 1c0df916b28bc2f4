import "server-only";
/**
 * After a change of who has to propose: withdraws stale proposals and moves the claim on once every
 * required reviewer has proposed.
 */
import { REVIEWER_EDITABLE_STATUSES } from "@/lib/domain/claim-status";
import { allHaveProposed, requiredProposers } from "@/lib/domain/double-review";
import type { Tx } from "../db";
import { loadClaimReviewers } from "../double-review";
import type { Actor } from "../permissions";
import { applyTransition, claimStatus, ensureInReview, type ClaimCore } from "./claim-transition";
import { setVerdictState } from "./set-verdict-state";

/**
 * After a step that changes who still has to propose (a proposal, a change of reviewers): withdraws
 * pending proposals of people who no longer review the claim and, once every required reviewer has
 * a proposed verdict (the assignee, or both double reviewers), moves the claim to "Verdict proposed".
 */
export async function settleProposals<C extends ClaimCore>(tx: Tx, actor: Actor, claim: C): Promise<C> {
  const status = claimStatus(claim);
  const reviewers = await loadClaimReviewers(tx, claim.id);
  // A blind double review stays where it was (ASSIGNED, RETURNED, REOPENED) until both have proposed.
  if (!REVIEWER_EDITABLE_STATUSES.includes(status)) return claim;
  const required = requiredProposers({ assigneeId: claim.assigneeId, reviewers });
  const pending = await tx.verdict.findMany({ where: { claimId: claim.id, state: "PROPOSED" }, orderBy: { createdAt: "asc" } });
  for (const verdict of pending.filter((v) => !required.includes(v.proposedById))) {
    await setVerdictState(tx, actor, verdict, "SUPERSEDED", { returnReason: "Withdrawn: the reviewer no longer reviews this claim." });
  }
  const current = pending.filter((v) => required.includes(v.proposedById));
  if (!allHaveProposed(required, current.map((v) => v.proposedById))) return claim;
  const inReview = await ensureInReview(tx, actor, claim);
  return applyTransition(tx, actor, inReview, "propose", { details: { verdictIds: current.map((v) => v.id) } });
}
