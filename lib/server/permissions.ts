import "server-only";
import type { Role } from "@/lib/domain/claim-status";
import { BLIND_STATUSES, isBlindFor } from "@/lib/domain/double-review";
import { AppError } from "@/lib/domain/errors";
import { Prisma } from "@/lib/generated/sqlite/client";

/** The acting user, resolved from the session and re-read from the database on every request. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Signed in with a one-time password: must choose their own before anything else. */
  mustChangePassword?: boolean;
  /** Their role must use two-factor sign-in and they have not set it up: nothing else until they do. */
  mustSetUpTwoFactor?: boolean;
}

export function isEditor(actor: Actor): boolean {
  return actor.role === "EDITOR" || actor.role === "ADMIN";
}

export function isAdmin(actor: Actor): boolean {
  return actor.role === "ADMIN";
}

export function assertEditor(actor: Actor, doing = "do this"): void {
  if (!isEditor(actor)) throw new AppError("FORBIDDEN", `Only an editor can ${doing}.`);
}

export function assertAdmin(actor: Actor, doing = "do this"): void {
  if (!isAdmin(actor)) throw new AppError("FORBIDDEN", `Only an admin can ${doing}.`);
}

/**
 * The claims an actor may see: editors and admins see the desk's claims, a reviewer only the claims
 * they review — as assignee, or as the second reviewer of a blind double review. Built from the
 * resolved actor only; an empty id never widens the filter.
 */
export function visibleClaimsWhere(actor: Actor): Prisma.ClaimWhereInput {
  if (isEditor(actor)) return {};
  if (!actor.id) throw new AppError("UNAUTHENTICATED", "Please sign in again.");
  return { OR: [{ assigneeId: actor.id }, { reviewers: { some: { userId: actor.id } } }] };
}

/**
 * visibleClaimsWhere as a hand-written SQL condition on the claim aliased `alias` (" AND …", empty
 * for editors), for the steps that read a claim in one statement of their own. Same rule: change
 * both together.
 */
export function visibleClaimSql(actor: Actor, alias: string): Prisma.Sql {
  if (isEditor(actor)) return Prisma.empty;
  if (!actor.id) throw new AppError("UNAUTHENTICATED", "Please sign in again.");
  const claim = Prisma.raw(`"${alias}"`);
  return Prisma.sql` AND (${claim}."assigneeId" = ${actor.id} OR EXISTS (SELECT 1 FROM "ClaimReviewer" r WHERE r."claimId" = ${claim}."id" AND r."userId" = ${actor.id}))`;
}

/**
 * Claims that are blind for the actor: double-reviewed with the actor as one of the two reviewers, and
 * still in the review stage. Editors are included: an editor who reviews a claim is blind on it too.
 * report-rows.ts states the same rule in SQL for the report's one-query batches: change both together.
 */
export function blindClaimsWhere(actor: Actor): Prisma.ClaimWhereInput {
  if (!actor.id) throw new AppError("UNAUTHENTICATED", "Please sign in again.");
  return { status: { in: [...BLIND_STATUSES] }, reviewers: { some: { userId: actor.id } } };
}

/** Evidence the actor may see on claims they can see: on a claim blind for them, only their own. */
export function visibleEvidenceWhere(actor: Actor): Prisma.EvidenceWhereInput {
  return { OR: [{ addedById: actor.id }, { claim: { NOT: blindClaimsWhere(actor) } }] };
}

/** Verdicts the actor may see on claims they can see: on a claim blind for them, only their own. */
export function visibleVerdictsWhere(actor: Actor): Prisma.VerdictWhereInput {
  return { OR: [{ proposedById: actor.id }, { claim: { NOT: blindClaimsWhere(actor) } }] };
}

type ReviewedClaim = { status: string; reviewers: readonly { userId: string }[] };

/** The other reviewer of a claim that is blind for the actor (whose work the actor must not see yet). */
function hiddenReviewerIds(actor: Actor, claim: ReviewedClaim): string[] {
  return isBlindFor(actor.id, claim) ? claim.reviewers.map((r) => r.userId).filter((id) => id !== actor.id) : [];
}

/**
 * Comments the actor may see on a claim they can see: on a claim blind for them, not the other
 * reviewer's (editors' comments are visible to both reviewers).
 */
export function visibleCommentsWhere(actor: Actor, claim: ReviewedClaim): Prisma.CommentWhereInput {
  const hidden = hiddenReviewerIds(actor, claim);
  return hidden.length ? { authorId: { notIn: hidden } } : {};
}

/**
 * A claim's history as the actor may see it: on a claim blind for them, nothing the other reviewer
 * did, and entries about evidence, verdicts and comments only for those in `visibleEntityIds`.
 */
export function visibleHistoryWhere(actor: Actor, claim: ReviewedClaim, visibleEntityIds: readonly string[]): Prisma.AuditEventWhereInput {
  const hidden = hiddenReviewerIds(actor, claim);
  if (hidden.length === 0) return {};
  return {
    AND: [
      { OR: [{ actorId: null }, { actorId: { notIn: hidden } }] },
      { OR: [{ entityType: { notIn: ["Evidence", "Verdict", "Comment"] } }, { entityId: { in: [...visibleEntityIds] } }] },
    ],
  };
}

/** Does the actor review this claim (as assignee or as one of the two double reviewers)? */
export function isClaimReviewer(actor: Actor, claim: { assigneeId: string | null; reviewers?: readonly { userId: string }[] }): boolean {
  return claim.assigneeId === actor.id || (claim.reviewers ?? []).some((r) => r.userId === actor.id);
}

/**
 * Reviewer work on a claim (evidence, verdict proposals) is done by its reviewers. Callers pass the
 * claim's reviewer rows; without them only the assignee passes (fails closed).
 */
export function assertAssignee(actor: Actor, claim: { assigneeId: string | null; reviewers?: readonly { userId: string }[] }): void {
  if (!isClaimReviewer(actor, claim)) {
    throw new AppError("FORBIDDEN", "Only the reviewer assigned to this claim can do this.");
  }
}

/** Claims in the reviewer pool: new and assigned to nobody. Only shown while the pool is open. */
export function poolClaimsWhere(): Prisma.ClaimWhereInput {
  return { status: "NEW", assigneeId: null };
}
