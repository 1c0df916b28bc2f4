import "server-only";
import { staleVersion } from "@/lib/domain/errors";
import { normalizeSearchText } from "@/lib/domain/search-text";
import type { SetClaimantInput } from "@/lib/validation/claimant";
import { appendAuditEvent } from "./audit";
import { loadClaimForUpdate } from "./claim/claim-transition";
import { assertEditor, type Actor } from "./permissions";
import { inTransaction } from "./transaction";

/**
 * An editor sets, corrects or clears who made a claim (a person or an organization; the extractor's
 * suggestion is only a starting point). One transaction with its audit event ("claim.claimant", the
 * old and new claimant); the claim's version goes up like any other edit, so a form opened on an
 * older version gets CONFLICT ("This claim changed since you opened it") and changes nothing.
 * Throws FORBIDDEN (not an editor), NOT_FOUND, CONFLICT.
 */
export async function setClaimant(actor: Actor, input: SetClaimantInput) {
  assertEditor(actor, "edit claimants");
  return inTransaction(async (tx) => {
    const claim = await loadClaimForUpdate(tx, actor, input.claimId, input.expectedVersion);
    const claimant = input.claimant;
    const claimantKind = claimant ? (input.claimantKind ?? null) : null;
    if (claim.claimant === claimant && claim.claimantKind === claimantKind) return claim;
    const result = await tx.claim.updateMany({
      where: { id: claim.id, version: claim.version },
      data: { claimant, claimantKind, claimantSearch: claimant ? normalizeSearchText(claimant) : "", version: { increment: 1 } },
    });
    if (result.count !== 1) throw staleVersion();
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "claim.claimant",
      entityType: "Claim",
      entityId: claim.id,
      entityVersion: claim.version + 1,
      claimId: claim.id,
      before: { claimant: claim.claimant, claimantKind: claim.claimantKind },
      after: { claimant, claimantKind },
    });
    return tx.claim.findUniqueOrThrow({ where: { id: claim.id } });
  });
}
