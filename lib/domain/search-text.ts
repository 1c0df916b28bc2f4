/**
 * Word filters that behave the same on SQLite and PostgreSQL: the claimant filter and the public
 * site's (the claim text's full-text search has its own query language, search-query.ts). Both the
 * stored search columns (Claim.searchText, Claim.claimantSearch) and the user's query are folded by
 * lib/domain/search-fold.ts (one definition for both), and the query's words must all occur. The
 * folded text holds only words and single spaces, never LIKE wildcards (% _) or the PostgreSQL
 * escape character (\), so a database "contains" test is a plain substring test on both databases,
 * and no input can widen it.
 */

import { foldSearchText, foldSearchWords } from "./search-fold";

/** The most words a search uses; more are ignored. */
export const MAX_SEARCH_TERMS = 8;

/**
 * The text as stored for search (Claim.searchText, Claim.claimantSearch): its folded words
 * (search-fold.ts) joined by single spaces.
 */
export function normalizeSearchText(text: string): string {
  return foldSearchText(text);
}

/** The distinct folded words of a query (at most MAX_SEARCH_TERMS); empty when the query has none. */
export function searchTerms(query: string | undefined): string[] {
  if (!query) return [];
  return [...new Set(foldSearchWords(query))].slice(0, MAX_SEARCH_TERMS);
}
