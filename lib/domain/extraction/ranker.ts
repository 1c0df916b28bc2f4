/**
 * Check-worthiness ranker: wink-nlp features + a logistic-regression model
 * whose weights are learned from the CLEF-2019 transcripts
 * (`npm run train:checkworthiness`) and committed as JSON.
 */
import { analyze, type Analysis } from "./nlp";
import { baseFeatures, featureVector, sentenceFacts, type FeatureVector, type SentenceFacts } from "./features";
import { linearScore, sigmoid, type LinearModel } from "./logreg";
import trainedModel from "./checkworthiness-model.json";

export interface RankerModel extends LinearModel {
  version: number;
  /** Whether lemma unigram features ("w:<lemma>") are used. */
  lemmaFeatures: boolean;
  trainedOn?: string;
}

export const DEFAULT_MODEL: RankerModel = trainedModel as RankerModel;

export interface ScoredUnit {
  facts: SentenceFacts;
  features: FeatureVector;
}

/** Lemma unigrams (content words only), value 1 each. */
function addLemmaFeatures(v: FeatureVector, facts: SentenceFacts): void {
  for (const l of facts.contentWords) v.set(`w:${l}`, 1);
}

/**
 * Facts and feature vectors for consecutive units (token ranges) of one
 * analysed document; neighbours provide context features.
 */
export function unitFeatures(
  a: Analysis,
  ranges: readonly { t0: number; t1: number }[],
  lemmaFeatures: boolean = DEFAULT_MODEL.lemmaFeatures,
): ScoredUnit[] {
  const facts = ranges.map((r) => sentenceFacts(a, r.t0, r.t1));
  const base = facts.map((f) => {
    const v = baseFeatures(f);
    if (lemmaFeatures) addLemmaFeatures(v, f);
    return v;
  });
  return facts.map((f, i) => ({
    facts: f,
    features: featureVector(base[i]!, i > 0 ? base[i - 1]! : null, i + 1 < base.length ? base[i + 1]! : null),
  }));
}

/**
 * Analyse transcript lines (one unit per line) in a single wink pass and
 * return their features, in order.
 */
export function lineFeatures(lines: readonly string[], lemmaFeatures: boolean = DEFAULT_MODEL.lemmaFeatures): ScoredUnit[] {
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
  return unitFeatures(a, ranges, lemmaFeatures);
}

/** Model probability for a feature vector. */
export function scoreFeatures(x: FeatureVector, model: RankerModel = DEFAULT_MODEL): number {
  return sigmoid(linearScore(model, x));
}

/** Check-worthiness scores (0..1) for transcript lines, in input order. */
export function scoreLines(lines: readonly string[], model: RankerModel = DEFAULT_MODEL): number[] {
  return lineFeatures(lines, model.lemmaFeatures).map((u) => scoreFeatures(u.features, model));
}

/** Check-worthiness score (0..1) of a single sentence without context. */
export function scoreSentence(sentence: string, model: RankerModel = DEFAULT_MODEL): number {
  return scoreLines([sentence], model)[0] ?? 0;
}
