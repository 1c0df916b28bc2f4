/**
 * Check-worthiness ranker: wink-nlp sentence features, lemma and word n-gram
 * features, and one L2-regularised logistic-regression model whose weights
 * are learned from the CLEF-2019 transcripts (`npm run train:checkworthiness`)
 * and committed as JSON, with a Platt calibration fitted on out-of-fold
 * cross-validation scores (so a score is an estimated probability, not just
 * a rank).
 */
import { analyze, type Analysis } from "./nlp";
import { baseFeatures, featureVector, sentenceFacts, type FeatureVector, type SentenceFacts } from "./features";
import { linearScore, sigmoid, type LinearModel } from "./logreg";
import trainedModel from "./checkworthiness-model.json";

/** Which lexical feature groups a model uses (the sentence features are always on). */
export interface FeatureSet {
  /** Lemma unigrams of lower-case content words, "w:<lemma>", value 1. */
  lemmas: boolean;
  /** Word unigrams, "u:<word>" (numbers as "0"), value `ngramValue`. */
  unigrams: boolean;
  /** Word bigrams, "b:<w1> <w2>" with "<s>"/"</s>" at the sentence ends, value `ngramValue`. */
  bigrams: boolean;
  /** Value given to each n-gram feature; smaller values regularise the n-grams harder. */
  ngramValue: number;
}

/** Platt scaling: probability = sigmoid(a · z + b) for a raw linear score z. */
export interface Calibration {
  a: number;
  b: number;
}

export interface RankerModel extends LinearModel {
  version: number;
  features: FeatureSet;
  /** Maps the raw score to the probability that a transcript sentence is labelled check-worthy. */
  calibration: Calibration;
  /**
   * Calibrated probability at or above which an article sentence is offered as a suggestion
   * (chosen on out-of-fold cross-validation scores; see scripts/train-checkworthiness.ts).
   */
  suggestThreshold: number;
  trainedOn?: string;
}

export const DEFAULT_MODEL: RankerModel = trainedModel as unknown as RankerModel;

/** The identity calibration (probability = sigmoid(z)). */
export const NO_CALIBRATION: Calibration = { a: 1, b: 0 };

/** Every lexical feature group, n-gram value 1 (training computes these once, then selects). */
export const ALL_FEATURES: FeatureSet = { lemmas: true, unigrams: true, bigrams: true, ngramValue: 1 };

export interface ScoredUnit {
  facts: SentenceFacts;
  features: FeatureVector;
}

/** Adds the lexical features of `set` for one sentence to `v`, in place. */
function addLexicalFeatures(v: FeatureVector, facts: SentenceFacts, set: FeatureSet): void {
  if (set.lemmas) for (const l of facts.contentWords) v.set(`w:${l}`, 1);
  const val = set.ngramValue;
  if (set.unigrams) for (const w of facts.words) v.set(`u:${w}`, val);
  if (set.bigrams && facts.words.length > 0) {
    let prev = "<s>";
    for (const w of facts.words) {
      v.set(`b:${prev} ${w}`, val);
      prev = w;
    }
    v.set(`b:${prev} </s>`, val);
  }
}

/**
 * Facts and feature vectors for consecutive units (token ranges) of one
 * analysed document; neighbours provide context features.
 */
export function unitFeatures(
  a: Analysis,
  ranges: readonly { t0: number; t1: number }[],
  set: FeatureSet = DEFAULT_MODEL.features,
): ScoredUnit[] {
  const facts = ranges.map((r) => sentenceFacts(a, r.t0, r.t1));
  const base = facts.map((f) => baseFeatures(f));
  return facts.map((f, i) => {
    const v = featureVector(base[i]!, i > 0 ? base[i - 1]! : null, i + 1 < base.length ? base[i + 1]! : null);
    addLexicalFeatures(v, f, set);
    return { facts: f, features: v };
  });
}

/**
 * Analyse transcript lines (one unit per line) in a single wink pass and
 * return their features, in order.
 */
export function lineFeatures(lines: readonly string[], set: FeatureSet = DEFAULT_MODEL.features): ScoredUnit[] {
  const clean = lines.map((l) => l.replace(/[\r\n]+/g, " "));
  const text = clean.join("\n");
  const a = analyze(text);
  const ranges: { t0: number; t1: number }[] = [];
  let t = 0;
  let lineStart = 0;
  for (const l of clean) {
    const lineEnd = lineStart + l.length;
    const t0 = t;
    while (t < a.tokenCount && a.starts[t]! < lineEnd + 1 && a.starts[t]! <= lineEnd) t++;
    ranges.push({ t0, t1: t });
    lineStart = lineEnd + 1;
  }
  return unitFeatures(a, ranges, set);
}

interface NgramIndex {
  /** Every word that occurs in a "u:"/"b:" key (either position, "<s>"/"</s>" too) → word id. */
  vocab: Map<string, number>;
  /** Per word id: the id of its unigram, or -1. */
  uni: Int32Array;
  /** Bigram (first word id × vocabulary size + second word id) → n-gram id. */
  bi: Map<number, number>;
  /** Weight per n-gram id. */
  weight: Float64Array;
  /** Per n-gram id, the `pass` in which it was last counted (so each distinct n-gram counts once per sentence). */
  seen: Uint32Array;
  pass: number;
  /** Word ids of the sentence being scored (reused buffer). */
  ids: Int32Array;
}
const ngramIndexes = new WeakMap<Record<string, number>, NgramIndex>();

