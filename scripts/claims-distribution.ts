/**
 * How the article suggestions are distributed: for the two seed articles and
 * the sample articles in lib/domain/extraction/sample-articles, prints the
 * number of candidate sentences, how many are suggested (and their share),
 * the score spread (min / median / max / standard deviation) and the top of
 * the ranking, so shading and the suggestion count can be compared before
 * and after a model change.
 *
 *   npm run claims:distribution [-- --model FILE] [--top N]
 *
 * With a model whose suggestThreshold is 0 (the ranker before calibration),
 * the old rule applies: the 15 best sentences are suggested.
 */
import fs from "node:fs";
import path from "node:path";
import { extractClaims } from "../lib/domain/extraction/extract";
import { DEFAULT_MODEL, type RankerModel } from "../lib/domain/extraction/ranker";
import { REPO_ROOT } from "../lib/domain/extraction/shared-paths";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const modelFile = arg("--model");
const model: RankerModel = modelFile ? (JSON.parse(fs.readFileSync(modelFile, "utf8")) as RankerModel) : DEFAULT_MODEL;
const top = Math.max(0, Math.min(Number(arg("--top") ?? 5), 50));
const OLD_FIXED_COUNT = 15;

const dirs = [path.join(REPO_ROOT, "prisma", "seed", "articles"), path.join(REPO_ROOT, "lib", "domain", "extraction", "sample-articles")];
const files = dirs.flatMap((d) =>
  fs
    .readdirSync(d)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => path.join(d, f)),
);

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
}

console.log(`model: ${modelFile ?? "shipped"}; rule: ${model.suggestThreshold > 0 ? `score ≥ ${model.suggestThreshold}` : `top ${OLD_FIXED_COUNT}`}`);
console.log("article".padEnd(28) + "cands".padStart(6) + "sugg".padStart(6) + "share".padStart(7) + "min".padStart(7) + "median".padStart(8) + "max".padStart(7) + "sd".padStart(7));
for (const file of files) {
  const text = fs.readFileSync(file, "utf8");
  const claims = extractClaims(text, { model });
  const suggested = model.suggestThreshold > 0 ? claims.filter((c) => c.score >= model.suggestThreshold) : claims.slice(0, OLD_FIXED_COUNT);
  const scores = claims.map((c) => c.score).sort((a, b) => a - b);
  const mean = scores.reduce((s, x) => s + x, 0) / Math.max(1, scores.length);
  const sd = Math.sqrt(scores.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, scores.length));
  console.log(
    path.basename(file).slice(0, 27).padEnd(28) +
      String(claims.length).padStart(6) +
      String(suggested.length).padStart(6) +
      `${((100 * suggested.length) / Math.max(1, claims.length)).toFixed(0)}%`.padStart(7) +
      quantile(scores, 0).toFixed(2).padStart(7) +
      quantile(scores, 0.5).toFixed(2).padStart(8) +
      quantile(scores, 1).toFixed(2).padStart(7) +
      sd.toFixed(2).padStart(7),
  );
  claims.slice(0, top).forEach((c, i) => console.log(`    ${String(i + 1).padStart(2)}. ${c.score.toFixed(2)}  ${c.text.slice(0, 90)}`));
}
