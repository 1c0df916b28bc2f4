import "server-only";
/**
 * Reads the claim list's rows, newest change first, keyset-paged on (updatedAt, id).
 */
import type { ClaimListCursor } from "@/lib/domain/claim-cursor";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { ClaimListFilter } from "@/lib/validation/claims";
import { readClaimListRows } from "../claim-list-rows";
import type { ClaimSearchMatches } from "../claim-search";
import { getDb } from "../db";
import type { Actor } from "../permissions";
import { CLAIM_LIST_KEY, CLAIM_LIST_ORDER, claimListWhere, resolveSearch } from "./claim-list-where";
import type { ReviewerScope } from "./resolve-reviewer-scope";

/**
 * The rows after a cursor in CLAIM_LIST_ORDER (newest change first): older changes, or the same
 * instant with a smaller id. No cursor, no condition.
 */
function afterCursorWhere(after: ClaimListCursor | undefined): Prisma.ClaimWhereInput {
  if (!after) return {};
  return { OR: [{ updatedAt: { lt: after.updatedAt } }, { updatedAt: after.updatedAt, id: { lt: after.id } }] };
}

/**
 * Claims of the list in CLAIM_LIST_ORDER, the first `take` of them after the cursor `after` (the key of
 * the last row of the previous page): two statements whatever the data size (the keys, then the rows
 * with their article, assignee and current verdicts: readClaimListRows), plus the search's one when
 * `q` has words and `search` is not given.
 */
export async function listClaims(
  actor: Actor,
  filter: ClaimListFilter = {},
  options: { take?: number; now?: Date; after?: ClaimListCursor; search?: ClaimSearchMatches | null; scope?: ReviewerScope | null } = {},
) {
  const db = await getDb();
  const search = await resolveSearch(actor, filter, options.search);
  const keys = await db.claim.findMany({
    where: { AND: [claimListWhere(actor, filter, options.now ?? new Date(), search, options.scope), afterCursorWhere(options.after)] },
    select: CLAIM_LIST_KEY,
    orderBy: CLAIM_LIST_ORDER,
    take: options.take ?? 500,
  });
  return readClaimListRows(actor, keys);
}

export type ClaimListItem = Awaited<ReturnType<typeof listClaims>>[number];
