import "server-only";
/**
 * Reads the claim list's rows, newest change first, keyset-paged on (updatedAt, id).
 */
import type { ClaimListCursor } from "@/lib/domain/claim-cursor";
import { Prisma } from "@/lib/generated/sqlite/client";
import type { ClaimListFilter } from "@/lib/validation/claims";
import { readClaimListRows, type ClaimListKey } from "../claim-list-rows";
import type { ClaimSearchMatches } from "../claim-search";
import { readRows } from "../direct-read";
import type { Actor } from "../permissions";
import { resolveSearch } from "./claim-list-where";
import { claimListSql, cursorSql, sqlLimit } from "./claim-list-sql";
import type { ReviewerScope } from "./resolve-reviewer-scope";

/**
 * Claims of the list in CLAIM_LIST_ORDER, the first `take` of them after the cursor `after` (the key of
 * the last row of the previous page): two statements whatever the data size (the keys, then the rows
 * with their article, assignee and current verdicts: readClaimListRows), plus the search's one when
 * `q` has words and `search` is not given. Both are hand-written SQL run on the driver
 * (direct-read.ts: committed rows only, never inside a transaction); the keys' conditions are
 * claimListSql, the rule of claimListWhere.
 */
export async function listClaims(
  actor: Actor,
  filter: ClaimListFilter = {},
  options: { take?: number; now?: Date; after?: ClaimListCursor; search?: ClaimSearchMatches | null; scope?: ReviewerScope | null } = {},
) {
  const search = await resolveSearch(actor, filter, options.search);
  const where = claimListSql(actor, filter, options.now ?? new Date(), search, options.scope);
  const keys = await readRows<ClaimListKey>(Prisma.sql`SELECT c.id, c."createdAt", c."updatedAt", c."dueAt" FROM "Claim" c
WHERE ${where}${cursorSql(options.after, "after")}
ORDER BY c."updatedAt" DESC, c.id DESC LIMIT ${sqlLimit(options.take ?? 500)}`);
  return readClaimListRows(actor, keys);
}

export type ClaimListItem = Awaited<ReturnType<typeof listClaims>>[number];
