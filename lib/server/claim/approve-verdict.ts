import "server-only";
/**
 * An editor approves a proposed verdict (four-eyes rule).
 */
import { invalid } from "@/lib/domain/errors";
import { findRating } from "@/lib/domain/verdict-scale";
import type { ApproveVerdictInput } from "@/lib/validation/claims";
import { loadClaimReviewers } from "../double-review";
import { assertFourEyes } from "../four-eyes";
import { notifyApproved } from "../notifications";
import { assertEditor, type Actor } from "../permissions";
import { getVerdictScale } from "../settings";
import { inTransaction } from "../transaction";
import { applyTransition, loadClaimForTransition } from "./claim-transition";
import { loadProposedVerdicts, setVerdictState } from "./set-verdict-state";

/**
 * An editor approves the proposed verdict — never one they proposed themselves, nor one proposed
 * through an API token they created (four-eyes rule on the humans behind the acts). In a
 * blind double review they choose one of the two verdicts (the other is superseded), and an editor who
 * is one of the two reviewers cannot decide.
 */
export async function approveVerdict(actor: Actor, input: ApproveVerdictInput) {
  assertEditor(actor, "approve verdicts");
  return inTransaction(async (tx) => {
    const claim = await loadClaimForTransition(tx, actor, input.claimId, input.expectedVersion, "approve");
    const proposed = await loadProposedVerdicts(tx, claim.id);
    const reviewers = await loadClaimReviewers(tx, claim.id);
    const double = reviewers.length > 0;
    if (double && !input.verdictId) throw invalid("verdictId", "Choose which of the two verdicts to approve.");
    const verdict = input.verdictId ? proposed.find((v) => v.id === input.verdictId) : proposed[0];
    if (!verdict) throw invalid("verdictId", "That verdict is not waiting for approval on this claim.");
    await assertFourEyes(tx, actor, verdict, reviewers.map((r) => r.userId));
    // The rating as the scale names it now: reports show the label in force at approval.
    const rating = findRating(await getVerdictScale(tx), verdict.rating);
    await setVerdictState(tx, actor, verdict, "APPROVED", {
      approvedById: actor.id,
      approvedAt: new Date(),
      ...(rating ? { ratingLabel: rating.label, ratingColor: rating.color, ratingValue: rating.ratingValue } : {}),
    });
    const others = proposed.filter((v) => v.id !== verdict.id);
    for (const other of others) await setVerdictState(tx, actor, other, "SUPERSEDED");
    const updated = await applyTransition(tx, actor, claim, "approve", { details: { verdictId: verdict.id } });
    await notifyApproved(tx, actor, claim.id, verdict.proposedById, others.map((v) => v.proposedById));
    return updated;
  });
}
