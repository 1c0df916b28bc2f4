/**
 * Leave-one-transcript-out cross-validation of the check-worthiness ranker on
 * the CLEF-2019 training transcripts: trains on 18, ranks the 19th, prints the
 * per-transcript average precision and the MAP.
 *
 *   npm run eval:checkworthiness [-- --data DIR] [--lemmas|--no-lemmas] [--l2 X] [--epochs N]
 */
import { defaultDataDir, DEFAULT_TRAIN_OPTIONS, leaveOneOut, loadTranscripts } from "../lib/domain/extraction/training";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dir = arg("--data") ?? defaultDataDir();
const lemmaFeatures = process.argv.includes("--lemmas")
  ? true
  : process.argv.includes("--no-lemmas")
    ? false
    : DEFAULT_TRAIN_OPTIONS.lemmaFeatures;
const opts = {
  lemmaFeatures,
  l2: arg("--l2") !== undefined ? Number(arg("--l2")) : DEFAULT_TRAIN_OPTIONS.l2,
  epochs: arg("--epochs") !== undefined ? Number(arg("--epochs")) : DEFAULT_TRAIN_OPTIONS.epochs,
  minLemmaCount: arg("--min-lemma") !== undefined ? Number(arg("--min-lemma")) : DEFAULT_TRAIN_OPTIONS.minLemmaCount,
};

const t0 = performance.now();
const transcripts = loadTranscripts(dir, lemmaFeatures);
const cv = leaveOneOut(transcripts, opts);
console.log(`Leave-one-transcript-out CV on ${transcripts.length} transcripts (${dir})`);
console.log(`options: ${JSON.stringify(opts)}`);
console.log("transcript".padEnd(30) + "lines".padStart(7) + "pos".padStart(6) + "AP".padStart(9));
for (const r of cv.perTranscript) {
  console.log(r.name.padEnd(30) + String(r.lines).padStart(7) + String(r.positives).padStart(6) + r.ap.toFixed(4).padStart(9));
}
console.log(`MAP ${cv.map.toFixed(4)}  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