/** The model's n-gram weights indexed by word ids (built once per model), so scoring needs one string lookup per word. */
function ngramIndex(model: RankerModel): NgramIndex {
  let idx = ngramIndexes.get(model.weights);
  if (idx) return idx;
  const vocab = new Map<string, number>();
  const wordId = (w: string): number => {
    let id = vocab.get(w);
    if (id === undefined) vocab.set(w, (id = vocab.size));
    return id;
  };
  const unigrams: [number, number][] = [];
  const bigrams: [number, number, number][] = [];
  const weights: number[] = [];
  for (const [k, w] of Object.entries(model.weights)) {
    if (k.startsWith("u:")) {
      unigrams.push([wordId(k.slice(2)), weights.length]);
      weights.push(w);
    } else if (k.startsWith("b:")) {
      const sp = k.indexOf(" ", 2);
      if (sp < 0) continue;
      bigrams.push([wordId(k.slice(2, sp)), wordId(k.slice(sp + 1)), weights.length]);
      weights.push(w);
    }
  }
  const n = vocab.size;
  const uni = new Int32Array(n).fill(-1);
  for (const [wid, id] of unigrams) uni[wid] = id;
  const bi = new Map<number, number>();
  for (const [first, second, id] of bigrams) bi.set(first * n + second, id);
  idx = { vocab, uni, bi, weight: Float64Array.from(weights), seen: new Uint32Array(weights.length), pass: 0, ids: new Int32Array(64) };
  ngramIndexes.set(model.weights, idx);
  return idx;
}

/**
 * What the word n-gram features of one sentence add to the model's raw score:
 * the same sum `linearScore` gives over the "u:"/"b:" keys that
 * `unitFeatures` would set (each distinct n-gram once, value
 * `features.ngramValue`, added in the same order), computed with one map
 * lookup per word and integer-keyed lookups for the bigrams (no key strings).
 * Linear in the sentence's word count.
 */
export function ngramScore(facts: SentenceFacts, model: RankerModel = DEFAULT_MODEL): number {
  const set = model.features;
  if (!set.unigrams && !set.bigrams) return 0;
  const idx = ngramIndex(model);
  if (idx.pass === 0xffffffff) {
    idx.seen.fill(0);
    idx.pass = 0;
  }
  const pass = ++idx.pass;
  const { weight, seen, vocab, uni } = idx;
  const words = facts.words;
  const len = words.length;
  if (idx.ids.length < len) idx.ids = new Int32Array(Math.max(len, idx.ids.length * 2));
  const ids = idx.ids;
  const lexemes = facts.wordLexemes;
  for (let i = 0; i < len; i++) {
    // The word's id is kept on its shared lexeme record, so each lexeme is looked up once per model.
    const lex = lexemes[i];
    if (lex && lex.ngramOwner === idx) ids[i] = lex.ngramWord;
    else {
      const id = vocab.get(words[i]!) ?? -1;
      ids[i] = id;
      if (lex) {
        lex.ngramOwner = idx;
        lex.ngramWord = id;
      }
    }
  }
  let z = 0;
  if (set.unigrams) {
    for (let i = 0; i < len; i++) {
      const wid = ids[i]!;
      if (wid < 0) continue;
      const id = uni[wid]!;
      if (id < 0 || seen[id] === pass) continue;
      seen[id] = pass;
      z += weight[id]!;
    }
  }
  if (set.bigrams && len > 0) {
    const n = uni.length;
    let prev = vocab.get("<s>") ?? -1;
    const end = vocab.get("</s>") ?? -1;
    for (let i = 0; i <= len; i++) {
      const cur = i < len ? ids[i]! : end;
      if (prev >= 0 && cur >= 0) {
        const id = idx.bi.get(prev * n + cur);
        if (id !== undefined && seen[id] !== pass) {
          seen[id] = pass;
          z += weight[id]!;
        }
      }
      prev = cur;
    }
  }
  return z * set.ngramValue;
}

/** The feature set without n-grams (for callers that add `ngramScore` themselves). */
export function withoutNgrams(set: FeatureSet): FeatureSet {
  return { ...set, unigrams: false, bigrams: false };
}

/** Calibrated probability (0..1) for a raw linear score `z` (log-odds units of the model). */
export function calibrate(z: number, calibration: Calibration = DEFAULT_MODEL.calibration ?? NO_CALIBRATION): number {
  return sigmoid(calibration.a * z + calibration.b);
}

/** Calibrated model probability (0..1) for a feature vector. */
export function scoreFeatures(x: FeatureVector, model: RankerModel = DEFAULT_MODEL): number {
  return calibrate(linearScore(model, x), model.calibration);
}

/** Check-worthiness scores (calibrated probabilities, 0..1) for transcript lines, in input order. */
export function scoreLines(lines: readonly string[], model: RankerModel = DEFAULT_MODEL): number[] {
  return lineFeatures(lines, model.features).map((u) => scoreFeatures(u.features, model));
}

/** Check-worthiness score (calibrated probability, 0..1) of a single sentence without context. */
export function scoreSentence(sentence: string, model: RankerModel = DEFAULT_MODEL): number {
  return scoreLines([sentence], model)[0] ?? 0;
}
