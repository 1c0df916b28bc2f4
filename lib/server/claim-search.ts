import "server-only";
import { LISTED_STATUSES } from "@/lib/domain/claim-status";
import { parseSearchQuery, toFts5Match, toTsQuery } from "@/lib/domain/search-query";
import { rankSearchCandidates, type SearchCandidate } from "@/lib/domain/search-rank";
import type { Db, Tx } from "./db";
import { provider } from "./db";
import { isEditor, type Actor } from "./permissions";

/**
 * Full-text search over claims, one query language (lib/domain/search-query.ts) on both databases:
 * SQLite's FTS5 table "ClaimSearch", PostgreSQL's "Claim"."searchVector" (GIN index), both kept in
 * step with each write to a claim by the database itself (migration 20261202310000_claim_full_text_search).
 *
 * A search's cost follows its limit, not the desk: one statement reads the desk's newest matches
 * (at most `limit` + 1: FTS5 walks its matches newest first, by rowid, which is creation order;
 * PostgreSQL orders them by creation time), keeps those the actor may see, and
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
 * The tsquery of search-query.ts's text ($1), lower-cased and split as the "searchVector" column
 * splits a claim (migration 20261202310000): inside each quoted word every run of what is not
 * `[[:alnum:]]` becomes a space, so to_tsquery reads the word as the phrase of the pieces the column
 * holds. The tsquery's own syntax characters (quotes, parentheses, `:*`, `<->`, `&`, `!`) are kept:
 * the words never contain them (search-query.ts).
 */
const PG_TSQUERY = `to_tsquery('simple', regexp_replace(lower($1), '[^[:alnum:]''():*<>&!-]+', ' ', 'g'))`;
/** The claims list's statuses as SQL literals (closed set of constants, no user input). */
const LISTED_SQL = LISTED_STATUSES.map((st) => `'${st}'`).join(", ");

/**
 * The candidates' statement: the newest `limit` + 1 matches of the compiled query on the desk (FTS5
 * walks its doclists by rowid, newest first, and stops there; PostgreSQL takes the newest by
 * creation time), each with `keep`: the actor may see it and (`listed`) it is in the list's statuses.
 * Visibility is checked on these rows only, never on every match: a reviewer (permissions.ts
 * visibleClaimsWhere: assigned, or a second reviewer) keeps theirs among the desk's newest matches.
 * With `ranked` the kept rows carry the text and claimant the ranking reads. Parameters: SQLite
 * ([actor, actor,] match, limit); PostgreSQL ($1 match, $2 limit[, $3 actor]).
 */
function candidatesSql(pg: boolean, reviewer: boolean, listed: boolean, ranked: boolean): string {
  const reviews = (actor: string) => `(c."assigneeId" = ${actor} OR c."id" IN (SELECT r."claimId" FROM "ClaimReviewer" r WHERE r."userId" = ${actor}))`;
  const keep = [listed ? `c."status" IN (${LISTED_SQL})` : "", reviewer ? reviews(pg ? "$3" : "?") : ""].filter(Boolean).join(" AND ") || "TRUE";
  // Only the kept rows carry their words: a reviewer's search drops most of the rows it reads.
  const outer = `SELECT "id", "keep"${ranked ? `, CASE WHEN "keep" = 1 THEN "text" END AS "text", CASE WHEN "keep" = 1 THEN "claimant" END AS "claimant"` : ""} FROM`;
  const inner = `c."id" AS "id", c."text" AS "text", c."claimant" AS "claimant", CASE WHEN ${keep} THEN 1 ELSE 0 END AS "keep"`;
  if (pg) {
    return `${outer} (SELECT ${inner}, c."createdAt" AS "at" FROM "Claim" c WHERE c."searchVector" @@ ${PG_TSQUERY}
ORDER BY c."createdAt" DESC, c."id" DESC LIMIT $2) x ORDER BY "at" DESC, "id" DESC`;
  }
  return `${outer} (SELECT ${inner}, m."at" AS "at" FROM (SELECT "rowid" AS "at" FROM "ClaimSearch" WHERE "ClaimSearch" MATCH ? ORDER BY "rowid" DESC LIMIT ?) m
JOIN "ClaimSearchKey" k ON k."id" = m."at" JOIN "Claim" c ON c."id" = k."claimId") x ORDER BY "at" DESC`;
}

/** A candidate as the statement returns it (`keep`: 1 or 0, never null: a null assignee makes no null here; text null when not kept). */
type CandidateRow = SearchCandidate & { keep: number | bigint };

/**
 * The ids of the claims matching `query` (the query language of lib/domain/search-query.ts) among
 * the desk's newest `limit` matches (default SEARCH_MATCH_LIMIT) that the actor may see, best ranked
 * first (lib/domain/search-rank.ts), or newest first with `order: "newest"`; `capped` when more
 * claims of the desk matched than were read (older matches were left out, whoever may see them).
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
  // SQLite binds `?` in text order: the reviewer's two come first, in the select list.
  const params: unknown[] = pg ? [compiled, limit + 1, ...(reviewer ? [actor.id] : [])] : [...(reviewer ? [actor.id, actor.id] : []), compiled, limit + 1];
  const rows = await db.$queryRawUnsafe<CandidateRow[]>(sql, ...params);
  const kept = rows.slice(0, limit).filter((r) => Number(r.keep) === 1);
  const ids = ranked ? rankSearchCandidates(parsed, kept) : kept.map((r) => r.id);
  return { ids, capped: rows.length > limit };
}

/** Orders rows by their place in the search's ranking (rows not in it last, in their own order). */
export function orderByRank<T extends { id: string }>(rows: T[], matches: ClaimSearchMatches): T[] {
  const place = new Map(matches.ids.map((id, i) => [id, i]));
  const last = matches.ids.length;
  return [...rows].sort((a, b) => (place.get(a.id) ?? last) - (place.get(b.id) ?? last));
}
