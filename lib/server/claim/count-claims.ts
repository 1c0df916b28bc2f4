import "server-only";
/**
 * Counts the claims a list filter matches, up to a limit ("1,000+" past it).
 */
import type { ClaimListCursor } from "@/lib/domain/claim-cursor";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { ClaimListFilter } from "@/lib/validation/claims";
import type { ClaimSearchMatches } from "../claim-search";
import { getDb } from "../db";
import type { Actor } from "../permissions";
import { claimListWhere, resolveSearch } from "./claim-list-where";
import type { ReviewerScope } from "./resolve-reviewer-scope";

/** Beyond this many claims a list says "1,000+" instead of counting them all (a count reads every row). */
export const CLAIM_COUNT_LIMIT = 1000;

/** The rows before a cursor in CLAIM_LIST_ORDER, the cursor's own row included. */
function upToCursorWhere(after: ClaimListCursor): Prisma.ClaimWhereInput {
  return { OR: [{ updatedAt: { gt: after.updatedAt } }, { updatedAt: after.updatedAt, id: { gte: after.id } }] };
}

/**
 * How many claims the filter matches, counting at most `limit + 1` rows (default CLAIM_COUNT_LIMIT):
 * an exact count up to `limit`, `limit + 1` meaning "more than limit". With `upTo`, only the rows up
 * to and including that cursor's row (a page's position). One statement; its cost is bounded by
 * `limit`, not by the desk's size.
 */
export async function countClaims(
  actor: Actor,
  filter: ClaimListFilter = {},
  now = new Date(),
  upTo?: ClaimListCursor,
  limit = CLAIM_COUNT_LIMIT,
  search?: ClaimSearchMatches | null,
  scope?: ReviewerScope | null,
) {
  const db = await getDb();
  const matches = await resolveSearch(actor, filter, search);
  return db.claim.count({ where: { AND: [claimListWhere(actor, filter, now, matches, scope), upTo ? upToCursorWhere(upTo) : {}] }, take: limit + 1 });
}
