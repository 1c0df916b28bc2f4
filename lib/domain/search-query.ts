/**
 * The claim search's query language, one for SQLite and PostgreSQL, parsed here and compiled to an
 * SQLite FTS5 MATCH expression and to a PostgreSQL tsquery (lib/server/claim-search.ts runs them).
 *
 * - `word word`: every word must occur (AND), case-insensitive, anywhere in the claim's text or claimant.
 * - `"a quoted phrase"`: the words next to each other, in this order.
 * - `-word`, `-"a phrase"`, `-wor*`: claims containing it are left out.
 * - `wor*`: any word starting with `wor` (at least MIN_PREFIX_LENGTH code points before the star).
 * - Anything else is plain words, folded by lib/domain/search-fold.ts exactly as the stored claims
 *   are (case, accents, compatibility forms, digits of every script, invisible characters; one
 *   word per Han, kana or Hangul character and per emoji): a word is a run of letters, combining
 *   marks, digits or private-use characters (Unicode L, M, N, Co), everything else separates words.
 *   So `OR`, `NEAR(`, `AND`, `NOT`, `'`, `"`, `*`, `(`, `:` are never operators of either database:
 *   `OR` is the word "or", a lone `"` or `*` is nothing. A bare token that folds to several words
 *   (`covid-19`, `3,000`, `U.S.`, `经济`) is a phrase of them.
 * - Fullwidth `＂`, `－` and `＊` are read as `"`, `-` and `*` (the query is NFKC-normalised first).
 * - An unclosed `"` quotes to the end of the query. Exclusions alone (no word to look for) are read as
 *   words to look for: the databases cannot list "everything but".
 * - At most MAX_SEARCH_TERMS terms; more are ignored.
 *
 * Both compiled forms contain only words of the characters above, wrapped in the database's own
 * quoting, so no input reaches either database as syntax.
 *
 * Neither database splits or folds the words any further: SQLite's FTS5 table uses the "ascii"
 * tokenizer over the stored folded words, and PostgreSQL's tsvector and the tsquery are written
 * lexeme by lexeme (migration 202612080003_search_fold), so both look up exactly these words.
 */

import { foldSearchWords } from "./search-fold";
import { MAX_SEARCH_TERMS } from "./search-text";

/** The most terms (words, phrases, prefixes, exclusions) a search uses; more are ignored (search-text.ts). */
export { MAX_SEARCH_TERMS };
/** The shortest prefix a `*` search accepts, in code points; a shorter one is a plain word. */
export const MIN_PREFIX_LENGTH = 2;
/** The most words one phrase keeps. */
export const MAX_PHRASE_WORDS = 12;

export type SearchTerm =
  /** One word, or (words.length > 1) a phrase; `prefix`: the last word is a prefix. */
  { words: string[]; prefix: boolean; exclude: boolean };

export interface ParsedSearch {
  /** The terms in query order; empty when the query holds no word. */
  terms: SearchTerm[];
}

/** The words of a query token, folded as stored text is (search-fold.ts), at most MAX_PHRASE_WORDS. */
export function searchWords(text: string): string[] {
  return foldSearchWords(text).slice(0, MAX_PHRASE_WORDS);
}

/** Splits the query into raw tokens: quoted runs (with an optional leading `-`) and bare runs. */
function tokenize(query: string): { text: string; quoted: boolean; exclude: boolean }[] {
  const tokens: { text: string; quoted: boolean; exclude: boolean }[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i]!;
    if (/\s/u.test(ch)) {
      i++;
      continue;
    }
    const exclude = ch === "-" && i + 1 < query.length && !/\s/u.test(query[i + 1]!);
    const start = exclude ? i + 1 : i;
    if (query[start] === '"') {
      const end = query.indexOf('"', start + 1);
      const stop = end === -1 ? query.length : end;
      tokens.push({ text: query.slice(start + 1, stop), quoted: true, exclude });
      i = stop + 1;
      continue;
    }
    let stop = start;
    while (stop < query.length && !/\s/u.test(query[stop]!) && query[stop] !== '"') stop++;
    tokens.push({ text: query.slice(start, stop), quoted: false, exclude });
    i = stop === start ? stop + 1 : stop;
  }
  return tokens;
}

/** The query as terms (see the module comment); never throws. */
export function parseSearchQuery(query: string | undefined | null): ParsedSearch {
  if (!query) return { terms: [] };
  const terms: SearchTerm[] = [];
  const seen = new Set<string>();
  for (const token of tokenize(query.normalize("NFKC"))) {
    const words = searchWords(token.text);
    if (words.length === 0) continue;
    // A star right after the last word (and nothing else after it) makes it a prefix.
    const starred = !token.quoted && /[\p{L}\p{M}\p{N}\p{Co}]\*+$/u.test(token.text);
    const prefix = starred && [...words.at(-1)!].length >= MIN_PREFIX_LENGTH;
    const term: SearchTerm = { words, prefix, exclude: token.exclude };
    const key = JSON.stringify(term);
    if (seen.has(key)) continue;
    seen.add(key);
    terms.push(term);
    if (terms.length === MAX_SEARCH_TERMS) break;
  }
  if (terms.length > 0 && terms.every((t) => t.exclude)) return { terms: terms.map((t) => ({ ...t, exclude: false })) };
  return { terms };
}

/** True when the parsed query has something to look for. */
export function hasSearchTerms(parsed: ParsedSearch): boolean {
  return parsed.terms.some((t) => !t.exclude);
}

const fts5String = (words: string[]) => `"${words.join(" ")}"`;
const fts5Term = (t: SearchTerm) => `${fts5String(t.words)}${t.prefix ? "*" : ""}`;

/**
 * The SQLite FTS5 MATCH expression (https://sqlite.org/fts5.html §3): each term a double-quoted
 * string (words only, so no quote inside), `*` after a prefix, terms joined by AND, exclusions as
 * `NOT`. Null when there is nothing to look for.
 */
export function toFts5Match(parsed: ParsedSearch): string | null {
  const wanted = parsed.terms.filter((t) => !t.exclude);
  if (wanted.length === 0) return null;
  const excluded = parsed.terms.filter((t) => t.exclude);
  const positive = wanted.map(fts5Term).join(" AND ");
  return excluded.length === 0 ? positive : `(${positive})${excluded.map((t) => ` NOT ${fts5Term(t)}`).join("")}`;
}

const tsLexeme = (word: string, prefix: boolean) => `'${word}'${prefix ? ":*" : ""}`;
const tsTerm = (t: SearchTerm) => {
  const parts = t.words.map((w, i) => tsLexeme(w, t.prefix && i === t.words.length - 1));
  return parts.length === 1 ? parts[0]! : `(${parts.join(" <-> ")})`;
};

/**
 * The PostgreSQL tsquery, as tsquery input text (cast with `::tsquery`, so no parser or dictionary
 * touches the words; PostgreSQL manual §8.11.2): each word a quoted lexeme (words only, so no quote inside), `:*` for a prefix, `<->` inside a phrase, `&`
 * between terms, `!` before an exclusion. Null when there is nothing to look for.
 */
export function toTsQuery(parsed: ParsedSearch): string | null {
  const wanted = parsed.terms.filter((t) => !t.exclude);
  if (wanted.length === 0) return null;
  return [...wanted.map(tsTerm), ...parsed.terms.filter((t) => t.exclude).map((t) => `!${tsTerm(t)}`)].join(" & ");
}
