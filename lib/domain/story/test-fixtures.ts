/** Test fixtures for the story comparison: the two demo articles as a story, made-up articles and claims. */
import { extractClaims, matchClaims } from "../extraction";
import { ARTICLE_000, ARTICLE_003, readSeedArticle } from "../extraction/test-helpers";
import type { LexiconInfo, StoryArticleInput, StoryClaimInput, StoryComparisonInput, ToneFigure } from "./types";

export const TEST_LEXICON: LexiconInfo = { name: "test-lexicon", version: "0.0.0", source: "made up for tests", license: "none", url: "https://lexicon.example/" };

/** A stand-in tone measure (the real one is tone.ts): every word of a small list is loaded. */
export function testTone(article: StoryArticleInput): ToneFigure {
  const loaded = new Set(["chokehold", "duplicity", "hypocrisy"]);
  const words = [...article.text.matchAll(/\p{L}+/gu)];
  const highlights = words
    .filter((m) => loaded.has(m[0].toLowerCase()))
    .map((m) => {
      const start = Array.from(article.text.slice(0, m.index)).length;
      return { start, end: start + Array.from(m[0]).length, word: m[0], score: -2 };
    });
  return { articleId: article.id, outlet: article.outlet, words: words.length, loaded: highlights.length, share: words.length ? highlights.length / words.length : 0, highlights };
}

export function article(id: string, outlet: string, text: string, extra: Partial<StoryArticleInput> = {}): StoryArticleInput {
  return { id, title: `${outlet} story`, outlet, publishedAt: "2025-08-24T00:00:00.000Z", url: `https://${id}.example/`, text, ...extra };
}

export function claim(id: string, articleId: string, text: string, extra: Partial<StoryClaimInput> = {}): StoryClaimInput {
  return { id, articleId, text, start: 0, end: Array.from(text).length, clusterId: null, claimant: null, status: "NEW", verdict: null, ...extra };
}

/**
 * The demo story: article 000 (outlet "Outlet A") and 003 ("Outlet B"), their best 12 claims each as the
 * extractor finds them (with the claimant it suggests), clustered by the matcher like an import does.
 */
export function demoStory(): StoryComparisonInput {
  const articles = [
    article("a000", "Outlet A", readSeedArticle(ARTICLE_000), { title: "Pentagon blocks ATACMS strikes" }),
    article("a003", "Outlet B", readSeedArticle(ARTICLE_003), { title: "Pentagon exposes Ukraine’s dependence" }),
  ];
  const claims: StoryClaimInput[] = articles.flatMap((a) =>
    extractClaims(a.text, { limit: 12 }).map((c, i) =>
      claim(`${a.id}-c${i}`, a.id, c.text, { start: c.start, end: c.end, claimant: c.claimant?.name ?? null }),
    ),
  );
  const clusters = matchClaims(claims.map((c) => ({ id: c.id, articleId: c.articleId, text: c.text })));
  clusters.forEach((ids, i) => {
    for (const c of claims) if (ids.includes(c.id)) c.clusterId = `cluster-${i}`;
  });
  return { articles, claims };
}
