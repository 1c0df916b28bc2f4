import { describe, expect, it } from "vitest";
import { extractClaims, matchClaims, claimSimilarities } from "./index";
import { ARTICLE_000, ARTICLE_003, readSeedArticle } from "./test-helpers";

const HEGSETH_000 = /^Following the inauguration of President Donald Trump.*personal authorization from Defense Secretary Pete Hegseth\.$/;
const HEGSETH_003 = /^Any request by Ukraine to use these systems must now be cleared directly by Defense Secretary Pete Hegseth\.$/;

describe("matchClaims on the seed articles", () => {
  const claims = [ARTICLE_000, ARTICLE_003].flatMap((name) =>
    extractClaims(readSeedArticle(name), { limit: 12 }).map((c, i) => ({ id: `${name}#${i}`, articleId: name, text: c.text })),
  );
  const text = new Map(claims.map((c) => [c.id, c.text]));
  const clusters = matchClaims(claims);

  it("clusters the two 'Hegseth must personally authorise strikes' sentences", () => {
    const a = claims.find((c) => HEGSETH_000.test(c.text));
    const b = claims.find((c) => HEGSETH_003.test(c.text));
    expect(a && b, "both Hegseth sentences are among the extracted claims").toBeTruthy();
    const cluster = clusters.find((g) => g.includes(a!.id));
    expect(cluster).toBeDefined();
    expect(cluster).toContain(b!.id);
  });

  it("does not put unrelated claims together", () => {
    for (const g of clusters) {
      expect(new Set(g.map((id) => id.split("#")[0])).size).toBeGreaterThanOrEqual(2);
      const texts = g.map((id) => text.get(id)!);
      expect(texts.some((t) => t.startsWith("More than 3,000 extended-range missiles"))).toBe(false);
      expect(texts.some((t) => t.startsWith("ATACMS, with ranges up to 190 miles"))).toBe(false);
      expect(texts.some((t) => t.startsWith("Article 51 of the United Nations Charter"))).toBe(false);
      expect(texts.some((t) => t.startsWith("The Pentagon has also introduced a triage mechanism"))).toBe(false);
    }
  });
});

describe("matchClaims", () => {
  const claims = [
    { id: "a1", articleId: "A", text: "The city council approved a budget of $4.5 million for schools on Monday." },
    { id: "a2", articleId: "A", text: "Local bakeries reported record sales of croissants this spring." },
    { id: "b1", articleId: "B", text: "On Monday, the council approved $4.5 million in school funding." },
    { id: "b2", articleId: "B", text: "A storm knocked out power to thousands of homes overnight." },
    { id: "c1", articleId: "C", text: "The city council approved a budget of $9 million for schools on Monday." },
  ];

  it("links paraphrases across articles and leaves the rest alone", () => {
    const clusters = matchClaims(claims);
    expect(clusters).toEqual([["a1", "b1"]]);
  });

  it("treats conflicting numbers as a different claim", () => {
    const pairs = claimSimilarities(claims);
    const same = pairs.find((p) => p.a === "a1" && p.b === "b1")!.similarity;
    const conflict = pairs.find((p) => p.a === "a1" && p.b === "c1")!.similarity;
    expect(conflict).toBeLessThan(same);
    expect(matchClaims(claims).flat()).not.toContain("c1");
  });

  it("never clusters claims of a single article", () => {
    const single = [
      { id: "x", articleId: "A", text: "The council approved the budget." },
      { id: "y", articleId: "A", text: "The council approved the budget." },
    ];
    expect(matchClaims(single)).toEqual([]);
  });

  it("honours the threshold", () => {
    expect(matchClaims(claims, 0.999)).toEqual([]);
  });
});
