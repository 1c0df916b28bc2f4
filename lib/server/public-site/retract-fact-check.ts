import "server-only";
import { AppError } from "@/lib/domain/errors";
import type { RetractClaimInput } from "@/lib/validation/public-site";
import { applyTransition, loadClaimForTransition } from "../claim/claim-transition";
import { setVerdictState } from "../claim/set-verdict-state";
import { assertEditor, type Actor } from "../permissions";
import { inTransaction } from "../transaction";

/**
 * An editor unpublishes (retracts) a published fact-check with a reason, in one transaction: the
 * published verdict becomes RETRACTED, the claim RETRACTED, both audited (the reason on the
 * "claim.retract" event). The public page then shows a dated retraction notice with the reason,
 * never a 404. Throws FORBIDDEN (not an editor), NOT_FOUND, CONFLICT (stale version), INVALID_TRANSITION.
 */
export async function retractClaim(actor: Actor, input: RetractClaimInput) {
  assertEditor(actor, "retract published fact-checks");
  return inTransaction(async (tx) => {
    const claim = await loadClaimForTransition(tx, actor, input.claimId, input.expectedVersion, "retract");
    const verdict = await tx.verdict.findFirst({ where: { claimId: claim.id, state: "PUBLISHED" }, orderBy: { createdAt: "desc" } });
    if (!verdict) throw new AppError("INVALID_TRANSITION", "There is no published verdict to retract.");
    await setVerdictState(tx, actor, verdict, "RETRACTED");
    return applyTransition(tx, actor, claim, "retract", { reason: input.reason, details: { verdictId: verdict.id, retractedRating: verdict.rating } });
  });
}
