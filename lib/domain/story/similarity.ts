/**
 * How alike two articles' stories are, from stored data only (their entity keys and claim
 * clusters): the part of story suggestion that runs on the server's request thread. The entities
 * themselves are found by ./entities.ts (compromise), in the extraction pool, at import.
 */

/** Spellings of one country that news text mixes ("US", "U.S.", "United States"): key → canonical key. */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ["us", "united states"],
  ["usa", "united states"],
  ["united states of america", "united states"],
  ["america", "united states"],
  ["uk", "united kingdom"],
  ["britain", "united kingdom"],
  ["great britain", "united kingdom"],
  ["un", "united nations"],
  ["eu", "european union"],
]);

/**
 * Lower-cased key used to compare entities across articles: "Pete Hegseth" = "pete hegseth",
 * "U.S." = "US" = "United States" (a short alias list of country and union names).
 */
export function entityKey(name: string): string {
  const key = name.toLocaleLowerCase("en").replace(/\./g, "").replace(/\s+/g, " ").trim();
  return ALIASES.get(key) ?? key;
}

/** What storySimilarity compares of one article: its entity keys (entityKey) and the ids of the claim clusters its claims belong to. */
export interface StoryFingerprint {
  entities: string[];
  clusterIds: string[];
}

/**
 * Score (0…1) at or above which story suggestion proposes two articles as one story. Measured on
 * the demo pair (same story): entities alone 0.32, with its one shared claim cluster 0.66; every pair
 * of a demo article and a sample article, or of two sample articles (other stories): 0.00. So one
 * shared matched claim suffices (0.5), while shared entities alone must reach a Jaccard index of
 * 0.35 — more than the demo pair's, because articles naming the same actors ("US", "Russia") are
 * often different events. entities.test.ts fails if the margin disappears. An editor confirms or
 * splits every suggestion.
 */
export const STORY_SUGGESTION_THRESHOLD = 0.35;

/**
 * How likely two articles tell the same story, 0 (nothing shared) … 1.
 *
 * - Shared matched claims: a claim cluster both articles assert is strong evidence, so one shared
 *   cluster already gives 0.5 and each further one halves the remaining distance (1 − 0.5^n).
 * - Shared entities: the Jaccard index of the two entity-key sets (|A ∩ B| ÷ |A ∪ B|), which a
 *   handful of common actors ("US", "Russia") alone keeps low in long articles.
 * The two are combined as independent evidence: 1 − (1 − claims) × (1 − entities).
 * Symmetric; duplicates in the inputs are ignored; empty inputs give 0.
 */
export function storySimilarity(a: StoryFingerprint, b: StoryFingerprint): number {
  const sharedClusters = intersectionSize(new Set(a.clusterIds), new Set(b.clusterIds));
  const claims = 1 - 0.5 ** sharedClusters;
  const ea = new Set(a.entities.map(entityKey));
  const eb = new Set(b.entities.map(entityKey));
  const shared = intersectionSize(ea, eb);
  const union = ea.size + eb.size - shared;
  const entities = union === 0 ? 0 : shared / union;
  return 1 - (1 - claims) * (1 - entities);
}

function intersectionSize<T>(a: Set<T>, b: Set<T>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of small) if (large.has(x)) n++;
  return n;
}
