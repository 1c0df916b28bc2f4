/**
 * The order of a text search's candidates, the same on SQLite and PostgreSQL
 * (lib/server/claim-search.ts reads the candidates, this module ranks them).
 *
 * Why not the databases' own ranking: SQLite's bm25() first counts, for every term, the claims of the
 * whole desk that contain it (its inverse document frequency), and PostgreSQL's ts_rank reads every
 * match's tsvector; both cost what the desk holds, not what the page shows (a common word such as
 * "percent", in all 100,000 claims of the bench desk, cost ~30 ms per search before one row was
 * ranked). The search reads a bounded set of candidates (its newest matches) and ranks them here.
 *
 * The score is BM25's term part without the inverse document frequency (as ts_rank, which has none
 * either): for each term to look for (a word, a phrase, a prefix) and each column, its number of
 * occurrences `tf` gives `weight × tf × (K1 + 1) / (tf + K1 × (1 − B + B × length / average length))`,
 * summed. Columns: the claim's text (weight 2) and its claimant (weight 1); lengths in words; the
 * average is the candidates'. Ties keep the candidates' own order (newest first).
 */

import type { ParsedSearch, SearchTerm } from "./search-query";

/**
 * A claim a search found, as ranked: its id and the folded words (lib/domain/search-fold.ts, single
 * spaces between them) of its text and of its claimant ("" or null: none), as stored in
 * Claim.searchText and Claim.claimantSearch.
 */
export interface SearchCandidate {
  id: string;
  text: string;
  claimant: string | null;
}

const words = (folded: string | null) => (folded ? folded.split(" ").filter((w) => w.length > 0) : []);

/** BM25's term-frequency saturation. */
export const RANK_K1 = 1.2;
/** BM25's length normalisation (0: none, 1: full). */
export const RANK_B = 0.75;
/** How much a hit in the claim's text counts against one in its claimant. */
export const TEXT_WEIGHT = 2;
export const CLAIMANT_WEIGHT = 1;

/** How often `term` occurs in `words`: consecutive words for a phrase, the last one as a prefix when starred. */
export function termOccurrences(words: readonly string[], term: SearchTerm): number {
  const n = term.words.length;
  let count = 0;
  for (let i = 0; i + n <= words.length; i++) {
    let hit = true;
    for (let j = 0; j < n && hit; j++) {
      const word = words[i + j]!;
      const want = term.words[j]!;
      hit = term.prefix && j === n - 1 ? word.startsWith(want) : word === want;
    }
    if (hit) count++;
  }
  return count;
}

/** One column's share of a score: the saturated, length-normalised occurrences of every term. */
function columnScore(words: readonly string[], terms: readonly SearchTerm[], averageLength: number): number {
  const norm = RANK_K1 * (1 - RANK_B + (RANK_B * words.length) / averageLength);
  let score = 0;
  for (const term of terms) {
    const tf = termOccurrences(words, term);
    if (tf > 0) score += (tf * (RANK_K1 + 1)) / (tf + norm);
  }
  return score;
}

/**
 * The candidates' ids, best match first (see the module comment), for the query `parsed`.
 * Exclusions do not score (the database left out the claims that have them). Cost: one pass over
 * each candidate's words per term; nothing else is read.
 */
export function rankSearchCandidates(parsed: ParsedSearch, candidates: readonly SearchCandidate[]): string[] {
  const terms = parsed.terms.filter((t) => !t.exclude);
  const split = candidates.map((c) => ({ id: c.id, text: words(c.text), claimant: words(c.claimant) }));
  const average = (pick: (c: (typeof split)[number]) => string[]) =>
    Math.max(1, split.reduce((sum, c) => sum + pick(c).length, 0) / Math.max(1, split.length));
  const textAverage = average((c) => c.text);
  const claimantAverage = average((c) => c.claimant);
  const scored = split.map((c, place) => ({
    id: c.id,
    place,
    score: TEXT_WEIGHT * columnScore(c.text, terms, textAverage) + CLAIMANT_WEIGHT * columnScore(c.claimant, terms, claimantAverage),
  }));
  scored.sort((a, b) => b.score - a.score || a.place - b.place);
  return scored.map((s) => s.id);
}
