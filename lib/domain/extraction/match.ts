/**
 * Cross-article claim matching: groups claims from different articles that
 * state the same thing. Each claim becomes a weighted bag of normalised
 * content words, names and numbers (TF-IDF over the given claims); pairs from
 * different articles whose cosine similarity reaches the threshold are
 * linked, and linked claims form clusters. Conflicting numbers (same unit,
 * different value) count against a match.
 */
import { analyze } from "./nlp";
import { parseQuantities } from "./quantities";

export interface MatchInput {
  id: string;
  articleId: string;
  text: string;
}

export interface ClaimSignature {
  /** term → raw weight (before IDF). Terms: "w:<stem>", "e:<name>", "n:<unit>:<value>". */
  terms: Map<string, number>;
  /** unit → values, for conflict detection. */
  numbers: Map<string, number[]>;
}

export const DEFAULT_MATCH_THRESHOLD = 0.35;

const STOP = new Set([
  // (modal "must" is kept: it marks obligations, see CONCEPTS)
  "be", "have", "do", "say", "make", "get", "go", "also", "now", "just", "very", "such", "other", "more", "most",
  "many", "much", "well", "even", "still", "only", "any", "some", "all", "each", "every", "own", "same", "new",
  "way", "time", "year", "thing", "lot", "can", "could", "would", "should", "will", "may", "might",
  "not", "no", "yet", "however", "while", "that", "this", "these", "those", "there", "here", "then", "than",
]).add("");
const WEIGHT_WORD = 1;
const WEIGHT_NAME = 1.2;

/**
 * Small concept classes so that paraphrases meet: words for requiring or
 * granting permission ("must receive authorization from" ≈ "must be cleared by").
 */
const CONCEPTS: [RegExp, string][] = [
  [/^(?:authori[sz]|approv|clear|permi[st]|sanction|consent|sign-off|greenlight|allow)/, "permission"],
  [/^(?:ban|prohibit|forbid|bar|block|restrict|curtail|limit|veto)/, "restriction"],
  [/^(?:must|require|mandat|oblig|need)/, "obligation"],
];
const WEIGHT_NUMBER = 2;

/**
 * Crude but robust normalisation of an English word to a comparison key:
 * lemma, British → American "-is-" spelling, then truncation to 6 letters
 * (so "authorization", "authorise" and "authorized" meet).
 */
export function wordKey(lemma: string): string {
  let w = lemma.toLowerCase().replace(/['’]s$/, "");
  w = w.replace(/is(e|ed|es|ing|ation)$/, "iz$1").replace(/our$/, "or").replace(/ce$/, "se");
  return w.length > 6 ? w.slice(0, 6) : w;
}

/** Signature of one claim text. */
export function claimSignature(text: string): ClaimSignature {
  const a = analyze(text);
  const terms = new Map<string, number>();
  const add = (k: string, w: number): void => {
    terms.set(k, Math.max(terms.get(k) ?? 0, w));
  };
  for (const t of a.lexemes) {
    if (t.type !== "word") continue;
    const lemma = t.lemma.toLowerCase();
    if (t.pos === "PROPN" || /^\p{Lu}{2,}$/u.test(t.value)) {
      add(`e:${t.normal.replace(/['’]s$/, "")}`, WEIGHT_NAME);
      continue;
    }
    const concept = t.pos === "ADJ" ? undefined : CONCEPTS.find(([re]) => re.test(lemma))?.[1];
    if (concept) add(`c:${concept}`, WEIGHT_WORD);
    if (!["NOUN", "VERB", "ADJ", "ADV"].includes(t.pos)) continue;
    if (STOP.has(lemma) || lemma.length < 3) continue;
    add(`w:${wordKey(lemma)}`, WEIGHT_WORD);
  }
  const numbers = new Map<string, number[]>();
  for (const q of parseQuantities(text, 0)) {
    const unit = q.kind === "DATE" ? q.unit : q.kind === "COUNT" ? `count:${wordKey(q.unit)}` : q.unit;
    add(`n:${unit}:${q.value}`, WEIGHT_NUMBER);
    const list = numbers.get(unit) ?? [];
    list.push(q.value);
    numbers.set(unit, list);
  }
  return { terms, numbers };
}

function hasNumberConflict(a: ClaimSignature, b: ClaimSignature): boolean {
  for (const [unit, va] of a.numbers) {
    const vb = b.numbers.get(unit);
    if (!vb) continue;
    if (!va.some((x) => vb.some((y) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x))))) return true;
  }
  return false;
}

/** Cosine similarity of two IDF-weighted signatures. */
function cosine(a: Map<string, number>, b: Map<string, number>, normA: number, normB: number): number {
  if (normA === 0 || normB === 0) return 0;
  let dot = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [k, v] of small) {
    const w = large.get(k);
    if (w !== undefined) dot += v * w;
  }
  return dot / (normA * normB);
}

export interface ScoredPair {
  a: string;
  b: string;
  similarity: number;
}

/** A claim with its signature computed (e.g. stored at the claim's creation). */
export interface SignedClaim {
  id: string;
  articleId: string;
  signature: ClaimSignature;
}

/** Document frequencies for IDF: how many of `total` claims hold each term. */
export interface TermStats {
  total: number;
  df: ReadonlyMap<string, number>;
}

/** Smoothed IDF, ln((N + 1) / (df + 1)) + 1 (the scikit-learn TfidfVectorizer form). */
function idfOf(stats: TermStats, key: string): number {
  return Math.log((stats.total + 1) / ((stats.df.get(key) ?? 0) + 1)) + 1;
}

