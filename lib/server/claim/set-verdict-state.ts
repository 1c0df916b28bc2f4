import "server-only";
/**
 * A verdict's change of state (proposed, approved, returned, published, superseded), version-checked
 * and recorded, and the claim's proposed verdicts an editor decides on.
 */
import { AppError, staleVersion } from "@/lib/domain/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { appendAuditEvent } from "../audit";
import type { Tx } from "../db";
import type { Actor } from "../permissions";

/** The claim's proposed verdicts, newest first (two in a blind double review). */
export async function loadProposedVerdicts(tx: Tx, claimId: string) {
  const verdicts = await tx.verdict.findMany({ where: { claimId, state: "PROPOSED" }, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
  if (verdicts.length === 0) throw new AppError("INVALID_TRANSITION", "There is no proposed verdict on this claim.");
  return verdicts;
}

export async function setVerdictState(
  tx: Tx,
  actor: Actor,
  verdict: { id: string; version: number; state: string; claimId: string },
  state: string,
  data: Prisma.VerdictUncheckedUpdateManyInput = {},
) {
  const result = await tx.verdict.updateMany({
    where: { id: verdict.id, version: verdict.version },
    data: { ...data, state, version: { increment: 1 } },
  });
  if (result.count !== 1) throw staleVersion("verdict");
  await appendAuditEvent(tx, {
    actorId: actor.id,
    action: `verdict.${state.toLowerCase()}`,
    entityType: "Verdict",
    entityId: verdict.id,
    entityVersion: verdict.version + 1,
    claimId: verdict.claimId,
    before: { state: verdict.state },
    after: { state, ...data },
  });
}
