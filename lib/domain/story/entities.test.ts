import { describe, expect, test } from "vitest";
import { ARTICLE_000, ARTICLE_003, readSampleArticle, readSeedArticle } from "../extraction/test-helpers";
import { entityKey, MAX_ENTITY_TEXT, namedEntities, STORY_SUGGESTION_THRESHOLD, storySimilarity, tidyEntityName, type StoryFingerprint } from "./entities";

const SAMPLES = ["city-budget.txt", "school-district.txt", "transit-ridership.txt"];

function keys(text: string): string[] {
  return namedEntities(text).map((e) => entityKey(e.name));
}

describe("tidyEntityName / entityKey", () => {
  test("drops titles, possessives, brackets and trailing punctuation", () => {
    expect(tidyEntityName("Secretary Pete Hegseth.")).toBe("Pete Hegseth");
    expect(tidyEntityName("Defense Secretary Pete Hegseth")).toBe("Pete Hegseth");
    expect(tidyEntityName("NATO’s")).toBe("NATO");
    expect(tidyEntityName("New York Times].")).toBe("New York Times");
    expect(tidyEntityName("-Ukraine's")).toBe("Ukraine");
    expect(tidyEntityName("President")).toBe("");
    expect(tidyEntityName("—")).toBe("");
  });

  test("one key for the spellings of one name", () => {
    expect(entityKey("Pete  Hegseth")).toBe(entityKey("pete hegseth"));
    expect(entityKey("U.S.")).toBe("united states");
    expect(entityKey("US")).toBe(entityKey("United States"));
    expect(entityKey("Kyiv")).not.toBe(entityKey("Moscow"));
  });

  test("a key is its own key (stored keys can be compared again by storySimilarity)", () => {
    for (const name of ["U.S.", "USA", "Pete Hegseth", "Wall Street Journal", "EU", "Britain", "St. Louis"]) expect(entityKey(entityKey(name))).toBe(entityKey(name));
  });
});

describe("namedEntities", () => {
  const e003 = namedEntities(readSeedArticle(ARTICLE_003));

  test("finds the demo article's actors with their kinds", () => {
    const byKey = new Map(e003.map((e) => [entityKey(e.name), e]));
    expect(byKey.get("pete hegseth")).toEqual({ name: "Pete Hegseth", kind: "PERSON" });
    expect(byKey.get("elbridge colby")?.kind).toBe("PERSON");
    expect(byKey.get("wall street journal")?.kind).toBe("ORGANIZATION");
    expect(byKey.get("nato")?.kind).toBe("ORGANIZATION");
    expect(byKey.get("kyiv")?.kind).toBe("PLACE");
  });

  test("each entity once, however often and however spelled", () => {
    const ks = e003.map((e) => entityKey(e.name));
    expect(new Set(ks).size).toBe(ks.length);
    // "pete hegseth" (a lower-case photo caption), "Pete Hegseth", "Secretary Pete Hegseth." are one.
    expect(ks.filter((k) => k.includes("hegseth"))).toEqual(["pete hegseth"]);
  });

  test("a surname alone folds into the full name mentioned before", () => {
    const names = namedEntities("Mayor Luis Ortega said the plan works. Ortega added that Maria Lopez agreed.").map((e) => e.name);
    expect(names).toContain("Luis Ortega");
    expect(names).not.toContain("Ortega");
  });

  test("only the first MAX_ENTITY_TEXT UTF-16 units are read", () => {
    const sentence = "The council met again and the budget was discussed at length. ";
    const filler = sentence.repeat(Math.ceil(MAX_ENTITY_TEXT / sentence.length) + 1);
    expect(filler.length).toBeGreaterThan(MAX_ENTITY_TEXT);
    const within = filler.slice(0, MAX_ENTITY_TEXT - 200);
    const names = (t: string) => namedEntities(t).map((e) => e.name);
    expect(names(`${within} Pete Hegseth approved it.`)).toContain("Pete Hegseth");
    expect(names(`${filler} Pete Hegseth approved it.`)).not.toContain("Pete Hegseth");
  });

  test("empty and odd input give no entity and do not throw", () => {
    expect(namedEntities("")).toEqual([]);
    expect(namedEntities("   \n\n ,,, 123 %%% ")).toEqual([]);
  });
});

