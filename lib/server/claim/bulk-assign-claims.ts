import "server-only";
import { checkTransition, isClaimStatus, type ClaimStatus } from "@/lib/domain/claim-status";
import { AppError, notFound, staleVersion } from "@/lib/domain/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { BulkAssignClaimsInput } from "@/lib/validation/claims";
import { appendAuditEvent } from "../audit";
import { assignClaimInTransaction, notReassignable, REASSIGNABLE } from "./assign-claim";
import { pickChanged } from "./claim-transition";
import { assertAssignable } from "./find-assignee";
import { notifyAssignedClaims } from "../notifications";
import { assertEditor, visibleClaimsWhere, type Actor } from "../permissions";
import { inTransaction } from "../transaction";

type ClaimRow = Prisma.ClaimGetPayload<object>;
type AssignAction = "claim.assign" | "claim.reassign" | "claim.unassign";

interface PlannedAssignment {
  claim: ClaimRow;
  action: AssignAction;
  to: ClaimStatus;
}

const shorten = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The refusal of a whole bulk step because of one claim (`text`: the claim's text, when known). */
function blockedBy(claimId: string | null, text: string | undefined, error: AppError): AppError {
  return new AppError(
    error.code,
    `Nothing was changed. ${text ? `The claim “${shorten(text)}” blocked it: ` : "A selected claim blocked it: "}${error.message}`,
    { fields: { claims: [error.message] }, current: { ...(claimId ? { claimId } : {}), ...(error.current as object | undefined) } },
  );
}

/** What assigning (`assigneeId`) or unassigning (null) does to one claim read in this step, or why it cannot. */
function planAssignment(claim: ClaimRow, assigneeId: string | null): PlannedAssignment {
  if (!isClaimStatus(claim.status)) throw new Error(`Claim ${claim.id} has unknown status ${claim.status}`);
  const status = claim.status;
  if (assigneeId !== null && REASSIGNABLE.includes(status)) return { claim, action: "claim.reassign", to: status };
  if (assigneeId !== null && status !== "NEW") throw notReassignable(status);
  const check = checkTransition(status, assigneeId === null ? "unassign" : "assign");
  if (!check.ok) throw new AppError("INVALID_TRANSITION", check.reason);
  return { claim, action: assigneeId === null ? "claim.unassign" : "claim.assign", to: check.transition.to };
}

/**
 * Assigns, reassigns or unassigns many claims at once (editors; at most MAX_BULK_CLAIMS): one
 * transaction, each claim checked against the version the editor saw, one audit event per claim, the
 * new assignee notified once per claim. If any claim cannot be changed, nothing is, and the refusal
 * names the claim that blocked it. A bounded number of statements whatever the count: one read of
 * the selected claims (with `IN`, under the actor's visibility), one of the people's names, one
 * version-checked UPDATE per resulting status (at most two), one notification INSERT and the
 * transaction's audit INSERT (lib/server/audit.ts, 500 events a statement). A claim in a blind double
 * review, or with a proposal waiting, goes through the single step (assignClaimInTransaction: its
 * reviewers and proposals are settled one by one), so only those cost statements per claim.
 * Errors: FORBIDDEN for reviewers, VALIDATION (assigneeId) for an unknown or inactive assignee;
 * NOT_FOUND / CONFLICT / INVALID_TRANSITION as "Nothing was changed. The claim “…” blocked it: …".
 */
export async function bulkAssignClaims(actor: Actor, input: BulkAssignClaimsInput): Promise<ClaimRow[]> {
  assertEditor(actor, "assign claims");
  return inTransaction(async (tx) => {
    const ids = input.claims.map((c) => c.claimId);
    const rows = await tx.claim.findMany({
      where: { AND: [{ id: { in: ids } }, visibleClaimsWhere(actor)] },
      include: { _count: { select: { reviewers: true, verdicts: { where: { state: "PROPOSED" } } } } },
    });
    const byId = new Map(rows.map(({ _count, ...claim }) => [claim.id, { claim, single: _count.reviewers > 0 || _count.verdicts > 0 }]));
    const previousIds = rows.flatMap((c) => (c.assigneeId ? [c.assigneeId] : []));
    const people = new Map(
      (await tx.user.findMany({ where: { id: { in: [...new Set([...previousIds, ...(input.assigneeId ? [input.assigneeId] : [])])] } }, select: { id: true, name: true, active: true } })).map((u) => [u.id, u]),
    );
    const assignee = input.assigneeId === null ? null : assertAssignable(people.get(input.assigneeId));

    const planned: PlannedAssignment[] = [];
    const done = new Map<string, ClaimRow>();
    for (const ref of input.claims) {
      const found = byId.get(ref.claimId);
      try {
        if (!found) throw notFound();
        const { claim } = found;
        if (claim.version !== ref.expectedVersion) throw staleVersion("claim", { status: claim.status, version: claim.version, assigneeId: claim.assigneeId });
        if (found.single) {
          const result = await assignClaimInTransaction(tx, actor, { ...ref, assigneeId: input.assigneeId, priority: input.priority, dueAt: input.dueAt });
          done.set(claim.id, result.claim);
        } else planned.push(planAssignment(claim, input.assigneeId));
      } catch (error) {
        // A bad assignee is about the form, not about one claim.
        if (!(error instanceof AppError) || error.fields?.assigneeId) throw error;
        throw blockedBy(ref.claimId, found?.claim.text, error);
      }
    }

    const data = assignee ? { assigneeId: assignee.id, priority: input.priority, dueAt: input.dueAt ?? null } : { assigneeId: null };
    const updatedAt = new Date();
    for (const to of new Set(planned.map((p) => p.to))) {
      const group = planned.filter((p) => p.to === to);
      // A group may mix reassigned claims (their status is `to` already) with claims that move to
      // `to` (NEW → ASSIGNED beside ASSIGNED → ASSIGNED): the status is always written.
      const { count } = await tx.claim.updateMany({
        where: { OR: group.map((p) => ({ id: p.claim.id, version: p.claim.version })) },
        data: { ...data, status: to, version: { increment: 1 }, updatedAt },
      });
      if (count !== group.length) throw blockedBy(null, undefined, staleVersion());
    }

    const nameOf = (id: string | null) => (id ? (people.get(id)?.name ?? null) : null);
    for (const { claim, action, to } of planned) {
      const updated: ClaimRow = { ...claim, ...data, status: to, version: claim.version + 1, updatedAt };
      const statusPart = action === "claim.reassign" ? null : { before: { status: claim.status }, after: { status: to } };
      await appendAuditEvent(tx, {
        actorId: actor.id,
        action,
        entityType: "Claim",
        entityId: claim.id,
        entityVersion: updated.version,
        claimId: claim.id,
        before: { ...statusPart?.before, ...pickChanged(claim, data), assignee: nameOf(claim.assigneeId) },
        after: { ...statusPart?.after, ...pickChanged(updated, data), assignee: assignee?.name ?? null },
      });
      done.set(claim.id, updated);
    }
    if (assignee) {
      await notifyAssignedClaims(tx, actor, planned.filter((p) => p.claim.assigneeId !== assignee.id).map((p) => ({ claimId: p.claim.id, userId: assignee.id })));
    }
    return input.claims.map((ref) => done.get(ref.claimId)!);
  });
}
