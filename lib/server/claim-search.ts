import "server-only";
import { LISTED_STATUSES } from "@/lib/domain/claim-status";
import { parseSearchQuery, toFts5Match, toTsQuery } from "@/lib/domain/search-query";
import type { Db, Tx } from "./db";
import { provider } from "./db";
import { isEditor, type Actor } from "./permissions";

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
/**
 * The tsquery of search-query.ts's text ($1), lower-cased and split as the "searchVector" column
 * splits a claim (migration 20261202310000): inside each quoted word every run of what is not
 * `[[:alnum:]]` becomes a space, so to_tsquery reads the word as the phrase of the pieces the column
 * holds. The tsquery's own syntax characters (quotes, parentheses, `:*`, `<->`, `&`, `!`) are kept:
 * the words never contain them (search-query.ts).
 */
const PG_TSQUERY = `to_tsquery('simple', regexp_replace(lower($1), '[^[:alnum:]''():*<>&!-]+', ' ', 'g'))`;
/** The claims list's statuses as SQL literals (closed set of constants, no user input). */
const LISTED_SQL = LISTED_STATUSES.map((st) => `'${st}'`).join(", ");
// The same, keeping only the claims the list shows (no suggestions, no rejected ones).
const SQLITE_LISTED_SEARCH = `SELECT k."claimId" AS "id" FROM "ClaimSearch" JOIN "ClaimSearchKey" k ON k."id" = "ClaimSearch"."rowid"
JOIN "Claim" c ON c."id" = k."claimId"
WHERE "ClaimSearch" MATCH ? AND c."status" IN (${LISTED_SQL}) ORDER BY bm25("ClaimSearch", 2.0, 1.0), k."claimId" LIMIT ?`;
const PG_LISTED_SEARCH = `SELECT "id" FROM "Claim", ${PG_TSQUERY} AS q WHERE "searchVector" @@ q AND "status" IN (${LISTED_SQL})
ORDER BY ts_rank("searchVector", q) DESC, "id" LIMIT $2`;
const PG_SEARCH = `SELECT "id" FROM "Claim", ${PG_TSQUERY} AS q WHERE "searchVector" @@ q
ORDER BY ts_rank("searchVector", q) DESC, "id" LIMIT $2`;
// A reviewer's search ranks only the claims they review (permissions.ts visibleClaimsWhere), so the
// best matches of the desk never crowd out theirs.
const sqliteReviewerSearch = (listed: boolean) => `SELECT k."claimId" AS "id" FROM "ClaimSearch" JOIN "ClaimSearchKey" k ON k."id" = "ClaimSearch"."rowid"
JOIN "Claim" c ON c."id" = k."claimId"
WHERE "ClaimSearch" MATCH ? AND (c."assigneeId" = ? OR c."id" IN (SELECT r."claimId" FROM "ClaimReviewer" r WHERE r."userId" = ?))${listed ? ` AND c."status" IN (${LISTED_SQL})` : ""}
ORDER BY bm25("ClaimSearch", 2.0, 1.0), k."claimId" LIMIT ?`;
const pgReviewerSearch = (listed: boolean) => `SELECT "id" FROM "Claim", ${PG_TSQUERY} AS q WHERE "searchVector" @@ q
AND ("assigneeId" = $2 OR "id" IN (SELECT r."claimId" FROM "ClaimReviewer" r WHERE r."userId" = $2))${listed ? ` AND "status" IN (${LISTED_SQL})` : ""}
ORDER BY ts_rank("searchVector", q) DESC, "id" LIMIT $3`;

/**
 * The ids of the claims matching `query` (the query language of lib/domain/search-query.ts), best
 * ranked first, at most `limit` (default SEARCH_MATCH_LIMIT); null when the query has nothing to look
 * for (no search: every claim stays in the list). One statement. For a reviewer only the claims they
 * review are ranked; the list's other filters (and visibility, again) are the caller's (the ids go
 * into claimListWhere). `listedOnly` keeps only claims in the list's statuses (LISTED_STATUSES): then,
 * for a search without other filters, the ids are the list itself, best first. Never throws for any
 * query text: the compiled query holds only words, quoted.
 */
export async function findClaimSearchMatches(
  db: Db | Tx,
  actor: Actor,
  query: string | undefined,
  limit = SEARCH_MATCH_LIMIT,
  options: { listedOnly?: boolean } = {},
): Promise<ClaimSearchMatches | null> {
  const parsed = parseSearchQuery(query);
  const compiled = provider === "postgresql" ? toTsQuery(parsed) : toFts5Match(parsed);
  if (compiled === null) return null;
  const pg = provider === "postgresql";
  const listed = options.listedOnly ?? false;
  const editorSql = pg ? (listed ? PG_LISTED_SEARCH : PG_SEARCH) : listed ? SQLITE_LISTED_SEARCH : SQLITE_SEARCH;
  const rows = isEditor(actor)
    ? await db.$queryRawUnsafe<{ id: string }[]>(editorSql, compiled, limit + 1)
    : pg
      ? await db.$queryRawUnsafe<{ id: string }[]>(pgReviewerSearch(listed), compiled, actor.id, limit + 1)
      : await db.$queryRawUnsafe<{ id: string }[]>(sqliteReviewerSearch(listed), compiled, actor.id, actor.id, limit + 1);
  return { ids: rows.slice(0, limit).map((r) => r.id), capped: rows.length > limit };
}

/** Orders rows by their place in the search's ranking (rows not in it last, in their own order). */
export function orderByRank<T extends { id: string }>(rows: T[], matches: ClaimSearchMatches): T[] {
  const place = new Map(matches.ids.map((id, i) => [id, i]));
  const last = matches.ids.length;
  return [...rows].sort((a, b) => (place.get(a.id) ?? last) - (place.get(b.id) ?? last));
}
