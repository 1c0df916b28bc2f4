/**
 * Shared training / evaluation code for the check-worthiness ranker
 * (used by scripts/train-checkworthiness.ts and scripts/eval-checkworthiness.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { parseTranscript } from "./clef";
import { lineFeatures, type RankerModel } from "./ranker";
import { averagePrecision, linearScore, trainLogisticRegression, type Sample, type TrainOptions } from "./logreg";
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

export interface LabelledTranscript {
  name: string;
  features: FeatureVector[];
  labels: (0 | 1)[];
}

export interface RankerTrainOptions extends TrainOptions {
  lemmaFeatures?: boolean;
  /** Drop lemma features seen in fewer than this many training sentences. */
  minLemmaCount?: number;
}

export const DEFAULT_TRAIN_OPTIONS: Required<RankerTrainOptions> = {
  lemmaFeatures: true,
  minLemmaCount: 10,
  l2: 1e-2,
  epochs: 400,
  learningRate: 0.05,
  balance: true,
};

export function loadTranscripts(dir: string, lemmaFeatures: boolean): LabelledTranscript[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".tsv"))
    .sort();
  return files.map((f) => {
    const lines = parseTranscript(fs.readFileSync(path.join(dir, f), "utf8"));
    const units = lineFeatures(
      lines.map((l) => l.text),
      lemmaFeatures,
    );
    return {
      name: f.replace(/\.tsv$/, ""),
      features: units.map((u) => u.features),
      labels: lines.map((l) => (l.label === 1 ? 1 : 0)),
    };
  });
}

export function trainRanker(transcripts: readonly LabelledTranscript[], opts: RankerTrainOptions = {}): RankerModel {
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...opts };
  let samples: Sample[] = [];
  for (const t of transcripts) t.features.forEach((x, i) => samples.push({ x, y: t.labels[i] ?? 0 }));
  if (o.lemmaFeatures) {
    const counts = new Map<string, number>();
    for (const s of samples) for (const k of s.x.keys()) if (k.startsWith("w:")) counts.set(k, (counts.get(k) ?? 0) + 1);
    samples = samples.map((s) => {
      const x: FeatureVector = new Map();
      for (const [k, v] of s.x) if (!k.startsWith("w:") || (counts.get(k) ?? 0) >= o.minLemmaCount) x.set(k, v);
      return { x, y: s.y };
    });
  }
  const m = trainLogisticRegression(samples, o);
  return { version: 1, lemmaFeatures: o.lemmaFeatures, bias: m.bias, weights: m.weights };
}

export interface CvResult {
  perTranscript: { name: string; ap: number; positives: number; lines: number }[];
  map: number;
}

/** Leave-one-transcript-out cross-validation. */
export function leaveOneOut(transcripts: readonly LabelledTranscript[], opts: RankerTrainOptions = {}): CvResult {
  const perTranscript = transcripts.map((test, i) => {
    const model = trainRanker(
      transcripts.filter((_, j) => j !== i),
      opts,
    );
    const scores = test.features.map((x) => linearScore(model, x));
    return {
      name: test.name,
      ap: averagePrecision(scores, test.labels),
      positives: test.labels.filter((l) => l === 1).length,
      lines: test.labels.length,
    };
  });
  const map = perTranscript.reduce((s, r) => s + r.ap, 0) / Math.max(1, perTranscript.length);
  return { perTranscript, map };
}
