/**
 * Shared training / evaluation code for the check-worthiness ranker
 * (used by scripts/train-checkworthiness.ts and scripts/eval-checkworthiness.ts).
 *
 * Protocol (fixed here, before any figure was looked at): the transcripts are
 * ordered by the date in their file names; the HELD_OUT_COUNT most recent form
 * a development set that model selection never touches. Features and settings
 * are chosen by leave-one-transcript-out cross-validation over the remaining
 * transcripts only; the held-out figure is reported beside the CV figure.
 * MAP is computed the official CLEF way: the mean over transcripts of each
 * transcript's average precision.
 */
import fs from "node:fs";
import path from "node:path";
import { parseTranscript } from "./clef";
import { ALL_FEATURES, lineFeatures, NO_CALIBRATION, type Calibration, type FeatureSet, type RankerModel } from "./ranker";
import { averagePrecision, linearScore, sigmoid, trainLogisticRegression, type Sample, type TrainOptions } from "./logreg";
import type { FeatureVector } from "./features";
import { sharedDir } from "./shared-paths";

/** Relative location of the CLEF-2019 training transcripts inside ../shared. */
export const CLEF_TRAIN_RELATIVE = "data/clef2019-checkworthiness/train";

/**
 * The CLEF-2019 training folder, `../shared/data/clef2019-checkworthiness/train`
 * relative to the repository root. Throws when it is missing (naming the folder).
 */
export function defaultDataDir(): string {
  return sharedDir(CLEF_TRAIN_RELATIVE);
}

/** How many of the most recent transcripts are held out from all model selection. */
export const HELD_OUT_COUNT = 5;

export interface LabelledTranscript {
  name: string;
  /** ISO date (YYYY-MM-DD) read from the file name. */
  date: string;
  /** Features with every lexical group on (ALL_FEATURES); `selectFeatures` narrows them. */
  features: FeatureVector[];
  labels: (0 | 1)[];
}

export interface RankerTrainOptions extends TrainOptions, Partial<FeatureSet> {
  /** Drop lexical features (lemmas, n-grams) seen in fewer than this many training sentences. */
  minCount?: number;
  /** Use the hand-built sentence features (numbers, tense, pronouns, context…). Default true. */
  sentenceFeatures?: boolean;
}

export const DEFAULT_TRAIN_OPTIONS: Required<RankerTrainOptions> = {
  lemmas: true,
  unigrams: false,
  bigrams: false,
  ngramValue: 1,
  minCount: 10,
  sentenceFeatures: true,
  l2: 1e-2,
  epochs: 400,
  learningRate: 0.05,
  balance: true,
};

/**
 * The date in a CLEF transcript file name ("20160926_1pres" → "2016-09-26").
 * One file spells it year-day-month ("20182601_trump_world"); when the middle
 * pair cannot be a month it is read as the day. Returns "0000-00-00" when the
 * name has no leading 8-digit date.
 */
export function transcriptDate(name: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(name);
  if (!m) return "0000-00-00";
  const [, y, a, b] = m;
  return Number(a) > 12 ? `${y}-${b}-${a}` : `${y}-${a}-${b}`;
}

/**
 * Splits transcripts into the cross-validation set and the held-out set (the
 * HELD_OUT_COUNT most recent by file-name date; ties by name). Both keep date order.
 */
export function splitHeldOut<T extends { name: string; date: string }>(
  transcripts: readonly T[],
  heldOutCount: number = HELD_OUT_COUNT,
): { cv: T[]; heldOut: T[] } {
  const sorted = [...transcripts].sort((x, y) => x.date.localeCompare(y.date) || x.name.localeCompare(y.name));
  const k = Math.max(0, Math.min(heldOutCount, sorted.length - 2));
  return { cv: sorted.slice(0, sorted.length - k), heldOut: sorted.slice(sorted.length - k) };
}

