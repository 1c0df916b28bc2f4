import { describe, expect, it } from "vitest";
import { compareStory } from "./compare";
import { article, claim, demoStory, testTone, TEST_LEXICON } from "./test-fixtures";
import type { StoryClaimInput, StoryComparisonInput } from "./types";

const HEGSETH_A = /^Following the inauguration of President Donald Trump.*Defense Secretary Pete Hegseth\.$/;
const HEGSETH_B = /^Any request by Ukraine to use these systems must now be cleared directly by Defense Secretary Pete Hegseth\.$/;

function verdict(id: string, rating: string, state: "PROPOSED" | "APPROVED" | "PUBLISHED" = "APPROVED") {
  return { id, rating, label: rating.replace(/_/g, " ").toLowerCase(), state };
}

describe("compareStory on the demo story (articles 000 and 003)", () => {
  const story = demoStory();
  const result = compareStory(story, testTone, TEST_LEXICON);
  const textOf = (id: string) => story.claims.find((c) => c.id === id)!.text;

  it("aligns the Hegseth-approval pair in one row, one cell per article in article order", () => {
    const row = result.aligned.find((r) => r.cells.some((cell) => cell.claims.some((c) => HEGSETH_A.test(c.text))));
    expect(row, "a row holds the Hegseth sentence of article 000").toBeDefined();
    expect(row!.cells.map((c) => c.articleId)).toEqual(["a000", "a003"]);
    expect(row!.cells[0]!.claims.map((c) => c.text)).toEqual([expect.stringMatching(HEGSETH_A)]);
    expect(row!.cells[1]!.claims.map((c) => c.text)).toEqual([expect.stringMatching(HEGSETH_B)]);
  });

  it("lists at least three outlet-only claims per side, with the issue's examples on the right side", () => {
    const [onlyA, onlyB] = result.outletOnly.map((cell) => cell.claims.map((c) => c.text).join("\n"));
    expect(result.outletOnly.map((c) => c.articleId)).toEqual(["a000", "a003"]);
    expect(result.outletOnly.every((cell) => cell.claims.length >= 3)).toBe(true);
    expect(onlyA).toContain("Article 51 of the United Nations Charter");
    expect(onlyA).toContain("North Korea");
    for (const text of ["devised by Pentagon Undersecretary Elbridge Colby", "Storm Shadow", "3,000 extended-range missiles", "green, yellow, and red"]) {
      expect(onlyB).toContain(text);
    }
    // No claim is both aligned and outlet-only, and every claim is in one of the two.
    const alignedIds = result.aligned.flatMap((r) => r.cells.flatMap((c) => c.claims.map((x) => x.id)));
    const onlyIds = result.outletOnly.flatMap((c) => c.claims.map((x) => x.id));
    expect(alignedIds.filter((id) => onlyIds.includes(id))).toEqual([]);
    expect([...alignedIds, ...onlyIds].sort()).toEqual(story.claims.map((c) => c.id).sort());
  });

  it("flags who reported first: Reuters (article 000) against the Wall Street Journal, which 'first reported' (article 003)", () => {
    const first = result.contradictions.filter((c) => c.kind === "FIRST_REPORT");
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      clusterId: null,
      a: { articleId: "a000", value: "Reuters" },
      b: { articleId: "a003", value: "The Wall Street Journal", claimId: null },
      message: 'Who reported first: Reuters (Outlet A) vs The Wall Street Journal (Outlet B, "first reported")',
    });
    expect(first[0]!.a.quote).toMatch(/^On August 24, 2025, Reuters reported that the Pentagon/);
    expect(first[0]!.b.quote).toMatch(/^According to the Wall Street Journal, which first reported the policy shift/);
    // Article 000's Reuters sentence is one of its claims: the conflict points at it.
    expect(textOf(first[0]!.a.claimId!)).toMatch(/Reuters reported/);
  });

  it("raises a verdict conflict once an editor approves different verdicts on the Hegseth pair, not before", () => {
    const withVerdicts = (a: StoryClaimInput["verdict"], b: StoryClaimInput["verdict"]): StoryComparisonInput => ({
      ...story,
      claims: story.claims.map((c) => (HEGSETH_A.test(c.text) ? { ...c, verdict: a } : HEGSETH_B.test(c.text) ? { ...c, verdict: b } : c)),
    });
    const conflicts = (input: StoryComparisonInput) => compareStory(input, testTone, TEST_LEXICON).verdictConflicts;
    expect(conflicts(withVerdicts(verdict("v1", "TRUE"), verdict("v2", "MOSTLY_FALSE", "PROPOSED")))).toEqual([]);
    expect(conflicts(withVerdicts(verdict("v1", "TRUE"), verdict("v2", "TRUE", "PUBLISHED")))).toEqual([]);
    const [conflict] = conflicts(withVerdicts(verdict("v1", "TRUE"), verdict("v2", "MOSTLY_FALSE", "PUBLISHED")));
    expect(conflict?.verdicts.map((v) => [v.articleId, v.verdictId, v.rating])).toEqual([
      ["a000", "v1", "TRUE"],
      ["a003", "v2", "MOSTLY_FALSE"],
    ]);
  });

  it("measures tone per article with the injected measure and names the lexicon", () => {
    expect(result.tone.map((t) => [t.articleId, t.outlet])).toEqual([["a000", "Outlet A"], ["a003", "Outlet B"]]);
    expect(result.tone[1]!.highlights.map((h) => h.word)).toEqual(["chokehold", "duplicity", "hypocrisy"]);
    expect(result.lexicon).toEqual(TEST_LEXICON);
    expect(result.articles.map((a) => a.claimCount)).toEqual([12, 12]);
  });
});