describe("storySimilarity", () => {
  const demo: StoryFingerprint[] = [ARTICLE_000, ARTICLE_003].map((f) => ({ entities: keys(readSeedArticle(f)), clusterIds: [] }));
  const samples: StoryFingerprint[] = SAMPLES.map((f) => ({ entities: keys(readSampleArticle(f)), clusterIds: [] }));
  // The demo pair shares one matched claim (the Hegseth approval); the other claims are its own.
  const demoWithClaims: StoryFingerprint[] = [
    { ...demo[0]!, clusterIds: ["hegseth-approval", "article-51", "north-korea"] },
    { ...demo[1]!, clusterIds: ["hegseth-approval", "colby", "storm-shadow", "3000-missiles"] },
  ];

  test("the demo pair (same story) is suggested; each demo article with each sample article (other stories) is not", () => {
    const same = storySimilarity(demoWithClaims[0]!, demoWithClaims[1]!);
    expect(same).toBeGreaterThanOrEqual(STORY_SUGGESTION_THRESHOLD);
    for (const d of demoWithClaims) for (const s of samples) expect(storySimilarity(d, s)).toBeLessThan(STORY_SUGGESTION_THRESHOLD);
    for (let i = 0; i < samples.length; i++) for (let j = i + 1; j < samples.length; j++) expect(storySimilarity(samples[i]!, samples[j]!)).toBeLessThan(STORY_SUGGESTION_THRESHOLD);
  });

  test("entities alone already rank the demo pair above every pair of different stories", () => {
    const same = storySimilarity(demo[0]!, demo[1]!);
    const all = [...demo, ...samples];
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++) if (!(i === 0 && j === 1)) expect(storySimilarity(all[i]!, all[j]!)).toBeLessThan(same);
  });

  test("one shared matched claim gives 0.5, two 0.75; shared entities add as independent evidence", () => {
    expect(storySimilarity({ entities: [], clusterIds: ["c1", "x"] }, { entities: [], clusterIds: ["c1", "y"] })).toBeCloseTo(0.5);
    expect(storySimilarity({ entities: [], clusterIds: ["c1", "c2"] }, { entities: [], clusterIds: ["c2", "c1"] })).toBeCloseTo(0.75);
    // Jaccard 1/3 of {a, b} and {b, c}, then 1 − 0.5 × (1 − 1/3).
    expect(storySimilarity({ entities: ["a", "b"], clusterIds: [] }, { entities: ["B", "c"], clusterIds: [] })).toBeCloseTo(1 / 3);
    expect(storySimilarity({ entities: ["a", "b"], clusterIds: ["c1"] }, { entities: ["b", "c"], clusterIds: ["c1"] })).toBeCloseTo(1 - 0.5 * (2 / 3));
  });

  test("symmetric, within 0…1, duplicates ignored, nothing shared or empty gives 0", () => {
    const a = { entities: ["Kyiv", "kyiv", "NATO"], clusterIds: ["c1", "c1"] };
    const b = { entities: ["kyiv"], clusterIds: ["c1", "c2", "c3"] };
    expect(storySimilarity(a, b)).toBeCloseTo(storySimilarity(b, a));
    expect(storySimilarity(a, b)).toBeLessThanOrEqual(1);
    expect(storySimilarity(a, { entities: ["x"], clusterIds: ["c9"] })).toBe(0);
    expect(storySimilarity({ entities: [], clusterIds: [] }, { entities: [], clusterIds: [] })).toBe(0);
  });
});
