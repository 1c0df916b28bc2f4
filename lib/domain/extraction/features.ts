/**
 * Check-worthiness features of one sentence (a token range of an Analysis).
 * Everything here is derived from the sentence text via wink-nlp's tokens,
 * POS tags and numeric entities plus general lexical cue lists.
 */
import type { Analysis, Lexeme } from "./nlp";
import {
  ATTRIBUTION_VERBS,
  CAUSAL_TERMS,
  COMPARISON_TERMS,
  EVALUATIVE_TERMS,
  FIRST_PLURAL,
  FIRST_SINGULAR,
  HEDGE_TERMS,
  INTERPRETIVE_TERMS,
  PERSON_TITLES,
  RULE_TERMS,
  LEGAL_TERMS,
  NUMBER_WORDS,
  PHATIC_TERMS,
  PREDICTION_TERMS,
  SECOND_PERSON,
  SOURCE_NOUNS,
} from "./lexicon";

export interface SentenceFacts {
  /** Sentence text (UTF-16 slice of the analysed text). */
  text: string;
  nWords: number;
  /** Digits-bearing number tokens and spelled-out quantity words. */
  numbers: number;
  /** Counts of wink numeric entity types (CARDINAL, DATE, MONEY, PERCENT, ORDINAL, DURATION, TIME). */
  entities: Record<string, number>;
  /** Proper-noun tokens not at the start of the sentence. */
  properNouns: number;
  /** Capitalised multi-word names / acronyms (e.g. "Pete Hegseth", "ATACMS"). */
  names: string[];
  attribution: number;
  accordingTo: boolean;
  sourceNouns: number;
  comparison: number;
  superlative: number;
  legal: number;
  causal: number;
  prediction: number;
  hedge: number;
  evaluative: number;
  past: number;
  present: number;
  future: number;
  firstSingular: number;
  firstPlural: number;
  second: number;
  question: boolean;
  exclamation: boolean;
  negation: number;
  /** Stage direction such as "(APPLAUSE)". */
  stage: boolean;
  quoted: boolean;
  phatic: number;
  verbs: number;
  /** First word is a pronoun or demonstrative ("This …", "It …", "Such …"). */
  anaphoricStart: boolean;
  /** A framing phrase that points back to earlier text ("in this way", "in this view", "for this reason"). */
  anaphoricFrame: boolean;
  /** A proper noun appears before the first verb (a named grammatical subject). */
  namedSubject: boolean;
  /** Perfect aspect: has/have/had + participle. */
  perfect: boolean;
  /** A list of three or more items ("green, yellow, and red"). */
  enumeration: boolean;
  /** Interpretive / analytical vocabulary count. */
  interpretive: number;
  /** Rule / requirement / permission words. */
  rule: number;
  /** A person is named: a title + name ("Defense Secretary Pete Hegseth") or a two-word proper name. */
  person: boolean;
  /** Stance/manner adverbs in -ly ("quietly", "effectively", "truly"). */
  stanceAdverbs: number;
  /** Sentence is cut off ("--", "..." at the end). */
  truncated: boolean;
  /**
   * Lemmas used as lexical features: common nouns, verbs, adjectives and
   * adverbs only — no proper nouns (people, places, parties would tie the
   * model to the training debates) and no numbers (covered by numeric features).
   */
  contentWords: string[];
  /**
   * Lower-cased word forms in order, for word n-gram features: every word
   * token's normal form, digit-bearing numbers as "0", punctuation left out.
   */
  words: string[];
  /** The lexeme of each entry of `words` (null for the "0" of a number). */
  wordLexemes: (Lexeme | null)[];
  commas: number;
}

const NEUTRAL_LY = new Set(["only", "early", "likely", "reportedly", "directly", "personally", "publicly", "previously", "recently", "currently", "initially", "formally", "officially", "nearly", "roughly", "approximately", "daily", "weekly", "monthly", "annually", "yearly", "respectively"]);
const ANAPHORIC_FRAME =
  /\b(?:in|by|from|under|with) (?:this|that|these|those|such) (?:way|ways|view|sense|light|respect|regard|context|case|manner|fashion|logic|reading|scenario)\b|\b(?:for|to) (?:this|that) (?:reason|end)\b|\bby doing so\b|\bin so doing\b/i;