/** Term statistics over the given signatures themselves. */
export function termStatsOf(sigs: readonly ClaimSignature[]): TermStats {
  const df = new Map<string, number>();
  for (const s of sigs) for (const k of s.terms.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  return { total: sigs.length, df };
}

/**
 * Similarity (0..1; number conflicts halve it) of every cross-article pair of signed claims that
 * share at least one term and involve at least one claim for which `isProbe` is true (default: all).
 * IDF comes from `stats` (desk-wide figures, or the claims' own by default).
 */
export function signatureSimilarities(
  claims: readonly SignedClaim[],
  stats: TermStats = termStatsOf(claims.map((c) => c.signature)),
  isProbe: (id: string) => boolean = () => true,
): ScoredPair[] {
  const n = claims.length;
  const sigs = claims.map((c) => c.signature);
  const vecs = sigs.map((s) => {
    const v = new Map<string, number>();
    for (const [k, w] of s.terms) v.set(k, w * idfOf(stats, k));
    return v;
  });
  const norms = vecs.map((v) => Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0)));
  // Inverted index to visit only pairs that share a term.
  const postings = new Map<string, number[]>();
  vecs.forEach((v, i) => {
    for (const k of v.keys()) {
      const p = postings.get(k);
      if (p) p.push(i);
      else postings.set(k, [i]);
    }
  });
  const probe = claims.map((c) => isProbe(c.id));
  const out: ScoredPair[] = [];
  for (let i = 0; i < n; i++) {
    const seen = new Set<number>();
    for (const k of vecs[i]!.keys()) {
      for (const j of postings.get(k) ?? []) {
        if (j <= i || seen.has(j)) continue;
        seen.add(j);
        if (!probe[i] && !probe[j]) continue;
        if (claims[i]!.articleId === claims[j]!.articleId) continue;
        let sim = cosine(vecs[i]!, vecs[j]!, norms[i]!, norms[j]!);
        if (hasNumberConflict(sigs[i]!, sigs[j]!)) sim *= 0.5;
        out.push({ a: claims[i]!.id, b: claims[j]!.id, similarity: sim });
      }
    }
  }
  return out.sort((x, y) => y.similarity - x.similarity);
}

/**
 * Similarity of every cross-article pair of claims sharing at least one term
 * (0..1; number conflicts halve it). Useful for inspection and tuning.
 */
export function claimSimilarities(claims: readonly MatchInput[]): ScoredPair[] {
  return signatureSimilarities(claims.map((c) => ({ id: c.id, articleId: c.articleId, signature: claimSignature(c.text) })));
}

/**
 * Groups of claim ids linked by pairs at or above `threshold` (union-find over the pairs, ids in
 * the order of `ids`). Returns groups with at least two claims from at least two articles.
 */
function clustersOf(claims: readonly { id: string; articleId: string }[], pairs: readonly ScoredPair[], threshold: number): string[][] {
  const index = new Map<string, number>();
  claims.forEach((c, i) => index.set(c.id, i));
  const parent = claims.map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (const p of pairs) {
    if (p.similarity < threshold) break;
    const ra = find(index.get(p.a)!);
    const rb = find(index.get(p.b)!);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const groups = new Map<number, number[]>();
  claims.forEach((_, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  });
  const out: string[][] = [];
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    if (new Set(g.map((i) => claims[i]!.articleId)).size < 2) continue;
    out.push(g.map((i) => claims[i]!.id));
  }
  return out;
}

/**
 * Clusters new claims with candidate claims of other articles (found through the match-key index),
 * comparing only pairs that involve a new claim. IDF uses the desk-wide `stats`. Returns groups of
 * ids (new claims first, then candidates) with at least two claims from two articles, each holding
 * at least one new claim.
 */
export function matchNewClaims(
  fresh: readonly SignedClaim[],
  candidates: readonly SignedClaim[],
  stats: TermStats,
  threshold = DEFAULT_MATCH_THRESHOLD,
): string[][] {
  const freshIds = new Set(fresh.map((c) => c.id));
  const all = [...fresh, ...candidates.filter((c) => !freshIds.has(c.id))];
  return clustersOf(all, signatureSimilarities(all, stats, (id) => freshIds.has(id)), threshold).filter((g) => g.some((id) => freshIds.has(id)));
}

/** Stored form of a signature (JSON-safe): terms and numbers as entry lists. */
export interface StoredSignature {
  t: [string, number][];
  n: [string, number[]][];
}

/** Converts a signature to its stored JSON-safe form. */
export function toStoredSignature(sig: ClaimSignature): StoredSignature {
  return { t: [...sig.terms], n: [...sig.numbers] };
}

/** Reads a stored signature back; throws a TypeError on a malformed value. */
export function fromStoredSignature(stored: StoredSignature): ClaimSignature {
  if (!stored || !Array.isArray(stored.t) || !Array.isArray(stored.n)) throw new TypeError("malformed stored claim signature");
  return { terms: new Map(stored.t), numbers: new Map(stored.n) };
}

/**
 * The keys under which a claim is indexed for candidate search: its terms, without the concept
 * classes ("c:…", shared by too many claims to narrow anything down). At most 64 keys.
 */
export function matchKeys(sig: ClaimSignature): string[] {
  return [...sig.terms.keys()].filter((k) => !k.startsWith("c:") && k.length <= 120).slice(0, 64);
}

/**
 * Clusters claims from different articles that say the same thing.
 * Returns clusters (arrays of claim ids, in input order) with at least two
 * claims from at least two articles; claims without a match are omitted.
 */
export function matchClaims(claims: readonly MatchInput[], threshold = DEFAULT_MATCH_THRESHOLD): string[][] {
  return clustersOf(claims, claimSimilarities(claims), threshold);
}
