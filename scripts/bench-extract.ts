/**
 * Throughput benchmark of the claim extractor against wink-nlp's bare
 * `readDoc`, on the same texts: every CLEF-2019 transcript (lines joined into
 * one text) plus the two seed articles.
 *
 *   npm run bench:extract [-- --runs N] [--data DIR]
 *
 * Prints sentences/s for both, their ratio (target ≥ 0.5) and the median time
 * to extract one seed article (target < 50 ms). Warm-up first; all loops bounded.
 *
 * Both sides run interleaved text by text (bare readDoc on a text, then the
 * extractor on the same text, the order swapped every other alternation), so
 * both see the same machine load at nearly the same moment. Each alternation
 * (one pass over every text) gives one ratio; the figure reported is the
 * median of those ratios (at least 5 alternations), next to the ratio of the
 * median times. The machine's load (`uptime`) is printed before and after.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { extractClaims, segmentSentences } from "../lib/domain/extraction/extract";
import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";
import { getNlp, PIPE } from "../lib/domain/extraction/nlp";
import { parseTranscript } from "../lib/domain/extraction/clef";
import { defaultDataDir } from "../lib/domain/extraction/training";
import { SHARED_DIR } from "../lib/domain/extraction/shared-paths";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const RUNS = Math.max(5, Math.min(Number(arg("--runs") ?? 9), 50));
const ARTICLE_RUNS = 21;
const dataDir = arg("--data") ?? defaultDataDir();
const here = path.dirname(fileURLToPath(import.meta.url));
const articleDirs = [path.join(here, "..", "prisma", "seed", "articles"), path.join(SHARED_DIR, "articles")];
const articleNames = ["000_a04bcc9c32dccfc7.txt", "003_bd337583015ffe6b.txt"];

function readArticle(name: string): string {
  for (const d of articleDirs) {
    const p = path.join(d, name);
    if (fs.existsSync(p)) return fs.readFileSync(p, "utf8");
  }
  throw new Error(`seed article ${name} not found in ${articleDirs.join(" or ")}`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const transcripts = fs
  .readdirSync(dataDir)
  .filter((f) => f.endsWith(".tsv"))
  .sort()
  .map((f) => parseTranscript(fs.readFileSync(path.join(dataDir, f), "utf8")).map((l) => l.text).join("\n"));
const articles = articleNames.map(readArticle);
const texts = [...transcripts, ...articles];
const chars = texts.reduce((s, t) => s + t.length, 0);

// Baseline: wink-nlp as it comes (default pipeline). The extractor's own instance runs only
// the pipes it uses (PIPE); its bare readDoc is timed too, for an apples-to-apples view.
const nlp = winkNLP(model);
const nlpSame = getNlp();
const sentenceCount = texts.reduce((s, t) => s + segmentSentences(t).length, 0);

// Warm-up (JIT, lazy model structures).
for (let i = 0; i < 2; i++) {
  for (const t of texts) {
    nlp.readDoc(t);
    nlpSame.readDoc(t);
    extractClaims(t);
  }
}

function uptime(): string {
  try {
    return execFileSync("uptime", { encoding: "utf8", timeout: 5000 }).trim();
  } catch {
    return `load average ${os.loadavg().map((x) => x.toFixed(2)).join(", ")}`;
  }
}
const uptimeBefore = uptime();

const bare: number[] = [];
const bareSame: number[] = [];
const full: number[] = [];
/** Per alternation: bare readDoc time / extractor time over the same texts (= the speed ratio). */
const ratios: number[] = [];
let sink = 0;
for (let r = 0; r < RUNS; r++) {
  let b = 0;
  let s = 0;
  let f = 0;
  // Text by text, the three sides back to back; the order turns every alternation.
  const order = r % 2 === 0 ? ["bare", "same", "full"] : ["full", "same", "bare"];
  for (const t of texts) {
    for (const which of order) {
      const t0 = performance.now();
      if (which === "bare") sink += nlp.readDoc(t).tokens().length();
      else if (which === "same") sink += nlpSame.readDoc(t).tokens().length();
      else sink += extractClaims(t).length;
      const ms = performance.now() - t0;
      if (which === "bare") b += ms;
      else if (which === "same") s += ms;
      else f += ms;
    }
  }
  bare.push(b);
  bareSame.push(s);
  full.push(f);
  ratios.push(b / f);
}

const articleTimes: number[][] = articles.map(() => []);
for (let r = 0; r < ARTICLE_RUNS; r++) {
  articles.forEach((a, i) => {
    const t0 = performance.now();
    sink += extractClaims(a).length;
    articleTimes[i]!.push(performance.now() - t0);
  });
}

const sameMs = median(bareSame);
const sameRate = sentenceCount / (sameMs / 1000);
const bareMs = median(bare);
const fullMs = median(full);
const bareRate = sentenceCount / (bareMs / 1000);
const fullRate = sentenceCount / (fullMs / 1000);
const ratio = median(ratios);
const articleMedians = articleTimes.map(median);
const worstArticle = Math.max(...articleMedians);

console.log(`before: ${uptimeBefore}`);
console.log(`corpus: ${texts.length} texts (${transcripts.length} CLEF transcripts + ${articles.length} seed articles), ${sentenceCount} sentences, ${chars} characters; ${RUNS} interleaved alternations after warm-up`);
console.log(`wink-nlp readDoc : ${bareMs.toFixed(0).padStart(6)} ms/run  ${bareRate.toFixed(0).padStart(7)} sentences/s (median)`);
console.log(`extractClaims    : ${fullMs.toFixed(0).padStart(6)} ms/run  ${fullRate.toFixed(0).padStart(7)} sentences/s (median)`);
console.log(`per-alternation ratios: ${ratios.map((x) => x.toFixed(2)).join(" ")}`);
console.log(`ratio of the medians: ${(fullRate / bareRate).toFixed(2)}`);
console.log(`ratio extractor/readDoc (median of ${RUNS} alternations): ${ratio.toFixed(2)} (target >= 0.5) ${ratio >= 0.5 ? "OK" : "BELOW TARGET"}`);
console.log(`  (readDoc with only the extractor's pipes [${PIPE.join(", ")}]: ${sameMs.toFixed(0)} ms/run, ${sameRate.toFixed(0)} sentences/s; ratio ${(fullRate / sameRate).toFixed(2)})`);
articleNames.forEach((n, i) => console.log(`median extract ${n}: ${articleMedians[i]!.toFixed(1)} ms over ${ARTICLE_RUNS} runs`));
console.log(`median time to extract one seed article (worst of the two): ${worstArticle.toFixed(1)} ms (target < 50 ms) ${worstArticle < 50 ? "OK" : "ABOVE TARGET"}`);
console.log(`after: ${uptime()} — ${os.cpus().length} cores (both sides share the load; the ratio is what counts)`);
if (sink < 0) console.log(sink); // keep results alive