/** Reads every `.tsv` transcript of `dir` and computes its features (all lexical groups on). */
export function loadTranscripts(dir: string): LabelledTranscript[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".tsv"))
    .sort();
  return files.map((f) => {
    const lines = parseTranscript(fs.readFileSync(path.join(dir, f), "utf8"));
    const units = lineFeatures(
      lines.map((l) => l.text),
      ALL_FEATURES,
    );
    const name = f.replace(/\.tsv$/, "");
    return {
      name,
      date: transcriptDate(name),
      features: units.map((u) => u.features),
      labels: lines.map((l) => (l.label === 1 ? 1 : 0)),
    };
  });
}

const LEXICAL = /^[wub]:/;

/** The feature set of a training-options object (defaults filled in). */
export function featureSetOf(opts: RankerTrainOptions): FeatureSet {
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...opts };
  return { lemmas: o.lemmas, unigrams: o.unigrams, bigrams: o.bigrams, ngramValue: o.ngramValue };
}

/**
 * Narrows a vector computed with ALL_FEATURES to `set`: drops disabled groups
 * and lexical features outside `vocabulary` (when given), scales n-grams.
 */
export function selectFeatures(
  x: FeatureVector,
  set: FeatureSet,
  vocabulary?: ReadonlySet<string>,
  sentenceFeatures = true,
): FeatureVector {
  const out: FeatureVector = new Map();
  for (const [k, v] of x) {
    if (!LEXICAL.test(k)) {
      if (sentenceFeatures) out.set(k, v);
      continue;
    }
    const g = k.charCodeAt(0);
    if (g === 119 /* w */ ? !set.lemmas : g === 117 /* u */ ? !set.unigrams : !set.bigrams) continue;
    if (vocabulary && !vocabulary.has(k)) continue;
    out.set(k, g === 119 ? v : v * set.ngramValue);
  }
  return out;
}

/** Fits the ranker (uncalibrated: identity calibration, threshold 0.5) on the given transcripts. */
export function trainRanker(transcripts: readonly LabelledTranscript[], opts: RankerTrainOptions = {}): RankerModel {
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...opts };
  const set = featureSetOf(o);
  const counts = new Map<string, number>();
  for (const t of transcripts)
    for (const x of t.features) for (const k of x.keys()) if (LEXICAL.test(k)) counts.set(k, (counts.get(k) ?? 0) + 1);
  const vocabulary = new Set<string>();
  for (const [k, c] of counts) if (c >= o.minCount) vocabulary.add(k);
  const samples: Sample[] = [];
  for (const t of transcripts)
    t.features.forEach((x, i) => samples.push({ x: selectFeatures(x, set, vocabulary, o.sentenceFeatures), y: t.labels[i] ?? 0 }));
  const m = trainLogisticRegression(samples, o);
  return { version: 2, features: set, calibration: NO_CALIBRATION, suggestThreshold: 0.5, bias: m.bias, weights: m.weights };
}

export interface TranscriptResult {
  name: string;
  ap: number;
  positives: number;
  lines: number;
}

export interface CvResult {
  perTranscript: TranscriptResult[];
  /** Mean over transcripts of average precision. */
  map: number;
  /** Out-of-fold raw scores and labels, all transcripts concatenated (for calibration). */
  scores: number[];
  labels: (0 | 1)[];
}

/** Official CLEF MAP: mean over transcripts of each transcript's average precision. */
export function meanAveragePrecision(results: readonly { ap: number }[]): number {
  return results.reduce((s, r) => s + r.ap, 0) / Math.max(1, results.length);
}

/** Ranks each test transcript with `model` (raw scores) and measures its average precision. */
export function evaluate(model: RankerModel, tests: readonly LabelledTranscript[]): CvResult {
  const scores: number[] = [];
  const labels: (0 | 1)[] = [];
  const perTranscript = tests.map((t) => {
    const s = t.features.map((x) => linearScore(model, x));
    scores.push(...s);
    labels.push(...t.labels);
    return { name: t.name, ap: averagePrecision(s, t.labels), positives: t.labels.filter((l) => l === 1).length, lines: t.labels.length };
  });
  return { perTranscript, map: meanAveragePrecision(perTranscript), scores, labels };
}

