import "server-only";
/**
 * The assigned reviewer proposes a verdict (each reviewer on their own evidence in a blind double review).
 */
import { AppError, invalid } from "@/lib/domain/errors";
import { checkVerdictEvidence, findRating, type VerdictRating } from "@/lib/domain/verdict-scale";
import type { ProposeVerdictInput } from "@/lib/validation/claims";
import { appendAuditEvent } from "../audit";
import { lockClaimRow } from "../double-review";
import { assertAssignee, type Actor } from "../permissions";
import { insertProposedVerdict } from "../row-inserts";
import { inTransaction } from "../transaction";
import { applyTransition, ensureInReview, type WorkClaim } from "./claim-transition";
import { loadClaimForWork } from "./load-claim-for-work";
import { settleProposals } from "./settle-proposals";

/**
 * The assigned reviewer proposes a verdict; factual ratings need evidence. In a blind double review
 * each reviewer proposes on their own evidence; the claim moves to "Verdict proposed" with the second
 * proposal. Before that neither reviewer's evidence nor proposal moves the claim (status, version and
 * update time stay), so the other reviewer's ETag and open page show nothing of work they cannot see.
 */
export async function proposeVerdict(actor: Actor, input: ProposeVerdictInput) {
  return (await proposeVerdictStep(actor, input)).claim;
}

/** proposeVerdict, also returning the verdict scale the step read (for the REST API's response). */
export async function proposeVerdictStep(actor: Actor, input: ProposeVerdictInput): Promise<{ claim: WorkClaim; scale: readonly VerdictRating[] }> {
  return inTransaction(async (tx) => {
    const loaded = await loadClaimForWork(tx, actor, input.claimId, input.expectedVersion);
    let claim = loaded.claim;
    const { reviewers } = loaded;
    assertAssignee(actor, { assigneeId: claim.assigneeId, reviewers });
    const double = reviewers.length > 0;
    const { scale } = loaded;
    const rating = findRating(scale, input.rating);
    if (!rating) throw new AppError("VALIDATION", "Choose a verdict from the scale.", { fields: { rating: ["Choose a verdict from the scale."] } });
    if (rating.retired) throw invalid("rating", `"${rating.label}" is retired from the scale: choose another verdict.`);
    // In a blind double review only the actor's own evidence counts.
    const evidenceCount = double ? await tx.evidence.count({ where: { claimId: claim.id, deletedAt: null, addedById: actor.id } }) : loaded.evidenceCount;
    const evidenceCheck = checkVerdictEvidence(rating, evidenceCount);
    if (!evidenceCheck.ok) throw new AppError("VALIDATION", evidenceCheck.reason, { fields: { rating: [evidenceCheck.reason] } });
    // Blind double review: one reviewer's work never moves the claim (its status and version, hence
    // the other reviewer's ETag and page, stay as they were) until both have proposed (issue 12).
    if (!double) claim = await ensureInReview(tx, actor, claim);
    if (double) {
      // Serialises the two reviewers' proposals, so the second one always sees the first.
      await lockClaimRow(tx, claim);
      if ((await tx.verdict.count({ where: { claimId: claim.id, proposedById: actor.id, state: "PROPOSED" } })) > 0) {
        throw new AppError("INVALID_TRANSITION", "You have already proposed a verdict on this claim; an editor decides once the other reviewer has proposed too.");
      }
    }
    const verdict = await insertProposedVerdict(tx, { claimId: claim.id, rating: rating.key, rationale: input.rationale, proposedById: actor.id });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "verdict.propose",
      entityType: "Verdict",
      entityId: verdict.id,
      entityVersion: verdict.version,
      claimId: claim.id,
      after: { rating: rating.key, label: rating.label, rationale: input.rationale },
    });
    if (double) return { claim: await settleProposals(tx, actor, claim), scale };
    return { claim: await applyTransition(tx, actor, claim, "propose", { details: { verdictId: verdict.id, rating: rating.key } }), scale };
    // The claim's read takes the chain lock (one statement less on PostgreSQL, see inTransaction).
  }, { chainLock: "first-statement", driver: true });
}
