import "server-only";
import { parseSearchQuery, toFts5Match, toTsQuery } from "@/lib/domain/search-query";
import type { Db, Tx } from "./db";
import { provider } from "./db";

/**
 * Ranked full-text search over claims, one query language (lib/domain/search-query.ts) on both
 * databases: SQLite's FTS5 table "ClaimSearch" ranked by bm25 (the text weighs twice the claimant),
 * PostgreSQL's "Claim"."searchVector" (GIN index) ranked by ts_rank. Both are kept in step with each
 * write to a claim by the database itself (migration 20261202310000_claim_full_text_search).
 */

/** The most matches a search ranks for a list page: past it, the list says "1,000+" anyway. */
export const SEARCH_MATCH_LIMIT = 2000;

/** The claims matching a search, best first. `capped`: more matched than `limit` (only the best are kept). */
export interface ClaimSearchMatches {
  ids: string[];
  capped: boolean;
}

const SQLITE_SEARCH = `SELECT k."claimId" AS "id" FROM "ClaimSearch" JOIN "ClaimSearchKey" k ON k."id" = "ClaimSearch"."rowid"
WHERE "ClaimSearch" MATCH ? ORDER BY bm25("ClaimSearch", 2.0, 1.0), k."claimId" LIMIT ?`;
const PG_SEARCH = `SELECT "id" FROM "Claim", to_tsquery('simple', $1) AS q WHERE "searchVector" @@ q
ORDER BY ts_rank("searchVector", q) DESC, "id" LIMIT $2`;

/**
 * The ids of the claims matching `query` (the query language of lib/domain/search-query.ts), best
 * ranked first, at most `limit` (default SEARCH_MATCH_LIMIT); null when the query has nothing to look
 * for (no search: every claim stays in the list). One statement. Visibility and the list's other
 * filters are the caller's (the ids go into claimListWhere). Never throws for any query text: the
 * compiled query holds only words, quoted.
 */
export async function findClaimSearchMatches(db: Db | Tx, query: string | undefined, limit = SEARCH_MATCH_LIMIT): Promise<ClaimSearchMatches | null> {
  const parsed = parseSearchQuery(query);
  const compiled = provider === "postgresql" ? toTsQuery(parsed) : toFts5Match(parsed);
  if (compiled === null) return null;
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(provider === "postgresql" ? PG_SEARCH : SQLITE_SEARCH, compiled, limit + 1);
  return { ids: rows.slice(0, limit).map((r) => r.id), capped: rows.length > limit };
}

/** Orders rows by their place in the search's ranking (rows not in it last, in their own order). */
export function orderByRank<T extends { id: string }>(rows: T[], matches: ClaimSearchMatches): T[] {
  const place = new Map(matches.ids.map((id, i) => [id, i]));
  const last = matches.ids.length;
  return [...rows].sort((a, b) => (place.get(a.id) ?? last) - (place.get(b.id) ?? last));
}
