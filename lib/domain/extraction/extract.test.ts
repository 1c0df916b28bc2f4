import { describe, expect, it } from "vitest";
import { MAX_SUGGESTED_CLAIM_CODE_POINTS } from "./extract";
import { extractClaims } from "./index";
import { ARTICLE_000, ARTICLE_003, cpSlice, readSampleArticle, readSeedArticle } from "./test-helpers";
import { DEFAULT_MODEL } from "./ranker";

function rankOf(claims: { text: string }[], startsWith: string): number {
  return claims.findIndex((c) => c.text.startsWith(startsWith));
}

describe("extractClaims on the seed articles", () => {
  const a000 = readSeedArticle(ARTICLE_000);
  const a003 = readSeedArticle(ARTICLE_003);
  const c000 = extractClaims(a000);
  const c003 = extractClaims(a003);

  it.each([
    ["More than 3,000 extended-range missiles have been approved for delivery to Ukraine"],
    ["ATACMS, with ranges up to 190 miles, could be used"],
    ["The Pentagon has also introduced a triage mechanism, classifying US weapons stocks into green, yellow, and red categories"],
  ])("ranks %s… in the top 10 of article 003", (sentence) => {
    const r = rankOf(c003, sentence);
    expect(r, `not extracted at all: ${sentence}`).toBeGreaterThanOrEqual(0);
    expect(r).toBeLessThan(10);
  });

  it("extracts the Hegseth-authorisation statement from both articles, within the 12 best", () => {
    const r000 = c000.findIndex((c) => /Hegseth/.test(c.text) && /authori[sz]ation/.test(c.text) && /must/.test(c.text));
    const r003 = c003.findIndex((c) => /Hegseth/.test(c.text) && /must/.test(c.text) && /cleared/.test(c.text));
    expect(r000).toBeGreaterThanOrEqual(0);
    expect(r003).toBeGreaterThanOrEqual(0);
    expect(r000).toBeLessThan(12);
    expect(r003).toBeLessThan(12);
  });

  it("returns sentences sorted by score with exact code-point offsets", () => {
    for (const [text, claims] of [
      [a000, c000],
      [a003, c003],
    ] as const) {
      expect(claims.length).toBeGreaterThan(10);
      for (let i = 1; i < claims.length; i++) expect(claims[i - 1]!.score).toBeGreaterThanOrEqual(claims[i]!.score);
      for (const c of claims) {
        expect(cpSlice(text, c.start, c.end)).toBe(c.text);
        expect(c.score).toBeGreaterThan(0);
        expect(c.score).toBeLessThan(1);
        for (const q of c.quantities) {
          expect(q.start).toBeGreaterThanOrEqual(c.start);
          expect(q.end).toBeLessThanOrEqual(c.end);
          expect(cpSlice(text, q.start, q.end)).toBe(q.text);
        }
      }
    }
  });

  it("attaches kinds, reasons and normalised quantities", () => {
    const missiles = c003.find((c) => c.text.startsWith("More than 3,000"))!;
    expect(missiles.kind).toBe("QUANTITY");
    expect(missiles.reasons).toContain("quantity");
    expect(missiles.reasons).toContain("comparison");
    expect(missiles.quantities.map((q) => q.display)).toContain("> 3,000 missiles");
    const atacms = c003.find((c) => c.text.startsWith("ATACMS, with ranges"))!;
    expect(atacms.reasons).toContain("number with unit");
    expect(atacms.quantities[0]!.display).toBe("≤ 190 mi ≈ 305.8 km");
    const reuters = c000.find((c) => c.text.startsWith("On August 24, 2025, Reuters reported"))!;
    expect(reuters.kind).toBe("ATTRIBUTION");
    expect(reuters.reasons).toContain("named source");
  });

  it("never suggests boilerplate: bylines, navigation, captions, calls to action, headings", () => {
    const texts = [...c000, ...c003].map((c) => c.text);
    const banned = [
      /^By:/,
      /^Author$/,
      /Editor's Picks/,
      /Trending Stories/,
      /^More$/,
      /\[PHOTO:/,
      /^us defense secretary pete hegseth imposes/,
      /Show your support/,
      /Russia Desk/,
      /Kahoot/,
      /^Tale of Tariff/,
      /^Strategic asymmetry and legal rights$/,
      /^Military impact and rising costs$/,
      /^Wider geopolitical consequences$/,
    ];
    for (const re of banned) expect(texts.filter((t) => re.test(t)), String(re)).toEqual([]);
  });
});

describe("extractClaims options and edge cases", () => {
  const text = [
    "Budget cuts hit schools",
    "By: Jane Roe",
    "The council cut the schools budget by $4.5 million in 2024, according to city records.",
    "Officials said enrolment fell 12 percent.",
    "It was a sad day.",
    "Photo: a closed classroom (Photo: City Archive)",
    "Sign up for our newsletter to get more stories.",
  ].join("\n");

  it("applies limit and minScore", () => {
    const all = extractClaims(text);
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(extractClaims(text, { limit: 1 })).toEqual(all.slice(0, 1));
    const cut = all[1]!.score;
    expect(extractClaims(text, { minScore: cut }).every((c) => c.score >= cut)).toBe(true);
    expect(extractClaims(text, { minScore: 1.01 })).toEqual([]);
  });

  it("drops headings, bylines, captions and calls to action in any article", () => {
    const texts = extractClaims(text).map((c) => c.text);
    expect(texts).not.toContain("Budget cuts hit schools");
    expect(texts.some((t) => t.startsWith("By:"))).toBe(false);
    expect(texts.some((t) => t.includes("Photo:"))).toBe(false);
    expect(texts.some((t) => t.includes("newsletter"))).toBe(false);
    // The two sourced, numeric statements come before the remark.
    expect(texts.slice(0, 2).sort()).toEqual([
      "Officials said enrolment fell 12 percent.",
      "The council cut the schools budget by $4.5 million in 2024, according to city records.",
    ]);
    expect(texts[texts.length - 1]).toBe("It was a sad day.");
  });

  it("ranks a sourced statistic above small talk", () => {
    const claims = extractClaims("Thank you all for coming tonight. Unemployment fell from 9.8 percent to 4.1 percent between 2010 and 2017, the Labor Department says.");
    expect(claims[0]!.text).toMatch(/^Unemployment fell/);
  });

  it("handles empty input and astral characters", () => {
    expect(extractClaims("")).toEqual([]);
    const t = "👍👍 The agency said 40 percent of 🚀 launches failed in 2023.";
    const [c] = extractClaims(t);
    expect(c).toBeDefined();
    expect(cpSlice(t, c!.start, c!.end)).toBe(c!.text);
    const pct = c!.quantities.find((q) => q.kind === "PERCENT")!;
    expect(cpSlice(t, pct.start, pct.end)).toBe("40 percent");
  });

  it("never suggests a sentence longer than a claim may be (text without sentence ends), and still suggests the others", () => {
    const wall = `Officials said ${Array.from({ length: 120 }, (_, i) => `${i + 10} percent of the ${i + 3} million homes had no power`).join(" and ")}.`;
    const fact = "The agency said 40 percent of launches failed in 2023.";
    expect(Array.from(wall).length).toBeGreaterThan(MAX_SUGGESTED_CLAIM_CODE_POINTS);
    const claims = extractClaims(`${fact}\n\n${wall}\n\n${fact.replace("40", "45")}`);
    expect(claims.map((c) => c.text)).toEqual(expect.arrayContaining([fact, fact.replace("40", "45")]));
    for (const c of claims) expect(c.end - c.start).toBeLessThanOrEqual(MAX_SUGGESTED_CLAIM_CODE_POINTS);
    // Right at the limit it is still a claim.
    const atLimit = `${"The ministry reported 12 percent more exports, ".repeat(60).slice(0, MAX_SUGGESTED_CLAIM_CODE_POINTS - 1)}.`;
    expect(extractClaims(atLimit).map((c) => c.end - c.start)).toEqual([MAX_SUGGESTED_CLAIM_CODE_POINTS]);
  });
});

describe("calibrated article scores", () => {
  const budget = readSampleArticle("city-budget.txt");
  const claims = extractClaims(budget);

  it("ranks a checkable factual statement above a hedged opinion quote", () => {
    const fact = rankOf(claims, '"We closed a $38 million structural deficit');
    const opinion = rankOf(claims, 'Mayor Dana Whitfield called the plan "the most responsible budget');
    expect(fact).toBeGreaterThanOrEqual(0);
    expect(opinion).toBeGreaterThanOrEqual(0);
    expect(fact).toBeLessThan(opinion);
    expect(fact).toBeLessThan(10);
  });

  it("suggests by threshold, so the count follows the text and weak sentences are left out", () => {
    const t = DEFAULT_MODEL.suggestThreshold;
    expect(t).toBeGreaterThan(0);
    expect(t).toBeLessThan(1);
    const suggested = extractClaims(budget, { suggestedOnly: true });
    expect(suggested.every((c) => c.score >= t)).toBe(true);
    expect(suggested).toEqual(claims.filter((c) => c.score >= t));
    // Not everything, not nothing.
    expect(suggested.length).toBeGreaterThan(2);
    expect(suggested.length).toBeLessThan(claims.length);
    // Small talk scores below the threshold.
    expect(claims.find((c) => c.text === "Others were less convinced.")?.score ?? 0).toBeLessThan(t);
  });

  it("spreads scores so shading tells strong from weak", () => {
    const scores = claims.map((c) => c.score);
    expect(Math.max(...scores) - Math.min(...scores)).toBeGreaterThan(0.3);
    expect(Math.max(...scores)).toBeGreaterThan(5 * Math.min(...scores));
  });
});