/** Leave-one-transcript-out cross-validation over `transcripts`. */
export function leaveOneOut(transcripts: readonly LabelledTranscript[], opts: RankerTrainOptions = {}): CvResult {
  const scores: number[] = [];
  const labels: (0 | 1)[] = [];
  const perTranscript = transcripts.map((test, i) => {
    const model = trainRanker(
      transcripts.filter((_, j) => j !== i),
      opts,
    );
    const r = evaluate(model, [test]);
    scores.push(...r.scores);
    labels.push(...r.labels);
    return r.perTranscript[0]!;
  });
  return { perTranscript, map: meanAveragePrecision(perTranscript), scores, labels };
}

/**
 * Platt scaling (Platt 1999, with his target smoothing (N₊+1)/(N₊+2) and
 * 1/(N₋+2)): fits probability = sigmoid(a·z + b) to raw scores `z` and binary
 * labels by Newton's method (at most 100 steps). Throws on empty input.
 */
export function fitPlatt(z: readonly number[], labels: readonly number[]): Calibration {
  if (z.length === 0 || z.length !== labels.length) throw new Error("fitPlatt: need as many labels as scores (at least one)");
  const pos = labels.filter((l) => l === 1).length;
  const neg = labels.length - pos;
  const tPos = (pos + 1) / (pos + 2);
  const tNeg = 1 / (neg + 2);
  const target = labels.map((l) => (l === 1 ? tPos : tNeg));
  const loss = (a: number, b: number): number => {
    let s = 0;
    for (let i = 0; i < z.length; i++) {
      const p = Math.min(1 - 1e-12, Math.max(1e-12, sigmoid(a * z[i]! + b)));
      s -= target[i]! * Math.log(p) + (1 - target[i]!) * Math.log(1 - p);
    }
    return s;
  };
  let a = 0;
  let b = Math.log(tPos * pos + tNeg * neg + 1e-12) - Math.log(z.length - tPos * pos - tNeg * neg + 1e-12);
  let current = loss(a, b);
  for (let it = 0; it < 100; it++) {
    let ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
    for (let i = 0; i < z.length; i++) {
      const p = sigmoid(a * z[i]! + b);
      const d = p - target[i]!;
      const w = p * (1 - p);
      ga += d * z[i]!;
      gb += d;
      haa += w * z[i]! * z[i]!;
      hab += w * z[i]!;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    // Newton step with backtracking (halve until the loss does not rise; at most 30 halvings).
    let step = 1;
    let next = loss(a - da, b - db);
    for (let h = 0; h < 30 && next > current; h++) {
      step /= 2;
      next = loss(a - step * da, b - step * db);
    }
    if (next > current) break;
    a -= step * da;
    b -= step * db;
    const improved = current - next;
    current = next;
    if (improved < 1e-10 * Math.max(1, current)) break;
  }
  return { a: Math.round(a * 1e4) / 1e4, b: Math.round(b * 1e4) / 1e4 };
}

/**
 * The probability threshold that maximises F1 on (probability, label) pairs;
 * returns 0.5 when there is no positive label.
 */
export function bestF1Threshold(p: readonly number[], labels: readonly number[]): number {
  const order = p.map((x, i) => [x, labels[i] ?? 0] as const).sort((x, y) => y[0] - x[0]);
  const pos = order.filter((o) => o[1] === 1).length;
  if (pos === 0) return 0.5;
  let tp = 0;
  let best = -1;
  let thr = 0.5;
  for (let k = 0; k < order.length; k++) {
    if (order[k]![1] === 1) tp++;
    if (k + 1 < order.length && order[k + 1]![0] === order[k]![0]) continue;
    const f1 = (2 * tp) / (k + 1 + pos);
    if (f1 > best) {
      best = f1;
      thr = order[k]![0];
    }
  }
  return thr;
}

/** One candidate configuration of the ranker. */
export interface Experiment {
  name: string;
  options: RankerTrainOptions;
}

/**
 * The configurations compared by cross-validation (eval:checkworthiness --all,
 * train:checkworthiness). The first is the ranker as shipped before issue 17.
 */
export const EXPERIMENTS: readonly Experiment[] = [
  { name: "sentence features + lemmas (before)", options: { lemmas: true, minCount: 10, l2: 1e-2 } },
  { name: "sentence features only", options: { lemmas: false, l2: 1e-2 } },
  { name: "word uni+bigram LR only", options: { sentenceFeatures: false, lemmas: false, unigrams: true, bigrams: true, minCount: 3, l2: 1e-2 } },
  { name: "sentence + unigrams v0.5 l2=1e-2", options: { lemmas: false, unigrams: true, ngramValue: 0.5, minCount: 3, l2: 1e-2 } },
  { name: "sentence + uni+bigrams v0.5 l2=1e-2", options: { lemmas: false, unigrams: true, bigrams: true, ngramValue: 0.5, minCount: 3, l2: 1e-2 } },
  { name: "sentence + uni+bigrams v0.5 l2=3e-2", options: { lemmas: false, unigrams: true, bigrams: true, ngramValue: 0.5, minCount: 3, l2: 3e-2 } },
  { name: "sentence + uni+bigrams v0.5 l2=1e-1", options: { lemmas: false, unigrams: true, bigrams: true, ngramValue: 0.5, minCount: 3, l2: 1e-1 } },
  { name: "sentence + uni+bigrams v0.25 l2=1e-2", options: { lemmas: false, unigrams: true, bigrams: true, ngramValue: 0.25, minCount: 3, l2: 1e-2 } },
  { name: "sentence + uni+bigrams v1 l2=3e-2", options: { lemmas: false, unigrams: true, bigrams: true, ngramValue: 1, minCount: 3, l2: 3e-2 } },
  { name: "sentence + lemmas + uni+bigrams v0.5 l2=3e-2", options: { lemmas: true, unigrams: true, bigrams: true, ngramValue: 0.5, minCount: 3, l2: 3e-2 } },
  { name: "sentence + uni+bigrams v0.5 l2=3e-2 min5", options: { lemmas: false, unigrams: true, bigrams: true, ngramValue: 0.5, minCount: 5, l2: 3e-2 } },
];

export interface ExperimentResult {
  experiment: Experiment;
  cv: CvResult;
  heldOut: CvResult;
}

/**
 * Runs every experiment: leave-one-transcript-out CV over `cv`, and a model
 * fitted on all of `cv` ranking each `heldOut` transcript. `onResult` is
 * called after each experiment (progress output).
 */
export function runExperiments(
  experiments: readonly Experiment[],
  cv: readonly LabelledTranscript[],
  heldOut: readonly LabelledTranscript[],
  onResult?: (r: ExperimentResult) => void,
): ExperimentResult[] {
  return experiments.map((experiment) => {
    const cvResult = leaveOneOut(cv, experiment.options);
    const held = evaluate(trainRanker(cv, experiment.options), heldOut);
    const r = { experiment, cv: cvResult, heldOut: held };
    onResult?.(r);
    return r;
  });
}

/** The result with the best cross-validation MAP (held-out figures play no part); first on ties. */
export function selectByCv(results: readonly ExperimentResult[]): ExperimentResult {
  if (results.length === 0) throw new Error("selectByCv: no results");
  return results.reduce((best, r) => (r.cv.map > best.cv.map ? r : best));
}

/**
 * The highest probability threshold at which at least `recall` (0..1) of the
 * positive labels score at or above it; 0.5 when there is no positive label.
 * Suggestions are a screening step (an editor accepts or rejects each), so
 * the article threshold is set for recall rather than for F1.
 */
export function recallThreshold(p: readonly number[], labels: readonly number[], recall: number): number {
  const positives = p.filter((_, i) => labels[i] === 1).sort((x, y) => y - x);
  if (positives.length === 0) return 0.5;
  const k = Math.min(positives.length, Math.max(1, Math.ceil(recall * positives.length)));
  return positives[k - 1]!;
}
