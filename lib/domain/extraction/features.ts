/**
 * Check-worthiness features of one sentence (a token range of an Analysis).
 * Everything here is derived from the sentence text via wink-nlp's tokens,
 * POS tags and numeric entities plus general lexical cue lists.
 */
import type { Analysis } from "./nlp";
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
  /** Lower-cased lemmas of content words (nouns, verbs, adjectives, adverbs, proper nouns, numbers). */
  contentLemmas: string[];
  /**
   * Lemmas used as lexical features: common nouns, verbs, adjectives and
   * adverbs only — no proper nouns (people, places, parties would tie the
   * model to the training debates) and no numbers (covered by numeric features).
   */
  contentWords: string[];
}

const NEUTRAL_LY = new Set(["only", "early", "likely", "reportedly", "directly", "personally", "publicly", "previously", "recently", "currently", "initially", "formally", "officially", "nearly", "roughly", "approximately", "daily", "weekly", "monthly", "annually", "yearly", "respectively"]);
const ANAPHORIC = new Set(["this", "that", "these", "those", "it", "such", "they", "he", "she", "there"]);
const LEXICAL_POS = new Set(["NOUN", "VERB", "ADJ", "ADV"]);
const CONTENT_POS = new Set(["NOUN", "VERB", "ADJ", "ADV", "PROPN", "NUM"]);
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
  const toks = a.tokens;
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

