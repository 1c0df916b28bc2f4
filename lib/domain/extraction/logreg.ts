/**
 * L2-regularised logistic regression over sparse named features, trained by
 * full-batch gradient descent with Adam step sizes. Small and dependency-free.
 */
import type { FeatureVector } from "./features";

export interface LinearModel {
  bias: number;
  weights: Record<string, number>;
}

export interface Sample {
  x: FeatureVector;
  y: 0 | 1;
}

export interface TrainOptions {
  /** L2 penalty (applied to weights, not the bias), per sample. Default 1e-3. */
  l2?: number;
  /** Gradient steps. Default 400. */
  epochs?: number;
  /** Adam learning rate. Default 0.05. */
  learningRate?: number;
  /** Re-weight classes so both contribute equally. Default true. */
  balance?: boolean;
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

const weightMaps = new WeakMap<Record<string, number>, Map<string, number>>();

export function linearScore(model: LinearModel, x: FeatureVector): number {
  let weights = weightMaps.get(model.weights);
  if (!weights) {
    weights = new Map(Object.entries(model.weights));
    weightMaps.set(model.weights, weights);
  }
  let z = model.bias;
  for (const [k, v] of x) {
    const w = weights.get(k);
    if (w !== undefined) z += w * v;
  }
  return z;
}

export function trainLogisticRegression(samples: readonly Sample[], options: TrainOptions = {}): LinearModel {
  const l2 = options.l2 ?? 1e-3;
  const epochs = Math.max(1, Math.min(options.epochs ?? 400, 100_000));
  const lr = options.learningRate ?? 0.05;
  const balance = options.balance ?? true;

  // Index features.
  const index = new Map<string, number>();
  const rows: { idx: Int32Array; val: Float64Array; y: number; w: number }[] = [];
  let pos = 0;
  for (const s of samples) if (s.y === 1) pos++;
  const neg = samples.length - pos;
  const wPos = balance && pos > 0 ? samples.length / (2 * pos) : 1;
  const wNeg = balance && neg > 0 ? samples.length / (2 * neg) : 1;
  for (const s of samples) {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [k, v] of s.x) {
      let j = index.get(k);
      if (j === undefined) {
        j = index.size;
        index.set(k, j);
      }
      idx.push(j);
      val.push(v);
    }
    rows.push({ idx: Int32Array.from(idx), val: Float64Array.from(val), y: s.y, w: s.y === 1 ? wPos : wNeg });
  }
  const d = index.size;
  const w = new Float64Array(d);
  let b = 0;
  const g = new Float64Array(d);
  const m = new Float64Array(d);
  const v = new Float64Array(d);
  let mb = 0;
  let vb = 0;
  const beta1 = 0.9;
  const beta2 = 0.999;
  const eps = 1e-8;
  const n = Math.max(1, rows.length);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    g.fill(0);
    let gb = 0;
    for (const r of rows) {
      let z = b;
      for (let k = 0; k < r.idx.length; k++) z += (w[r.idx[k]!] ?? 0) * r.val[k]!;
      const err = (sigmoid(z) - r.y) * r.w;
      gb += err;
      for (let k = 0; k < r.idx.length; k++) g[r.idx[k]!]! += err * r.val[k]!;
    }
    const c1 = 1 - Math.pow(beta1, epoch);
    const c2 = 1 - Math.pow(beta2, epoch);
    for (let j = 0; j < d; j++) {
      const gj = g[j]! / n + l2 * w[j]!;
      m[j] = beta1 * m[j]! + (1 - beta1) * gj;
      v[j] = beta2 * v[j]! + (1 - beta2) * gj * gj;
      w[j] = w[j]! - (lr * (m[j]! / c1)) / (Math.sqrt(v[j]! / c2) + eps);
    }
    const gbn = gb / n;
    mb = beta1 * mb + (1 - beta1) * gbn;
    vb = beta2 * vb + (1 - beta2) * gbn * gbn;
    b -= (lr * (mb / c1)) / (Math.sqrt(vb / c2) + eps);
  }
  const weights: Record<string, number> = {};
  const names = [...index.keys()].sort();
  for (const k of names) {
    const wk = w[index.get(k)!]!;
    if (Math.abs(wk) >= 1e-4) weights[k] = Math.round(wk * 1e4) / 1e4;
  }
  return { bias: Math.round(b * 1e4) / 1e4, weights };
}

/** Average precision of a ranking (scores) against binary labels. */
export function averagePrecision(scores: readonly number[], labels: readonly number[]): number {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  let hits = 0;
  let sum = 0;
  for (let r = 0; r < order.length; r++) {
    if (labels[order[r]![1]] === 1) {
      hits++;
      sum += hits / (r + 1);
    }
  }
  return hits === 0 ? 0 : sum / hits;
}