const ANAPHORIC = new Set(["this", "that", "these", "those", "it", "such", "they", "he", "she", "there"]);
const LEXICAL_POS = new Set(["NOUN", "VERB", "ADJ", "ADV"]);
const PAST_AUX = new Set(["was", "were", "had", "did", "been"]);
const PRESENT_AUX = new Set(["is", "are", "am", "has", "have", "does", "do", "'s", "'re", "'m", "'ve"]);
const PERFECT_AUX = new Set(["has", "have", "'ve", "having"]);
const FUTURE_AUX = new Set(["will", "'ll", "shall", "wo"]);

function hasDigit(s: string): boolean {
  return /\d/.test(s);
}

const INTRO_POS = new Set(["ADP", "SCONJ", "ADV"]);

/**
 * Whether a capitalised proper noun occurs in the subject position, i.e.
 * before the main verb. A leading adverbial/participial clause closed by a
 * comma ("Following the inauguration of X, the Department …", "On August 24,
 * 2025, Reuters …") is skipped.
 */
function hasNamedSubject(a: Analysis, t0: number, t1: number): boolean {
  const toks = a.lexemes;
  let s0 = t0;
  const first = toks[t0];
  if (first && (INTRO_POS.has(first.pos) || (first.pos === "VERB" && /(?:ing|ed)$/.test(first.normal)))) {
    // Skip to after the last comma of the introductory phrase (before any finite verb).
    for (let i = t0 + 1; i < Math.min(t1, t0 + 30); i++) {
      const t = toks[i]!;
      if (t.value === ",") {
        const n = toks[i + 1];
        // Stop at the comma that is followed by the clause subject (not by a number of a date).
        if (n && n.type !== "number") {
          s0 = i + 1;
          break;
        }
      }
    }
  }
  for (let i = s0; i < t1; i++) {
    const t = toks[i]!;
    if (t.pos === "VERB" || t.pos === "AUX") return false;
    if (t.pos === "PROPN" && /^\p{Lu}/u.test(t.value)) return true;
  }
  return false;
}

// Lexical flags per (normal form, lemma), cached: one map lookup instead of many set lookups per token.
const L_NUMWORD = 1 << 0;
const L_ATTR = 1 << 1;
const L_SOURCE = 1 << 2;
const L_CMP = 1 << 3;
const L_LEGAL = 1 << 4;
const L_CAUSAL = 1 << 5;
const L_PRED = 1 << 6;
const L_INTERP = 1 << 7;
const L_RULE = 1 << 8;
const L_NEUTRAL_LY = 1 << 9;
const L_TITLE = 1 << 10;
const L_HEDGE = 1 << 11;
const L_EVAL = 1 << 12;
const L_FIRST_S = 1 << 13;
const L_FIRST_P = 1 << 14;
const L_SECOND = 1 << 15;
const L_PHATIC = 1 << 16;
const L_FUTURE_AUX = 1 << 17;
const L_PAST_AUX = 1 << 18;
const L_PRESENT_AUX = 1 << 19;
const L_ANAPHORIC = 1 << 20;
const L_LEXWORD = 1 << 21;
const L_PERFECT_AUX = 1 << 22;

const lexCache = new Map<string, Map<string, number>>();
const lexSame = new Map<string, number>();
let lexCacheSize = 0;
function lexFlags(norm: string, lemma: string): number {
  if (norm === lemma) {
    const same = lexSame.get(norm);
    if (same !== undefined) return same;
    const x = computeLexFlags(norm, lemma);
    if (lexSame.size > 100_000) lexSame.clear();
    lexSame.set(norm, x);
    return x;
  }
  let inner = lexCache.get(norm);
  const hit = inner?.get(lemma);
  if (hit !== undefined) return hit;
  const x = computeLexFlags(norm, lemma);
  if (lexCacheSize > 100_000) {
    lexCache.clear();
    lexCacheSize = 0;
    inner = undefined;
  }
  if (!inner) {
    inner = new Map();
    lexCache.set(norm, inner);
  }
  inner.set(lemma, x);
  lexCacheSize++;
  return x;
}

