import "server-only";
/**
 * An editor returns the proposed verdict(s) to the reviewers with a reason.
 */
import type { ReturnVerdictInput } from "@/lib/validation/claims";
import { notifyReturned } from "../notifications";
import { assertEditor, type Actor } from "../permissions";
import { inTransaction } from "../transaction";
import { applyTransition, loadClaimForTransition } from "./claim-transition";
import { loadProposedVerdicts, setVerdictState } from "./set-verdict-state";

/** An editor sends the proposed verdict (both, in a double review) back to the reviewers with a reason. */
export async function returnVerdict(actor: Actor, input: ReturnVerdictInput) {
  assertEditor(actor, "return verdicts");
  return inTransaction(async (tx) => {
    const claim = await loadClaimForTransition(tx, actor, input.claimId, input.expectedVersion, "return");
    const proposed = await loadProposedVerdicts(tx, claim.id);
    for (const verdict of proposed) await setVerdictState(tx, actor, verdict, "RETURNED", { returnReason: input.reason });
    const details = proposed.length === 1 ? { verdictId: proposed[0]!.id } : { verdictIds: proposed.map((v) => v.id) };
    const updated = await applyTransition(tx, actor, claim, "return", { reason: input.reason, details });
    await notifyReturned(tx, actor, claim.id, proposed.map((v) => v.proposedById), input.reason);
    return updated;
  });
}
