/**
 * Honest evaluation of the check-worthiness ranker on the CLEF-2019 training
 * transcripts. The HELD_OUT_COUNT most recent transcripts (by the date in
 * their names) are held out; leave-one-transcript-out cross-validation runs
 * over the rest; a model fitted on the CV transcripts then ranks each held-out
 * transcript. MAP = mean over transcripts of average precision (official CLEF
 * measure). Prints both figures side by side; the last line is
 * `held-out MAP X`.
 *
 *   npm run eval:checkworthiness [-- --data DIR] [--all]
 *
 * Without --all, evaluates the configuration stored in the shipped model
 * (checkworthiness-model.json). With --all, runs every configuration of
 * EXPERIMENTS, selects by CV MAP only, and reports the selected one last.
 */
import {
  defaultDataDir,
  EXPERIMENTS,
  HELD_OUT_COUNT,
  loadTranscripts,
  runExperiments,
  selectByCv,
  splitHeldOut,
  type Experiment,
  type ExperimentResult,
} from "../lib/domain/extraction/training";
import shipped from "../lib/domain/extraction/checkworthiness-model.json";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dir = arg("--data") ?? defaultDataDir();
const t0 = performance.now();
const { cv, heldOut } = splitHeldOut(loadTranscripts(dir));
console.log(`data: ${dir}`);
console.log(`cross-validation (leave one transcript out): ${cv.length} transcripts, ${cv[0]?.date} … ${cv.at(-1)?.date}`);
console.log(`held out (${HELD_OUT_COUNT} most recent, never used for selection): ${heldOut.map((t) => t.name).join(", ")}`);

const shippedExperiment: Experiment = {
  name: "shipped model's configuration",
  options: (shipped as { options: Experiment["options"] }).options,
};
const experiments = process.argv.includes("--all") ? EXPERIMENTS : [shippedExperiment];
console.log("");
console.log("configuration".padEnd(48) + "CV MAP".padStart(8) + "held-out MAP".padStart(14));
const results = runExperiments(experiments, cv, heldOut, (r: ExperimentResult) => {
  console.log(r.experiment.name.padEnd(48) + r.cv.map.toFixed(4).padStart(8) + r.heldOut.map.toFixed(4).padStart(14));
});
const chosen = selectByCv(results);
console.log("");
console.log(`selected by CV MAP: ${chosen.experiment.name}  ${JSON.stringify(chosen.experiment.options)}`);
console.log("transcript".padEnd(30) + "split".padStart(9) + "lines".padStart(7) + "pos".padStart(6) + "AP".padStart(9));
for (const [split, r] of [["cv", chosen.cv], ["held-out", chosen.heldOut]] as const) {
  for (const t of r.perTranscript) {
    console.log(t.name.padEnd(30) + split.padStart(9) + String(t.lines).padStart(7) + String(t.positives).padStart(6) + t.ap.toFixed(4).padStart(9));
  }
}
console.log(`(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
console.log(`CV MAP ${chosen.cv.map.toFixed(4)}`);
console.log(`held-out MAP ${chosen.heldOut.map.toFixed(4)}`);