describe("compareStory on made-up pairs", () => {
  const articles = [article("A", "Daily A", "Text A."), article("B", "Daily B", "Text B."), article("C", "Daily C", "Text C.")];

  it("flags figures, dates and claimants that disagree inside a matched cluster, and only there", () => {
    const claims = [
      claim("a1", "A", "ATACMS have ranges up to 190 miles, the ministry said.", { clusterId: "range", claimant: "the ministry" }),
      claim("b1", "B", "ATACMS have ranges up to 300 km, the Defense Ministry said.", { clusterId: "range", claimant: "Defense Ministry" }),
      claim("a2", "A", "The decision was taken on August 24.", { clusterId: "day" }),
      claim("b2", "B", "The decision was taken on August 22.", { clusterId: "day" }),
      claim("a3", "A", "More than 3,000 missiles were approved, Hegseth said.", { clusterId: "count", claimant: "Pete Hegseth" }),
      claim("b3", "B", "Some 2,000 missiles were approved, Colby said.", { clusterId: "count", claimant: "Elbridge Colby" }),
      claim("c3", "C", "3,000 missiles were approved, Hegseth said.", { clusterId: "count", claimant: "Defense Secretary Pete Hegseth" }),
      // Same figures as b3 but not matched to it: no contradiction.
      claim("c4", "C", "The decision was taken on August 20.", { clusterId: null }),
    ];
    const result = compareStory({ articles, claims }, testTone, TEST_LEXICON);
    const summary = result.contradictions.map((c) => [c.kind, c.clusterId, c.a.claimId, c.b.claimId, c.a.value, c.b.value]);
    expect(summary).toEqual([
      ["DATE", "day", "a2", "b2", "Aug 24", "Aug 22"],
      ["QUANTITY", "count", "a3", "b3", "> 3,000 missiles", "~ 2,000 missiles"],
      ["ATTRIBUTION", "count", "a3", "b3", "Pete Hegseth", "Elbridge Colby"],
      ["QUANTITY", "count", "b3", "c3", "~ 2,000 missiles", "3,000 missiles"],
      ["ATTRIBUTION", "count", "b3", "c3", "Elbridge Colby", "Defense Secretary Pete Hegseth"],
    ]);
    expect(result.contradictions[0]!.message).toBe("Dates differ: Aug 24 (Daily A) vs Aug 22 (Daily B)");
    expect(result.contradictions[2]!.message).toBe("Attributed to different claimants: Pete Hegseth (Daily A) vs Elbridge Colby (Daily B)");
  });

  it("finds who-reported-first conflicts in several phrasings, and none when both credit the same source", () => {
    const pair = (a: string, b: string) =>
      compareStory({ articles: [article("A", "Daily A", a), article("B", "Daily B", b)], claims: [] }, testTone, TEST_LEXICON).contradictions.map((c) => c.message);
    expect(pair("The plan was first reported by Politico on Monday.", "As Axios revealed, the plan changed.")).toEqual([
      'Who reported first: Politico (Daily A, "first reported by") vs Axios (Daily B)',
    ]);
    expect(pair("According to the BBC, the talks stalled.", "The Guardian, which was the first to report the talks, said they stalled.")).toEqual([
      'Who reported first: The BBC (Daily A) vs The Guardian (Daily B, "was the first to report")',
    ]);
    expect(pair("The Financial Times broke the story in May.", "Bloomberg News first reported the deal.")).toEqual([
      'Who reported first: The Financial Times (Daily A, "broke the story") vs Bloomberg News (Daily B, "first reported")',
    ]);
    // The same source under two names, or no "first" on either side: no conflict.
    expect(pair("The Wall Street Journal first reported the shift.", "According to the WSJ, the shift is real.")).toEqual([]);
    expect(pair("Reuters reported the shift.", "Politico reported the shift.")).toEqual([]);
    expect(pair("Officials reported the shift first.", "Politico first reported the shift.")).toEqual([]);
  });

  it("aligns clusters across any two of the articles and leaves single-article clusters outlet-only", () => {
    const claims = [
      claim("a1", "A", "One.", { clusterId: "k1", start: 10, end: 14 }),
      claim("a0", "A", "Zero.", { clusterId: "k2", start: 0, end: 5 }),
      claim("c1", "C", "One again.", { clusterId: "k1" }),
      claim("a2", "A", "Two.", { clusterId: "k2", start: 20, end: 24 }),
      claim("b1", "B", "Alone.", { clusterId: null }),
    ];
    const result = compareStory({ articles, claims }, testTone, TEST_LEXICON);
    expect(result.aligned).toEqual([
      {
        clusterId: "k1",
        cells: [
          { articleId: "A", claims: [expect.objectContaining({ id: "a1" })] },
          { articleId: "B", claims: [] },
          { articleId: "C", claims: [expect.objectContaining({ id: "c1" })] },
        ],
      },
    ]);
    expect(result.outletOnly.map((c) => c.claims.map((x) => x.id))).toEqual([["a0", "a2"], ["b1"], []]);
  });

  it("refuses claims of articles outside the story and repeated articles, naming them", () => {
    expect(() => compareStory({ articles, claims: [claim("x", "Z", "Lost.")] }, testTone, TEST_LEXICON)).toThrow(/claim x belongs to article Z/);
    expect(() => compareStory({ articles: [articles[0]!, articles[0]!], claims: [] }, testTone, TEST_LEXICON)).toThrow(/article A appears twice/);
  });
});
