/**
 * Fits the check-worthiness ranker on all CLEF-2019 training transcripts and
 * writes the weights to lib/domain/extraction/checkworthiness-model.json.
 *
 *   npm run train:checkworthiness [-- --data DIR] [--out FILE]
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defaultDataDir, DEFAULT_TRAIN_OPTIONS, loadTranscripts, trainRanker } from "../lib/domain/extraction/training";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = arg("--data") ?? defaultDataDir();
const out = arg("--out") ?? path.join(here, "..", "lib", "domain", "extraction", "checkworthiness-model.json");

const t0 = performance.now();
const transcripts = loadTranscripts(dir, DEFAULT_TRAIN_OPTIONS.lemmaFeatures);
const model = trainRanker(transcripts, DEFAULT_TRAIN_OPTIONS);
const lines = transcripts.reduce((s, t) => s + t.labels.length, 0);
const positives = transcripts.reduce((s, t) => s + t.labels.filter((l) => l === 1).length, 0);
const json = {
  version: model.version,
  trainedOn: `CLEF-2019 CheckThat! task 1 English training transcripts: ${transcripts.length} files, ${lines} lines, ${positives} positives`,
  options: DEFAULT_TRAIN_OPTIONS,
  lemmaFeatures: model.lemmaFeatures,
  bias: model.bias,
  weights: model.weights,
};
fs.writeFileSync(out, JSON.stringify(json, null, 1) + "\n");
const top = Object.entries(model.weights).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
console.error(`trained on ${transcripts.length} transcripts, ${lines} lines, ${positives} positives in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
console.error(`${top.length} weights; strongest: ${top.slice(0, 12).map(([k, w]) => `${k}=${w}`).join(" ")}`);
console.error(`wrote ${out}`);
