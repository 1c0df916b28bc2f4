import "server-only";
/**
 * An editor publishes a claim's approved verdict.
 */
import { AppError } from "@/lib/domain/errors";
import type { ClaimVersionInput } from "@/lib/validation/claims";
import { assertEditor, type Actor } from "../permissions";
import { inTransaction } from "../transaction";
import { applyTransition, loadClaimForTransition } from "./claim-transition";
import { setVerdictState } from "./set-verdict-state";

/** An editor publishes an approved verdict. */
export async function publishClaim(actor: Actor, input: ClaimVersionInput) {
  assertEditor(actor, "publish verdicts");
  return inTransaction(async (tx) => {
    const claim = await loadClaimForTransition(tx, actor, input.claimId, input.expectedVersion, "publish");
    const verdict = await tx.verdict.findFirst({ where: { claimId: claim.id, state: "APPROVED" }, orderBy: { createdAt: "desc" } });
    if (!verdict) throw new AppError("INVALID_TRANSITION", "There is no approved verdict to publish.");
    await setVerdictState(tx, actor, verdict, "PUBLISHED", { publishedAt: new Date() });
    return applyTransition(tx, actor, claim, "publish", { details: { verdictId: verdict.id } });
  });
}
