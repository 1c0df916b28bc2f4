import "server-only";
/**
 * An editor reopens a published claim with a reason.
 */
import type { ReopenClaimInput } from "@/lib/validation/claims";
import { assertEditor, type Actor } from "../permissions";
import { inTransaction } from "../transaction";
import { applyTransition, loadClaimForTransition } from "./claim-transition";
import { setVerdictState } from "./set-verdict-state";

/**
 * An editor reopens a published claim with a reason: the published verdict is set aside (kept, as
 * superseded, in the claim's history) and the claim goes back to its reviewer.
 */
export async function reopenClaim(actor: Actor, input: ReopenClaimInput) {
  assertEditor(actor, "reopen published claims");
  return inTransaction(async (tx) => {
    const claim = await loadClaimForTransition(tx, actor, input.claimId, input.expectedVersion, "reopen");
    const verdict = await tx.verdict.findFirst({ where: { claimId: claim.id, state: "PUBLISHED" }, orderBy: { createdAt: "desc" } });
    if (verdict) await setVerdictState(tx, actor, verdict, "SUPERSEDED");
    return applyTransition(tx, actor, claim, "reopen", { reason: input.reason, details: verdict ? { verdictId: verdict.id, supersededRating: verdict.rating } : {} });
  });
}