function computeLexFlags(norm: string, lemma: string): number {
  const either = (set: ReadonlySet<string>): boolean => set.has(norm) || set.has(lemma);
  let x = 0;
  if (NUMBER_WORDS.has(norm)) x |= L_NUMWORD;
  if (ATTRIBUTION_VERBS.has(lemma)) x |= L_ATTR;
  if (either(SOURCE_NOUNS)) x |= L_SOURCE;
  if (COMPARISON_TERMS.has(norm)) x |= L_CMP;
  if (either(LEGAL_TERMS)) x |= L_LEGAL;
  if (either(CAUSAL_TERMS)) x |= L_CAUSAL;
  if (either(PREDICTION_TERMS)) x |= L_PRED;
  if (INTERPRETIVE_TERMS.has(norm)) x |= L_INTERP;
  if (RULE_TERMS.has(norm)) x |= L_RULE;
  if (NEUTRAL_LY.has(norm)) x |= L_NEUTRAL_LY;
  if (PERSON_TITLES.has(norm)) x |= L_TITLE;
  if (either(HEDGE_TERMS)) x |= L_HEDGE;
  if (EVALUATIVE_TERMS.has(norm)) x |= L_EVAL;
  if (FIRST_SINGULAR.has(norm)) x |= L_FIRST_S;
  if (FIRST_PLURAL.has(norm)) x |= L_FIRST_P;
  if (SECOND_PERSON.has(norm)) x |= L_SECOND;
  if (PHATIC_TERMS.has(norm)) x |= L_PHATIC;
  if (FUTURE_AUX.has(norm)) x |= L_FUTURE_AUX;
  if (PAST_AUX.has(norm)) x |= L_PAST_AUX;
  if (PRESENT_AUX.has(norm)) x |= L_PRESENT_AUX;
  if (ANAPHORIC.has(norm)) x |= L_ANAPHORIC;
  if (/^[\p{L}'-]+$/u.test(lemma)) x |= L_LEXWORD;
  if (norm === "has" || norm === "have" || norm === "had" || norm === "'ve") x |= L_PERFECT_AUX;
  return x;
}

// Shape flags per surface form, cached.
const S_UPPER = 1;
const S_LOWER = 2;
const S_ACRONYM = 4;
const S_DIGIT = 8;
const shapeCache = new Map<string, number>();
function shapeFlags(value: string): number {
  const hit = shapeCache.get(value);
  if (hit !== undefined) return hit;
  let x = 0;
  if (/^\p{Lu}/u.test(value)) x |= S_UPPER;
  if (/^\p{Ll}/u.test(value)) x |= S_LOWER;
  if (/^\p{Lu}[\p{Lu}\d.&-]+$/u.test(value)) x |= S_ACRONYM;
  if (/\d/.test(value)) x |= S_DIGIT;
  if (shapeCache.size > 100_000) shapeCache.clear();
  shapeCache.set(value, x);
  return x;
}

/** Cue flags of a token's lexeme, kept on its shared Lexeme record after the first computation. */
function tokenCues(lex: Lexeme): number {
  return lex.cueFlags >= 0 ? lex.cueFlags : (lex.cueFlags = lexFlags(lex.normal, lex.lemma));
}

/** Shape flags of a token's lexeme, kept on its shared Lexeme record after the first computation. */
function tokenShape(lex: Lexeme): number {
  return lex.shapeFlags >= 0 ? lex.shapeFlags : (lex.shapeFlags = shapeFlags(lex.value));
}

/** "X, Y(,) and/or Z" with short items (at most four tokens each). */
function hasEnumeration(a: Analysis, t0: number, t1: number): boolean {
  const toks = a.lexemes;
  for (let i = t0 + 1; i < t1; i++) {
    if (toks[i]!.value !== ",") continue;
    // Item Y: 1..4 tokens after the comma, then "and"/"or" (optionally after another comma).
    for (let k = 1; k <= 5 && i + k < t1; k++) {
      const v = toks[i + k]!.normal;
      if (v === "and" || v === "or") {
        const itemLen = toks[i + k - 1]!.value === "," ? k - 2 : k - 1;
        if (itemLen >= 1 && i + k + 1 < t1 && toks[i + k + 1]!.type === "word") return true;
        break;
      }
      if (toks[i + k]!.value !== "," && toks[i + k]!.type === "punctuation") break;
      const p = toks[i + k]!.pos;
      if (p === "VERB" || p === "AUX" || p === "PRON") break; // a clause, not a list item
      if (toks[i + k]!.value === "," && k === 1) break;
    }
  }
  return false;
}

/** Facts about the tokens [t0, t1) of an analysis. */
export function sentenceFacts(a: Analysis, t0: number, t1: number): SentenceFacts {
  const toks = a.lexemes;
  const text = t0 < t1 && t0 >= 0 && t1 <= a.tokenCount ? a.text.slice(a.starts[t0]!, a.ends[t1 - 1]!) : "";
  const f: SentenceFacts = {
    text,
    nWords: 0,
    numbers: 0,
    entities: {},
    properNouns: 0,
    names: [],
    attribution: 0,
    accordingTo: false,
    sourceNouns: 0,
    comparison: 0,
    superlative: 0,
    legal: 0,
    causal: 0,
    prediction: 0,
    hedge: 0,
    evaluative: 0,
    past: 0,
    present: 0,
    future: 0,
    firstSingular: 0,
    firstPlural: 0,
    second: 0,
    question: false,
    exclamation: false,
    negation: 0,
    stage: false,
    quoted: false,
    phatic: 0,
    verbs: 0,
    anaphoricStart: false,
    anaphoricFrame: false,
    namedSubject: false,
    perfect: false,
    enumeration: false,
    truncated: false,
    interpretive: 0,
    rule: 0,
    person: false,
    stanceAdverbs: 0,
    contentWords: [],
    words: [],
    wordLexemes: [],
    commas: 0,
  };
  let nameRun: string[] = [];
  let firstWord = true;
  for (let i = t0; i < t1; i++) {
    const t = toks[i];
    if (!t) continue;
    const norm = t.normal;
    const lemma = t.lemma;
    const lx = tokenCues(t);
    const sh = tokenShape(t);
    const isWord = t.type === "word";
    const pos = t.pos;
    if (isWord || t.type === "number") f.nWords++;
    if (t.type === "number" || (pos === "NUM" && sh & S_DIGIT)) f.numbers++;
    else if (isWord && lx & L_NUMWORD) f.numbers++;
    if (pos === "PROPN" && i > t0 && sh & S_UPPER) f.properNouns++;
    // Names: runs of capitalised PROPN tokens, or all-caps acronyms.
    if ((pos === "PROPN" && sh & S_UPPER) || sh & S_ACRONYM) {
      nameRun.push(t.value);
    } else if (nameRun.length > 0) {
      f.names.push(nameRun.join(" "));
      nameRun = [];
    }
    if (isWord) {
      if (firstWord) {
        f.anaphoricStart = (lx & L_ANAPHORIC) !== 0;
        firstWord = false;
      }
      if (lx & L_PERFECT_AUX && pos === "AUX") {
        for (let j = i + 1; j < Math.min(t1, i + 4); j++) {
          const n = toks[j]!;
          if (n.pos === "VERB") {
            if (n.normal !== n.lemma && !n.normal.endsWith("ing")) f.perfect = true;
            break;
          }
        }
      }
      if (pos === "VERB" && lx & L_ATTR) f.attribution++;
      if (norm === "according" && toks[i + 1]?.normal === "to") f.accordingTo = true;
      if (lx & L_SOURCE) f.sourceNouns++;
      if (lx & L_CMP) f.comparison++;
      if (pos === "ADJ" && norm.length > 4 && norm.endsWith("est")) f.superlative++;
      else if ((norm === "most" || norm === "least") && toks[i + 1]?.pos === "ADJ") f.superlative++;
      if (pos === "ADJ" && norm.endsWith("er") && toks[i + 1]?.normal === "than") f.comparison++;
      if (lx & L_LEGAL) f.legal++;
      if (lx & L_CAUSAL) f.causal++;
      if (lx & L_PRED) f.prediction++;
      if (norm === "going" && toks[i + 1]?.normal === "to" && toks[i + 2]?.pos === "VERB") f.future++;
      if (lx & L_INTERP) f.interpretive++;
      if (lx & L_RULE) f.rule++;
      if (pos === "ADV" && norm.endsWith("ly") && !(lx & L_NEUTRAL_LY)) f.stanceAdverbs++;
      if (lx & L_TITLE && sh & S_UPPER) {
        const n = toks[i + 1];
        if (n && n.pos === "PROPN" && tokenShape(n) & S_UPPER) f.person = true;
      }
      if (lx & L_HEDGE) f.hedge++;
      if (lx & L_EVAL) f.evaluative++;
      if (lx & L_FIRST_S) f.firstSingular++;
      if (lx & L_FIRST_P && t.value !== "US") f.firstPlural++;
      if (lx & L_SECOND) f.second++;
      if (lx & L_PHATIC) f.phatic++;
      if (pos === "VERB" || pos === "AUX") {
        if (pos === "VERB") f.verbs++;
        if (lx & L_FUTURE_AUX) f.future++;
        else if (lx & L_PAST_AUX) f.past++;
        else if (lx & L_PRESENT_AUX) f.present++;
        else if (pos === "VERB" && norm !== lemma && !norm.endsWith("ing")) {
          if (norm.endsWith("s") && norm.slice(0, -1).startsWith(lemma.slice(0, -1))) f.present++;
          else {
            // A participle after a modal / present "be" ("could be used", "is expected") is not past tense.
            let governed = false;
            for (let j = i - 1; j >= Math.max(t0, i - 3); j--) {
              const p = toks[j]!;
              if (p.pos === "AUX" || p.pos === "PART") {
                if (!PAST_AUX.has(p.normal) && !PERFECT_AUX.has(p.normal)) governed = true;
                break;
              }
              if (p.pos !== "ADV") break;
            }
            if (governed) f.present++;
            else f.past++;
          }
        } else if (pos === "VERB" && norm === lemma) f.present++;
      }
    } else if (t.value === ",") {
      f.commas++;
    }
    if (a.negated[i] === 1) f.negation++;
    if (isWord && LEXICAL_POS.has(pos) && sh & S_LOWER && lx & L_LEXWORD) f.contentWords.push(lemma);
    if (isWord) {
      f.words.push(norm);
      f.wordLexemes.push(t);
    } else if (t.type === "number") {
      f.words.push("0");
      f.wordLexemes.push(null);
    }
  }
  if (nameRun.length > 0) f.names.push(nameRun.join(" "));
  f.namedSubject = hasNamedSubject(a, t0, t1);
  if (!f.person) f.person = f.names.some((n) => /^\p{Lu}\p{Ll}+(?: \p{Lu}\.?)? \p{Lu}\p{Ll}+/u.test(n));
  // Entities are in document order: binary-search the first one starting in range.
  const ents = a.entities;
  let lo = 0;
  let hi = ents.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ents[mid]!.t0 < t0) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < ents.length && ents[k]!.t0 < t1; k++) {
    const e = ents[k]!;
    if (e.t1 <= t1) f.entities[e.type] = (f.entities[e.type] ?? 0) + 1;
  }
  // `text` runs from the first to the last token, so it is already trimmed.
  const trimmed = text;
  const lastChar = trimmed.charCodeAt(trimmed.length - 1);
  const closing = lastChar === 34 || lastChar === 39 || lastChar === 0x201d || lastChar === 0x2019 || lastChar === 41;
  f.question = closing ? /\?["'”’)]*$/.test(trimmed) : lastChar === 63;
  f.exclamation = closing ? /!["'”’)]*$/.test(trimmed) : lastChar === 33;
  const firstChar = trimmed.charCodeAt(0);
  f.stage = (firstChar === 40 || firstChar === 91) && /^[([][^()[\]]*[)\]]\.?$/.test(trimmed);
  f.quoted = trimmed.includes('"') || trimmed.includes("“") || trimmed.includes("”");
  f.anaphoricFrame = ANAPHORIC_FRAME.test(trimmed);
  f.enumeration = f.commas > 0 && hasEnumeration(a, t0, t1);
  f.truncated = trimmed.endsWith("--") || trimmed.endsWith("—") || trimmed.endsWith("...") || trimmed.endsWith("…");
  return f;
}

/** Sparse feature vector: feature name → value. */
export type FeatureVector = Map<string, number>;

const NUMERIC_ENTITIES = ["CARDINAL", "DATE", "MONEY", "PERCENT", "ORDINAL", "DURATION", "TIME"];
const ENTITY_KEYS: Record<string, string> = Object.fromEntries(NUMERIC_ENTITIES.map((e) => [e, `ent_${e.toLowerCase()}`]));

function put(v: FeatureVector, k: string, x: number): void {
  if (x !== 0) v.set(k, x);
}

/** Features describing one sentence on its own (no context). */
export function baseFeatures(f: SentenceFacts): FeatureVector {
  const v: FeatureVector = new Map();
  const nw = f.nWords;
  put(v, "len_log", Math.log1p(nw) / 3);
  put(v, "len_short", nw <= 4 ? 1 : 0);
  put(v, "len_long", nw >= 35 ? 1 : 0);
  put(v, "num", f.numbers > 0 ? 1 : 0);
  put(v, "num_log", Math.log1p(f.numbers));
  for (const e of NUMERIC_ENTITIES) put(v, ENTITY_KEYS[e]!, (f.entities[e] ?? 0) > 0 ? 1 : 0);
  put(v, "propn", Math.log1p(f.properNouns));
  put(v, "names", Math.min(f.names.length, 4) / 2);
  put(v, "attr", f.attribution > 0 ? 1 : 0);
  put(v, "according", f.accordingTo ? 1 : 0);
  put(v, "source", f.sourceNouns > 0 ? 1 : 0);
  put(v, "cmp", Math.min(f.comparison, 3) / 2);
  put(v, "superl", f.superlative > 0 ? 1 : 0);
  put(v, "legal", f.legal > 0 ? 1 : 0);
  put(v, "causal", f.causal > 0 ? 1 : 0);
  put(v, "pred", f.prediction > 0 ? 1 : 0);
  put(v, "hedge", Math.min(f.hedge, 3) / 2);
  put(v, "eval", Math.min(f.evaluative, 3) / 2);
  put(v, "past", f.past > 0 ? 1 : 0);
  put(v, "present", f.present > 0 ? 1 : 0);
  put(v, "future", f.future > 0 ? 1 : 0);
  put(v, "i", f.firstSingular > 0 ? 1 : 0);
  put(v, "we", f.firstPlural > 0 ? 1 : 0);
  put(v, "you", f.second > 0 ? 1 : 0);
  put(v, "question", f.question ? 1 : 0);
  put(v, "exclaim", f.exclamation ? 1 : 0);
  put(v, "neg", f.negation > 0 ? 1 : 0);
  put(v, "stage", f.stage ? 1 : 0);
  put(v, "quoted", f.quoted ? 1 : 0);
  put(v, "phatic", f.phatic > 0 ? 1 : 0);
  put(v, "noverb", f.verbs === 0 ? 1 : 0);
  put(v, "anaphoric", f.anaphoricStart ? 1 : 0);
  put(v, "named_subj", f.namedSubject ? 1 : 0);
  put(v, "perfect", f.perfect ? 1 : 0);
  put(v, "enum", f.enumeration ? 1 : 0);
  put(v, "truncated", f.truncated ? 1 : 0);
  put(v, "interp", Math.min(f.interpretive, 2) / 2);
  put(v, "rule", f.rule > 0 ? 1 : 0);
  put(v, "person", f.person ? 1 : 0);
  return v;
}

/** Subset of base features copied from neighbouring sentences as context. */
const CONTEXT_KEYS = ["num", "question", "len_short", "i", "you", "stage"];
const PREV_KEYS: Record<string, string> = Object.fromEntries(CONTEXT_KEYS.map((k) => [k, `prev_${k}`]));
const NEXT_KEYS: Record<string, string> = Object.fromEntries(CONTEXT_KEYS.map((k) => [k, `next_${k}`]));

/**
 * Adds context features from the neighbouring sentences (either may be null
 * at the start/end of a document) to `cur`, in place, and returns it. Only
 * base (unprefixed) keys of the neighbours are read, so vectors can be
 * completed one after another.
 */
export function featureVector(
  cur: FeatureVector,
  prev: FeatureVector | null,
  next: FeatureVector | null,
): FeatureVector {
  for (const k of CONTEXT_KEYS) {
    const p = prev?.get(k);
    if (p) cur.set(PREV_KEYS[k]!, p);
    const n = next?.get(k);
    if (n) cur.set(NEXT_KEYS[k]!, n);
  }
  if (prev === null) cur.set("doc_start", 1);
  return cur;
}
