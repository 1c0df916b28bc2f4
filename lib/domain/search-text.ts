/**
 * Word filters that behave the same on SQLite and PostgreSQL: the claimant filter and the public
 * site's (the claim text's full-text search has its own query language, search-query.ts; the
 * Claim.searchText column is still written for the pg_trgm index). Both the stored search column
 * (Claim.searchText) and the user's query go through `normalizeSearchText`, and the query is split
 * into words that must all occur. The normalised text never contains LIKE wildcards (% _) or the
 * PostgreSQL escape character (\), so a database "contains" test is a plain substring test on both
 * databases, and no input can widen it.
 */

/** The most words a search uses; more are ignored. */
export const MAX_SEARCH_TERMS = 8;

export function normalizeSearchText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/%/g, " percent ")
    .replace(/[_\\]/g, " ");
}

/** The distinct words of a query, normalised; empty when the query has none. */
export function searchTerms(query: string | undefined): string[] {
  if (!query) return [];
  const words = normalizeSearchText(query)
    .split(/\s+/u)
    .filter((w) => w.length > 0);
  return [...new Set(words)].slice(0, MAX_SEARCH_TERMS);
}