/** Facts about the tokens [t0, t1) of an analysis. */
export function sentenceFacts(a: Analysis, t0: number, t1: number): SentenceFacts {
  const toks = a.tokens;
  const first = toks[t0];
  const last = toks[t1 - 1];
  const text = first && last ? a.text.slice(first.start, last.end) : "";
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
    namedSubject: false,
    perfect: false,
    enumeration: false,
    truncated: false,
    interpretive: 0,
    rule: 0,
    person: false,
    stanceAdverbs: 0,
    contentLemmas: [],
    contentWords: [],
  };
  let nameRun: string[] = [];
  let firstWord = true;
  const flushName = (): void => {
    if (nameRun.length > 0) f.names.push(nameRun.join(" "));
    nameRun = [];
  };
  for (let i = t0; i < t1; i++) {
    const t = toks[i];
    if (!t) continue;
    const norm = t.normal;
    const lemma = t.lemma.toLowerCase();
    const isWord = t.type === "word";
    if (t.type === "word" || t.type === "number") f.nWords++;
    if (t.type === "number" || (t.pos === "NUM" && hasDigit(t.value))) f.numbers++;
    else if (isWord && NUMBER_WORDS.has(norm)) f.numbers++;
    if (t.pos === "PROPN" && i > t0 && /^\p{Lu}/u.test(t.value)) f.properNouns++;
    // Names: runs of capitalised PROPN tokens, or all-caps acronyms.
    if ((t.pos === "PROPN" && /^\p{Lu}/u.test(t.value)) || /^\p{Lu}[\p{Lu}\d.&-]+$/u.test(t.value)) {
      nameRun.push(t.value);
    } else {
      flushName();
    }
    if (isWord) {
      if (firstWord) {
        f.anaphoricStart = ANAPHORIC.has(norm);
        firstWord = false;
      }
      if ((norm === "has" || norm === "have" || norm === "had" || norm === "'ve") && t.pos === "AUX") {
        for (let j = i + 1; j < Math.min(t1, i + 4); j++) {
          const n = toks[j]!;
          if (n.pos === "VERB") {
            if (n.normal !== n.lemma.toLowerCase() && !n.normal.endsWith("ing")) f.perfect = true;
            break;
          }
        }
      }
      if (t.pos === "VERB" && ATTRIBUTION_VERBS.has(lemma)) f.attribution++;
      if (norm === "according" && toks[i + 1]?.normal === "to") f.accordingTo = true;
      if (SOURCE_NOUNS.has(norm) || SOURCE_NOUNS.has(lemma)) f.sourceNouns++;
      if (COMPARISON_TERMS.has(norm)) f.comparison++;
      if (t.pos === "ADJ" && /est$/.test(norm) && norm.length > 4) f.superlative++;
      else if ((norm === "most" || norm === "least") && toks[i + 1]?.pos === "ADJ") f.superlative++;
      if (t.pos === "ADJ" && /er$/.test(norm) && toks[i + 1]?.normal === "than") f.comparison++;
      if (LEGAL_TERMS.has(norm) || LEGAL_TERMS.has(lemma)) f.legal++;
      if (CAUSAL_TERMS.has(norm) || CAUSAL_TERMS.has(lemma)) f.causal++;
      if (PREDICTION_TERMS.has(norm) || PREDICTION_TERMS.has(lemma)) f.prediction++;
      if (norm === "going" && toks[i + 1]?.normal === "to" && toks[i + 2]?.pos === "VERB") f.future++;
      if (INTERPRETIVE_TERMS.has(norm)) f.interpretive++;
      if (RULE_TERMS.has(norm)) f.rule++;
      if (t.pos === "ADV" && /ly$/.test(norm) && !NEUTRAL_LY.has(norm)) f.stanceAdverbs++;
      if (PERSON_TITLES.has(norm) && /^\p{Lu}/u.test(t.value) && toks[i + 1]?.pos === "PROPN" && /^\p{Lu}/u.test(toks[i + 1]!.value)) f.person = true;
      if (HEDGE_TERMS.has(norm) || HEDGE_TERMS.has(lemma)) f.hedge++;
      if (EVALUATIVE_TERMS.has(norm)) f.evaluative++;
      if (FIRST_SINGULAR.has(norm)) f.firstSingular++;
      if (FIRST_PLURAL.has(norm) && t.value !== "US") f.firstPlural++;
      if (SECOND_PERSON.has(norm)) f.second++;
      if (PHATIC_TERMS.has(norm)) f.phatic++;
      if (t.pos === "VERB" || t.pos === "AUX") {
        if (t.pos === "VERB") f.verbs++;
        if (FUTURE_AUX.has(norm)) f.future++;
        else if (PAST_AUX.has(norm)) f.past++;
        else if (PRESENT_AUX.has(norm)) f.present++;
        else if (t.pos === "VERB" && norm !== lemma && !norm.endsWith("ing")) {
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
        } else if (t.pos === "VERB" && norm === lemma) f.present++;
      }
    }
    if (t.negated) f.negation++;
    if (CONTENT_POS.has(t.pos) && (isWord || t.type === "number")) {
      f.contentLemmas.push(lemma);
      if (isWord && LEXICAL_POS.has(t.pos) && /^\p{Ll}/u.test(t.value) && /^[\p{L}'-]+$/u.test(lemma)) f.contentWords.push(lemma);
    }
  }
  flushName();
  f.namedSubject = hasNamedSubject(a, t0, t1);
  if (!f.person) f.person = f.names.some((n) => /^\p{Lu}\p{Ll}+(?: \p{Lu}\.?)? \p{Lu}\p{Ll}+/u.test(n));
  for (const e of a.entities) {
    if (e.t0 >= t0 && e.t1 <= t1) f.entities[e.type] = (f.entities[e.type] ?? 0) + 1;
  }
  const trimmed = text.trim();
  f.question = /\?["'”’)]*$/.test(trimmed);
  f.exclamation = /!["'”’)]*$/.test(trimmed);
  f.stage = /^[([][^()[\]]*[)\]]\.?$/.test(trimmed);
  f.quoted = /["“”]/.test(trimmed);
  f.enumeration = /[\p{L}\d]+,\s+[\p{L}\d][\p{L}\d\s-]*,?\s+(?:and|or)\s+[\p{L}\d]/u.test(trimmed) && (trimmed.match(/,/g) ?? []).length >= 1;
  f.truncated = /(?:--|—|\.\.\.|…)\s*$/u.test(trimmed);
  return f;
}

/** Sparse feature vector: feature name → value. */
export type FeatureVector = Map<string, number>;

const NUMERIC_ENTITIES = ["CARDINAL", "DATE", "MONEY", "PERCENT", "ORDINAL", "DURATION", "TIME"];

/** Features describing one sentence on its own (no context). */
export function baseFeatures(f: SentenceFacts): FeatureVector {
  const v: FeatureVector = new Map();
  const put = (k: string, x: number): void => {
    if (x !== 0) v.set(k, x);
  };
  const nw = f.nWords;
  put("len_log", Math.log1p(nw) / 3);
  put("len_short", nw <= 4 ? 1 : 0);
  put("len_long", nw >= 35 ? 1 : 0);
  put("num", f.numbers > 0 ? 1 : 0);
  put("num_log", Math.log1p(f.numbers));
  for (const e of NUMERIC_ENTITIES) put(`ent_${e.toLowerCase()}`, (f.entities[e] ?? 0) > 0 ? 1 : 0);
  put("propn", Math.log1p(f.properNouns));
  put("names", Math.min(f.names.length, 4) / 2);
  put("attr", f.attribution > 0 ? 1 : 0);
  put("according", f.accordingTo ? 1 : 0);
  put("source", f.sourceNouns > 0 ? 1 : 0);
  put("cmp", Math.min(f.comparison, 3) / 2);
  put("superl", f.superlative > 0 ? 1 : 0);
  put("legal", f.legal > 0 ? 1 : 0);
  put("causal", f.causal > 0 ? 1 : 0);
  put("pred", f.prediction > 0 ? 1 : 0);
  put("hedge", Math.min(f.hedge, 3) / 2);
  put("eval", Math.min(f.evaluative, 3) / 2);
  put("past", f.past > 0 ? 1 : 0);
  put("present", f.present > 0 ? 1 : 0);
  put("future", f.future > 0 ? 1 : 0);
  put("i", f.firstSingular > 0 ? 1 : 0);
  put("we", f.firstPlural > 0 ? 1 : 0);
  put("you", f.second > 0 ? 1 : 0);
  put("question", f.question ? 1 : 0);
  put("exclaim", f.exclamation ? 1 : 0);
  put("neg", f.negation > 0 ? 1 : 0);
  put("stage", f.stage ? 1 : 0);
  put("quoted", f.quoted ? 1 : 0);
  put("phatic", f.phatic > 0 ? 1 : 0);
  put("noverb", f.verbs === 0 ? 1 : 0);
  put("anaphoric", f.anaphoricStart ? 1 : 0);
  put("named_subj", f.namedSubject ? 1 : 0);
  put("perfect", f.perfect ? 1 : 0);
  put("enum", f.enumeration ? 1 : 0);
  put("truncated", f.truncated ? 1 : 0);
  put("interp", Math.min(f.interpretive, 2) / 2);
  put("rule", f.rule > 0 ? 1 : 0);
  put("person", f.person ? 1 : 0);
  return v;
}

/** Subset of base features copied from neighbouring sentences as context. */
const CONTEXT_KEYS = ["num", "question", "len_short", "i", "you", "stage"];

/**
 * Full feature vector of a sentence given its neighbours (either may be null
 * at the start/end of a document).
 */
export function featureVector(
  cur: FeatureVector,
  prev: FeatureVector | null,
  next: FeatureVector | null,
): FeatureVector {
  const v: FeatureVector = new Map(cur);
  for (const k of CONTEXT_KEYS) {
    const p = prev?.get(k);
    if (p) v.set(`prev_${k}`, p);
    const n = next?.get(k);
    if (n) v.set(`next_${k}`, n);
  }
  if (prev === null) v.set("doc_start", 1);
  return v;
}
