import "server-only";
import type { Role } from "@/lib/domain/claim-status";
import { AppError } from "@/lib/domain/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";

/** The acting user, resolved from the session and re-read from the database on every request. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
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
 * assigned to them. Built from the resolved actor only; an empty id never widens the filter.
 */
export function visibleClaimsWhere(actor: Actor): Prisma.ClaimWhereInput {
  if (isEditor(actor)) return {};
  if (!actor.id) throw new AppError("UNAUTHENTICATED", "Please sign in again.");
  return { assigneeId: actor.id };
}

/** Reviewer work on a claim (evidence, verdict proposals) is done by its assignee. */
export function assertAssignee(actor: Actor, claim: { assigneeId: string | null }): void {
  if (claim.assigneeId !== actor.id) {
    throw new AppError("FORBIDDEN", "Only the reviewer assigned to this claim can do this.");
  }
}

/** Claims in the reviewer pool: new and assigned to nobody. Only shown while the pool is open. */
export function poolClaimsWhere(): Prisma.ClaimWhereInput {
  return { status: "NEW", assigneeId: null };
}
