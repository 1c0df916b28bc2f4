import { describe, expect, it } from "vitest";
import { parseCsv } from "../report/csv-test-helpers";
import { compareStory } from "./compare";
import { STORY_CSV_COLUMNS, STORY_JSON_FORMAT, STORY_JSON_SCHEMA_VERSION, storyComparisonCsv, storyComparisonJson } from "./export";
import { article, claim, demoStory, testTone, TEST_LEXICON } from "./test-fixtures";
import type { StoryComparison } from "./types";

const demo = compareStory(demoStory(), testTone, TEST_LEXICON);

/** A small comparison with one aligned pair carrying a verdict conflict and a figure contradiction. */
function small(text = "More than 3,000 missiles were approved."): StoryComparison {
  const articles = [article("A", "Daily A", "Text A is chokehold."), article("B", "Daily B", "Text B.")];
  const claims = [
    claim("a1", "A", text, { clusterId: "k", claimant: "Pete Hegseth", verdict: { id: "va", rating: "TRUE", label: "True", state: "APPROVED" } }),
    claim("b1", "B", "2,000 missiles were approved.", { clusterId: "k", verdict: { id: "vb", rating: "FALSE", label: "False", state: "PUBLISHED" } }),
    claim("b2", "B", "Only here.", { start: 40, end: 50 }),
  ];
  return compareStory({ articles, claims }, testTone, TEST_LEXICON);
}

function records(csv: string) {
  expect(csv.startsWith("\uFEFF")).toBe(true);
  const [head, ...rest] = parseCsv(csv.slice(1));
  expect(head).toEqual([...STORY_CSV_COLUMNS]);
  return rest.map((r) => Object.fromEntries(STORY_CSV_COLUMNS.map((c, i) => [c, r[i]!])));
}

describe("storyComparisonCsv", () => {
  it("has one record per article, aligned claim, outlet-only claim, contradiction side, conflicting verdict, and the lexicon", () => {
    const rows = records(storyComparisonCsv(small(), { storyId: "s1", title: "Missiles", generatedAt: "2026-12-01T12:00:00.000Z" }));
    expect(rows.map((r) => [r.Section, r["Article ID"], r["Claim ID"]])).toEqual([
      ["Story", "", ""],
      ["Article", "A", ""],
      ["Article", "B", ""],
      ["Aligned claim", "A", "a1"],
      ["Aligned claim", "B", "b1"],
      ["Outlet-only claim", "B", "b2"],
      ["Contradiction", "A", "a1"],
      ["Contradiction", "B", "b1"],
      ["Verdict conflict", "A", "a1"],
      ["Verdict conflict", "B", "b1"],
      ["Tone lexicon", "", ""],
    ]);
    const articleA = rows[1]!;
    expect(articleA).toMatchObject({ Outlet: "Daily A", Claims: "1", Words: "4", "Loaded words": "1", "Loaded share": "0.25", "Highlighted words": "chokehold" });
    expect(rows[3]).toMatchObject({ "Cluster ID": "k", Claimant: "Pete Hegseth", Verdict: "True", "Verdict rating": "TRUE", "Verdict state": "APPROVED" });
    expect(rows[6]).toMatchObject({ Kind: "QUANTITY", Value: "> 3,000 missiles", Message: "Figures differ: > 3,000 missiles (Daily A) vs 2,000 missiles (Daily B)" });
    expect(rows[9]).toMatchObject({ Verdict: "False", "Verdict rating": "FALSE", "Verdict state": "PUBLISHED" });
    expect(rows[10]).toMatchObject({ Text: "test-lexicon 0.0.0", URL: "https://lexicon.example/" });
  });

  it("neutralises formula-looking cells and keeps line breaks inside quoted cells", () => {
    const rows = records(storyComparisonCsv(small("=HYPERLINK(\"http://evil\",\"3,000 missiles\")\nsecond line")));
    const text = rows.find((r) => r["Claim ID"] === "a1")!.Text;
    expect(text).toBe("'=HYPERLINK(\"http://evil\",\"3,000 missiles\")\nsecond line");
  });

  it("exports the demo story: the Reuters-vs-WSJ conflict on two records and the Hegseth pair aligned", () => {
    const rows = records(storyComparisonCsv(demo));
    const first = rows.filter((r) => r.Kind === "FIRST_REPORT");
    expect(first.map((r) => [r.Outlet, r.Value])).toEqual([["Outlet A", "Reuters"], ["Outlet B", "The Wall Street Journal"]]);
    expect(rows.filter((r) => r.Section === "Aligned claim" && /Pete Hegseth\.$/.test(r.Text!))).toHaveLength(2);
    expect(rows.filter((r) => r.Section === "Outlet-only claim")).toHaveLength(demo.outletOnly.flatMap((c) => c.claims).length);
  });
});

describe("storyComparisonJson", () => {
  it("is a versioned document without article texts that round-trips the comparison", () => {
    const json = storyComparisonJson(demo, { storyId: "s1" });
    const doc = JSON.parse(json);
    expect(doc).toMatchObject({ format: STORY_JSON_FORMAT, schemaVersion: STORY_JSON_SCHEMA_VERSION, story: { storyId: "s1" } });
    expect(STORY_JSON_SCHEMA_VERSION).toBe(1);
    expect(doc.articles.map((a: Record<string, unknown>) => "text" in a)).toEqual([false, false]);
    expect(doc.articles.map((a: Record<string, unknown>) => a.outlet)).toEqual(["Outlet A", "Outlet B"]);
    const { articles: _a, ...rest } = demo;
    const { articles: _b, format: _f, schemaVersion: _v, story: _s, ...docRest } = doc;
    expect(docRest).toEqual(JSON.parse(JSON.stringify(rest)));
  });

  it("escapes U+2028 and U+2029 so no reader sees a line end inside a string", () => {
    const json = storyComparisonJson(small("3,000 missiles\u2028were\u2029approved."));
    expect(json).not.toMatch(/[\u2028\u2029]/);
    expect(JSON.parse(json).aligned[0].cells[0].claims[0].text).toBe("3,000 missiles\u2028were\u2029approved.");
  });
});
