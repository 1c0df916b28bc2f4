import "server-only";
import { AppError } from "@/lib/domain/errors";
import { currentTokenOrigin, humansBehind } from "./audit-context";
import type { Tx } from "./db";
import type { Actor } from "./permissions";

/**
 * The four-eyes rule on the humans behind the acts (issue 12): an editor never approves a verdict they
 * proposed, and neither through an API token. The humans behind a proposal are its proposer and, when
 * it came through a token, the token's creator (read from the proposal's audit event, which the keyed
 * chain protects); the humans behind this approval are the acting user and, through a token, its
 * creator. Throws FORBIDDEN when the two sets meet, or when one of the approving humans is one of a
 * blind double review's reviewers (`reviewerIds`).
 */
export async function assertFourEyes(tx: Tx, actor: Actor, verdict: { id: string; proposedById: string }, reviewerIds: readonly string[]): Promise<void> {
  const origin = currentTokenOrigin();
  const approving = humansBehind(actor.id, origin);
  const proposal = await tx.auditEvent.findFirst({
    where: { entityType: "Verdict", entityId: verdict.id, action: "verdict.propose" },
    orderBy: { id: "asc" },
    select: { actorId: true, tokenCreatorId: true },
  });
  const proposing = humansBehind(verdict.proposedById, proposal);
  if (approving.has(verdict.proposedById)) {
    throw new AppError("FORBIDDEN", "You proposed this verdict, so another editor must approve it.");
  }
  if ([...proposing].some((id) => approving.has(id))) {
    throw new AppError("FORBIDDEN", "This verdict was proposed through an API token you are behind (you created it or act through it), so another editor must approve it.");
  }
  if (reviewerIds.some((id) => approving.has(id))) {
    throw new AppError("FORBIDDEN", "You are one of the two reviewers of this claim, so another editor must decide.");
  }
}
