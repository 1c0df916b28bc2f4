/** How the story page summarises a tone figure (issue 18): distinct loaded words and the share as a percentage. */
import type { ToneFigure } from "./types";

/** One distinct loaded word of an article: lower case, how often it occurs, its lexicon score (−5…5). */
export interface LoadedWordCount {
  word: string;
  count: number;
  score: number;
}

/**
 * The distinct loaded words of one article (lower-cased), each with how often it occurs and its
 * lexicon score: the strongest first (absolute score), then the most frequent, then alphabetical.
 */
export function loadedWordCounts(highlights: ToneFigure["highlights"]): LoadedWordCount[] {
  const counts = new Map<string, LoadedWordCount>();
  for (const h of highlights) {
    const key = h.word.toLocaleLowerCase();
    const entry = counts.get(key);
    if (entry) entry.count += 1;
    else counts.set(key, { word: key, count: 1, score: h.score });
  }
  return [...counts.values()].sort((a, b) => Math.abs(b.score) - Math.abs(a.score) || b.count - a.count || a.word.localeCompare(b.word));
}

/** A share 0…1 as a percentage with one decimal ("4.2%"). */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
