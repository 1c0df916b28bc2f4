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
    while (t < a.tokens.length && a.tokens[t]!.start < lineEnd + 1 && a.tokens[t]!.start <= lineEnd) t++;
    ranges.push({ t0, t1: t });
    lineStart = lineEnd + 1;
  }
  return unitFeatures(a, ranges, set);
}

interface NgramIndex {
  /** Word → n-gram id. */
  uni: Map<string, number>;
  /** First word → second word → n-gram id. */
  bi: Map<string, Map<string, number>>;
  /** Weight per n-gram id. */
  weight: Float64Array;
  /** Per n-gram id, the `pass` in which it was last counted (so each distinct n-gram counts once per sentence). */
  seen: Uint32Array;
  pass: number;
}
const ngramIndexes = new WeakMap<Record<string, number>, NgramIndex>();

/** The model's n-gram weights as nested maps of ids (built once per model), so scoring needs no key strings. */
function ngramIndex(model: RankerModel): NgramIndex {
  let idx = ngramIndexes.get(model.weights);
  if (idx) return idx;
  const uni = new Map<string, number>();
  const bi = new Map<string, Map<string, number>>();
  const weights: number[] = [];
  for (const [k, w] of Object.entries(model.weights)) {
    if (k.startsWith("u:")) {
      uni.set(k.slice(2), weights.length);
      weights.push(w);
    } else if (k.startsWith("b:")) {
      const sp = k.indexOf(" ", 2);
      if (sp < 0) continue;
      const first = k.slice(2, sp);
      let inner = bi.get(first);
      if (!inner) bi.set(first, (inner = new Map()));
      inner.set(k.slice(sp + 1), weights.length);
      weights.push(w);
    }
  }
  idx = { uni, bi, weight: Float64Array.from(weights), seen: new Uint32Array(weights.length), pass: 0 };
  ngramIndexes.set(model.weights, idx);
  return idx;
}

/**
 * What the word n-gram features of one sentence add to the model's raw score:
 * the same sum `linearScore` gives over the "u:"/"b:" keys that
 * `unitFeatures` would set (each distinct n-gram once, value
 * `features.ngramValue`), computed with map lookups only (no key strings).
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
  const { weight, seen } = idx;
  let z = 0;
  const words = facts.words;
  if (set.unigrams) {
    for (const w of words) {
      const id = idx.uni.get(w);
      if (id === undefined || seen[id] === pass) continue;
      seen[id] = pass;
      z += weight[id]!;
    }
  }
  if (set.bigrams && words.length > 0) {
    let prev = "<s>";
    for (let i = 0; i <= words.length; i++) {
      const w = i < words.length ? words[i]! : "</s>";
      const id = idx.bi.get(prev)?.get(w);
      if (id !== undefined && seen[id] !== pass) {
        seen[id] = pass;
        z += weight[id]!;
      }
      prev = w;
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
