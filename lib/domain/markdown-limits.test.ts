import { describe, expect, it } from "vitest";
import { MARKDOWN_MAX_CONTAINERS, MARKDOWN_MAX_DELIMITER_RUNS, MARKDOWN_MAX_NESTING, markdownTooComplex, measureMarkdown } from "./markdown-limits";
import { blockText, parseMarkdownBlocks } from "./report/markdown-blocks";

/** Writing a fact-checker would save: nested lists and quotes a few levels deep, emphasis, code, links, "~" approximations. */
const REAL = [
  "**False.** The Pentagon approved *about* 3,000 missiles, not 30,000 ([DoD release](https://www.defense.gov/r)).",
  "- Sources:\n  - DoD release\n    - table 3, row 2\n      > quoted: \"~3,000 approved\"\n- Reuters, 12 May",
  "> The minister said:\n> > \"ranges up to 190 miles\"\n>\n> which the manufacturer's sheet confirms.",
  "1. First\n2. Second\n   1. nested\n      - deeper\n3. Third",
  "```json\n" + Array.from({ length: 30 }, (_, i) => " ".repeat(i * 2) + "{").join("\n") + "\n```\nThe data above is nested, not the Markdown.",
  Array.from({ length: 100 }, (_, i) => `~${i}% in _region_${i}`).join(", "),
];

describe("markdownTooComplex", () => {
  it("passes what fact-checkers write", () => {
    for (const text of REAL) expect(markdownTooComplex(text, "Rationale"), text).toBeNull();
  });

  it("refuses deep nesting of every kind, naming the limit", () => {
    const bombs = [
      ">".repeat(4999) + "x",
      "> ".repeat(40) + "x",
      "- ".repeat(20) + "x",
      "* ".repeat(20) + "x",
      "1. ".repeat(20) + "x",
      "9) ".repeat(20) + "x",
      "> - ".repeat(10) + "x",
      Array.from({ length: 60 }, (_, i) => " ".repeat(i * 2) + "- x").join("\n"),
      Array.from({ length: 40 }, (_, i) => "\t".repeat(i) + "> x").join("\n"),
      Array.from({ length: 70 }, (_, i) => ">".repeat(i + 1) + " x").join("\n"),
    ];
    for (const text of bombs) {
      expect(measureMarkdown(text).nesting, JSON.stringify(text.slice(0, 40))).toBeGreaterThan(MARKDOWN_MAX_NESTING);
      expect(markdownTooComplex(text, "A comment")).toMatch(/^A comment nests quotes or lists [\d,]+ levels deep; at most 16 can be shown\./);
    }
    expect(measureMarkdown("- ".repeat(MARKDOWN_MAX_NESTING) + "x").nesting).toBe(MARKDOWN_MAX_NESTING);
    expect(markdownTooComplex("- ".repeat(MARKDOWN_MAX_NESTING) + "x", "A comment")).toBeNull();
  });

  it("refuses a great many list items and quote levels in all, however shallow", () => {
    for (const text of [Array.from({ length: 30 }, () => "- ".repeat(16) + "x").join("\n"), Array.from({ length: 1000 }, () => "- ".repeat(3) + "x").join("\n"), "- x\n".repeat(2000)]) {
      expect(markdownTooComplex(text, "Rationale")).toMatch(/^Rationale has [\d,]+ list items and quote levels; at most 400 can be shown\./);
    }
    expect(markdownTooComplex("- x\n".repeat(MARKDOWN_MAX_CONTAINERS), "Rationale")).toBeNull();
    expect(markdownTooComplex("- x\n".repeat(MARKDOWN_MAX_CONTAINERS + 1), "Rationale")).not.toBeNull();
  });

  it("refuses a great many emphasis or code runs, counting a run once", () => {
    for (const text of ["*a ".repeat(400) + "b" + "*".repeat(400), "**a ".repeat(400), "`a".repeat(400), "_a".repeat(400), "~a".repeat(400)]) {
      expect(markdownTooComplex(text, "Rationale")).toMatch(/^Rationale has [\d,]+ runs of emphasis or code marks/);
    }
    expect(measureMarkdown("*".repeat(5000)).delimiterRuns).toBe(1);
    expect(markdownTooComplex("*a".repeat(MARKDOWN_MAX_DELIMITER_RUNS), "Rationale")).toBeNull();
    expect(markdownTooComplex("*a".repeat(MARKDOWN_MAX_DELIMITER_RUNS + 1), "Rationale")).not.toBeNull();
  });
});

describe("the PDF's Markdown blocks", () => {
  it("draw a text beyond the limits as one plain preformatted block instead of overflowing the stack", () => {
    const bomb = "- ".repeat(2499) + "x";
    const blocks = parseMarkdownBlocks(bomb);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ depth: 0, preformatted: true });
    expect(blockText(blocks[0]!)).toBe(bomb);
  });
});
