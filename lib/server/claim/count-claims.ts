import "server-only";
/**
 * Counts the claims a list filter matches, up to a limit ("1,000+" past it).
 */
import type { ClaimListCursor } from "@/lib/domain/claim-cursor";
import { Prisma } from "@/lib/generated/sqlite/client";
import type { ClaimListFilter } from "@/lib/validation/claims";
import type { ClaimSearchMatches } from "../claim-search";
import { readRows } from "../direct-read";
import type { Actor } from "../permissions";
import { resolveSearch } from "./claim-list-where";
import { claimListSql, cursorSql, sqlLimit } from "./claim-list-sql";
import type { ReviewerScope } from "./resolve-reviewer-scope";

/** Beyond this many claims a list says "1,000+" instead of counting them all (a count reads every row). */
export const CLAIM_COUNT_LIMIT = 1000;

/**
 * How many claims the filter matches, counting at most `limit + 1` rows (default CLAIM_COUNT_LIMIT):
 * an exact count up to `limit`, `limit + 1` meaning "more than limit". With `upTo`, only the rows up
 * to and including that cursor's row (a page's position). One statement, hand-written (claimListSql,
 * the rule of claimListWhere) and run on the driver (direct-read.ts: committed rows only); its cost is
 * bounded by `limit`, not by the desk's size.
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
  const matches = await resolveSearch(actor, filter, search);
  const where = claimListSql(actor, filter, now, matches, scope);
  const [row] = await readRows<{ n: number | bigint | string }>(
    Prisma.sql`SELECT COUNT(*) AS n FROM (SELECT c.id FROM "Claim" c WHERE ${where}${cursorSql(upTo, "upTo")} LIMIT ${sqlLimit(Math.trunc(limit) + 1)}) counted`,
  );
  return Number(row?.n ?? 0);
}
