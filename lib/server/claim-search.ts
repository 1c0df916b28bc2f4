import "server-only";
import { LISTED_STATUSES } from "@/lib/domain/claim-status";
import { parseSearchQuery, toFts5Match, toTsQuery } from "@/lib/domain/search-query";
import { rankSearchCandidates, type SearchCandidate } from "@/lib/domain/search-rank";
import type { Db, Tx } from "./db";
import { provider } from "./db";
import { isEditor, type Actor } from "./permissions";

/**
 * Full-text search over claims, one query language (lib/domain/search-query.ts) on both databases:
 * SQLite's FTS5 table "ClaimSearch", PostgreSQL's "Claim"."searchVector" (GIN index), both over the
 * folded words the application stores in Claim.searchText and Claim.claimantSearch
 * (lib/domain/search-fold.ts) and kept in step with each write to them by the database itself
 * (migrations 20261202310000_claim_full_text_search, 202612080003_search_fold).
 *
 * A search's cost follows its limit, not the desk: one statement reads the newest matches the actor
 * may see (at most `limit` + 1: FTS5 walks its matches newest first, by rowid, which is creation
 * order, and stops there; PostgreSQL orders them by creation time), and
 * lib/domain/search-rank.ts ranks them in process, the same way on both databases. Neither database's own ranking is used: SQLite's bm25()
 * counts every claim holding each term before it ranks anything and ts_rank reads every match (see
 * search-rank.ts). When more claims match than the limit, only the newest `limit` are read and the
 * result says so (`capped`): the claims page and the REST API tell the user to narrow the search.
 */

/** The most matches a search reads and ranks for a list (the newest ones); past it the search is `capped`. */
export const SEARCH_MATCH_LIMIT = 1000;

/** The claims matching a search. `capped`: more matched than the limit (only the newest `limit` are kept). */
export interface ClaimSearchMatches {
  /** best match first (`order: "rank"`), or newest first (`order: "newest"`) */
  ids: string[];
  capped: boolean;
}

/**
 * The tsquery of search-query.ts's text ($1), read as tsquery input: its lexemes are folded words
 * (lib/domain/search-fold.ts), compared as they are with the words the "searchVector" column holds
 * (migration 202612080003_search_fold); no parser or dictionary splits or changes them.
 */
const PG_TSQUERY = `$1::tsquery`;
/** The claims list's statuses as SQL literals (closed set of constants, no user input). */
const LISTED_SQL = LISTED_STATUSES.map((st) => `'${st}'`).join(", ");

/**
 * The candidates' statement: the newest `limit` + 1 matches of the compiled query that the actor may
 * see and (`listed`) that are in the list's statuses (FTS5 walks its doclists by rowid, newest first,
 * and stops once that many rows passed the filters; PostgreSQL takes the newest by creation time).
 * Visibility is part of the read, so a reviewer (permissions.ts visibleClaimsWhere: assigned, or a
 * second reviewer) gets their own newest matches, never the desk's with theirs filtered out, and
 * the "more matched" answer counts only claims they may see. With `ranked` the rows carry the folded
 * words of the text and claimant (Claim.searchText, Claim.claimantSearch) the ranking reads. Parameters: SQLite (match[, actor, actor], limit); PostgreSQL
 * ($1 match, $2 limit[, $3 actor]).
 */
function candidatesSql(pg: boolean, reviewer: boolean, listed: boolean, ranked: boolean): string {
  const reviews = (actor: string) => `(c."assigneeId" = ${actor} OR c."id" IN (SELECT r."claimId" FROM "ClaimReviewer" r WHERE r."userId" = ${actor}))`;
  const filters = [listed ? ` AND c."status" IN (${LISTED_SQL})` : "", reviewer ? ` AND ${reviews(pg ? "$3" : "?")}` : ""].join("");
  const columns = `c."id" AS "id"${ranked ? `, c."searchText" AS "text", c."claimantSearch" AS "claimant"` : ""}`;
  if (pg) {
    return `SELECT ${columns} FROM "Claim" c WHERE c."searchVector" @@ ${PG_TSQUERY}${filters}
ORDER BY c."createdAt" DESC, c."id" DESC LIMIT $2`;
  }
  return `SELECT ${columns} FROM "ClaimSearch" s JOIN "ClaimSearchKey" k ON k."id" = s."rowid" JOIN "Claim" c ON c."id" = k."claimId"
WHERE "ClaimSearch" MATCH ?${filters} ORDER BY s."rowid" DESC LIMIT ?`;
}

/**
 * The ids of the claims matching `query` (the query language of lib/domain/search-query.ts) among
 * the newest `limit` matches (default SEARCH_MATCH_LIMIT) that the actor may see, best ranked first
 * (lib/domain/search-rank.ts), or newest first with `order: "newest"`; `capped` when more claims the
 * actor may see matched than were read (older matches were left out).
 * Null when the query has nothing to look for (no search: every claim stays in the list). One
 * statement reading at most `limit` + 1 matches, whatever the desk holds; the list's other filters
 * (and visibility, again) are the caller's (the ids go into claimListWhere). `listedOnly` keeps only
 * claims in the list's statuses (LISTED_STATUSES): then, for a search without other filters, the ids
 * are the list itself. Never throws for any query text: the compiled query holds only words, quoted.
 */
export async function findClaimSearchMatches(
  db: Db | Tx,
  actor: Actor,
  query: string | undefined,
  limit = SEARCH_MATCH_LIMIT,
  options: { listedOnly?: boolean; order?: "rank" | "newest" } = {},
): Promise<ClaimSearchMatches | null> {
  const parsed = parseSearchQuery(query);
  const pg = provider === "postgresql";
  const compiled = pg ? toTsQuery(parsed) : toFts5Match(parsed);
  if (compiled === null) return null;
  const reviewer = !isEditor(actor);
  const ranked = options.order !== "newest";
  const sql = candidatesSql(pg, reviewer, options.listedOnly ?? false, ranked);
  // SQLite binds `?` in text order: the match, the reviewer's two, the limit.
  const params: unknown[] = pg ? [compiled, limit + 1, ...(reviewer ? [actor.id] : [])] : [compiled, ...(reviewer ? [actor.id, actor.id] : []), limit + 1];
  const rows = await db.$queryRawUnsafe<SearchCandidate[]>(sql, ...params);
  const kept = rows.slice(0, limit);
  const ids = ranked ? rankSearchCandidates(parsed, kept) : kept.map((r) => r.id);
  return { ids, capped: rows.length > limit };
}

/** Orders rows by their place in the search's ranking (rows not in it last, in their own order). */
export function orderByRank<T extends { id: string }>(rows: T[], matches: ClaimSearchMatches): T[] {
  const place = new Map(matches.ids.map((id, i) => [id, i]));
  const last = matches.ids.length;
  return [...rows].sort((a, b) => (place.get(a.id) ?? last) - (place.get(b.id) ?? last));
}
