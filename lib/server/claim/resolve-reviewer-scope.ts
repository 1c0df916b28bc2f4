import "server-only";
/**
 * A reviewer's visibility for one list view, read once (the claims they review as a second
 * reviewer), so the list's statements can use their (assigneeId, …) index.
 */
import { Prisma } from "@/lib/generated/sqlite/client";
import { readRows } from "../direct-read";
import { isEditor, visibleClaimsWhere, type Actor } from "../permissions";

/** The most claims a reviewer may review as a second reviewer for resolveReviewerScope to list them. */
export const REVIEWER_SCOPE_LIMIT = 500;

/**
 * A reviewer's visibility for one list view: the claims they review as a second reviewer (blind
 * double review), read once. With it the list's statements say "assigned to them, or one of these
 * ids" instead of visibleClaimsWhere's correlated EXISTS on ClaimReviewer, which SQLite can serve
 * from no index: a reviewer's list on a 100,000-claim desk sorted 20,000 dated claims of every
 * reviewer (150 ms), and its count scanned the claims by id (28 ms); now both read their
 * (assigneeId, …) index (under 1 ms).
 */
export interface ReviewerScope {
  /** ids of the claims the reviewer reviews as a second reviewer */
  shared: string[];
}

/**
 * The reviewer scope of `actor` for a list view: null for editors (they see every claim) and for a
 * reviewer with more than REVIEWER_SCOPE_LIMIT shared claims (the list then uses visibleClaimsWhere
 * as it is). One statement for a reviewer (hand-written, on the driver: direct-read.ts), none for an editor.
 */
export async function resolveReviewerScope(actor: Actor): Promise<ReviewerScope | null> {
  if (isEditor(actor)) return null;
  const rows = await readRows<{ claimId: string }>(
    Prisma.sql`SELECT r."claimId" FROM "ClaimReviewer" r WHERE r."userId" = ${actor.id} LIMIT ${Prisma.raw(String(REVIEWER_SCOPE_LIMIT + 1))}`,
  );
  return rows.length > REVIEWER_SCOPE_LIMIT ? null : { shared: rows.map((r) => r.claimId) };
}

/** visibleClaimsWhere, or the same rule through a reviewer's resolved scope. */
export function scopedVisibleWhere(actor: Actor, scope: ReviewerScope | null | undefined): Prisma.ClaimWhereInput {
  if (!scope || isEditor(actor)) return visibleClaimsWhere(actor);
  return scope.shared.length ? { OR: [{ assigneeId: actor.id }, { id: { in: scope.shared } }] } : { assigneeId: actor.id };
}
