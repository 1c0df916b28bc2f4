/**
 * Memory the claim extractor adds to a server process: resident set size and
 * V8 heap after wink-nlp alone has analysed the seed articles, then after the
 * extractor (with its check-worthiness model) has extracted them. Target: the
 * extractor adds < 100 MB. Run with garbage collection exposed:
 *
 *   npm run bench:extract-memory
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT, SHARED_DIR } from "../lib/domain/extraction/shared-paths";
import { memorySnapshot, requireGc } from "./lib/memory-snapshot";

const gc = requireGc("bench:extract-memory");
const snapshot = () => memorySnapshot(gc);

const names = ["000_a04bcc9c32dccfc7.txt", "003_bd337583015ffe6b.txt"];
const dirs = [path.join(REPO_ROOT, "prisma", "seed", "articles"), path.join(SHARED_DIR, "articles")];
const articles = names.map((n) => {
  const d = dirs.find((x) => fs.existsSync(path.join(x, n)));
  if (!d) throw new Error(`seed article ${n} not found in ${dirs.join(" or ")}`);
  return fs.readFileSync(path.join(d, n), "utf8");
});

const s0 = snapshot();
const { default: winkNLP } = await import("wink-nlp");
const { default: model } = await import("wink-eng-lite-web-model");
const nlp = winkNLP(model);
for (const a of articles) nlp.readDoc(a).tokens().length();
const s1 = snapshot();
const { extractClaims } = await import("../lib/domain/extraction/extract");
let n = 0;
for (let r = 0; r < 5; r++) for (const a of articles) n += extractClaims(a).length;
const s2 = snapshot();
const modelFile = path.join(REPO_ROOT, "lib", "domain", "extraction", "checkworthiness-model.json");
const weights = Object.keys((JSON.parse(fs.readFileSync(modelFile, "utf8")) as { weights: object }).weights).length;
const f = (x: number): string => x.toFixed(1).padStart(7);
console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
console.log(`model: ${weights} weights, ${(fs.statSync(modelFile).size / 1024).toFixed(0)} KB JSON`);
console.log(`                       RSS MB  heap MB`);
console.log(`start                 ${f(s0.rss)}  ${f(s0.heap)}`);
console.log(`wink-nlp loaded       ${f(s1.rss)}  ${f(s1.heap)}`);
console.log(`extractor + model     ${f(s2.rss)}  ${f(s2.heap)}   (${n} claims extracted)`);
const added = s2.rss - s1.rss;
console.log(`extractor adds ${added.toFixed(1)} MB RSS, ${(s2.heap - s1.heap).toFixed(1)} MB heap over wink-nlp (target < 100 MB) ${added < 100 ? "OK" : "ABOVE TARGET"}`);
