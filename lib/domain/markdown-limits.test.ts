import { describe, expect, it } from "vitest";
import { MARKDOWN_MAX_CODE_RUNS, MARKDOWN_MAX_EMPHASIS_MARKS, MARKDOWN_MAX_NESTING, MARKDOWN_MAX_STRUCTURES, markdownTooComplex, measureMarkdown } from "./markdown-limits";
import { blockText, parseMarkdownBlocks } from "./report/markdown-blocks";

/** Writing a fact-checker would save: nested lists and quotes a few levels deep, emphasis, code, links, headings. */
const REAL = [
  "**False.** The Pentagon approved *about* 3,000 missiles, not 30,000 ([DoD release](https://www.defense.gov/r)).",
  "- Sources:\n  - DoD release\n    - table 3, row 2\n      > quoted: \"~3,000 approved\"\n- Reuters, 12 May",
  "> The minister said:\n> > \"ranges up to 190 miles\"\n>\n> which the manufacturer's sheet confirms.",
  "1. First\n2. Second\n   1. nested\n      - deeper\n3. Third",
  "```json\n" + Array.from({ length: 30 }, (_, i) => " ".repeat(i * 2) + "{").join("\n") + "\n```\nThe data above is nested, not the Markdown.",
  Array.from({ length: 40 }, (_, i) => `~${i}% in _region_${i} ([source](https://example.org/r_${i}))`).join(", "),
  "## What was claimed\n\nText.\n\n## What we found\n\n" + "A line with a hard break  \n".repeat(10) + "\n---\n\n" + "Escaped marks \\*stay\\* \\_plain\\_. ".repeat(300),
];

describe("markdownTooComplex", () => {
  it("passes what fact-checkers write", () => {
    for (const text of REAL) expect(markdownTooComplex(text, "Rationale"), text.slice(0, 60)).toBeNull();
  });

  it("refuses deep nesting of every kind, naming the limit, inside a would-be code fence too", () => {
    const bombs = [
      ">".repeat(4999) + "x",
      "> ".repeat(40) + "x",
      "- ".repeat(20) + "x",
      "* ".repeat(20) + "x",
      "1. ".repeat(20) + "x",
      "9) ".repeat(20) + "x",
      "> - ".repeat(10) + "x",
      Array.from({ length: 20 }, (_, i) => " ".repeat(i * 2) + "- x").join("\n"),
      Array.from({ length: 20 }, (_, i) => "\t".repeat(i) + "> x").join("\n"),
      // Fences CommonMark does not open (a backtick in the info string, a tab or a no-break space before): the nesting after them counts.
      "```x`\n" + ">".repeat(4990),
      "\t```\n" + ">".repeat(4990),
      "\u00a0```\n" + ">".repeat(4990),
      "```\n" + ">".repeat(100) + "\n```",
    ];
    for (const text of bombs) {
      expect(measureMarkdown(text).nesting, JSON.stringify(text.slice(0, 40))).toBeGreaterThan(MARKDOWN_MAX_NESTING);
      expect(markdownTooComplex(text, "A comment")).toMatch(/^A comment nests quotes or lists [\d,]+ levels deep; at most 16 can be shown\./);
    }
    expect(markdownTooComplex("- ".repeat(MARKDOWN_MAX_NESTING) + "x", "A comment")).toBeNull();
  });

  it("refuses too many list items, headings, links and line breaks in all, however shallow", () => {
    const many = MARKDOWN_MAX_STRUCTURES + 1;
    for (const text of ["- a\n".repeat(many), "# a\n".repeat(many), "a\n=\n".repeat(many), "a\n---\n".repeat(many), "[a](b) ".repeat(many), "[a][b] ".repeat(many), "a  \n".repeat(many) + "a", "a\\\n".repeat(many) + "a", Array.from({ length: 7 }, () => "- ".repeat(16) + "x").join("\n")]) {
      expect(markdownTooComplex(text, "Rationale"), JSON.stringify(text.slice(0, 20))).toMatch(/^Rationale has [\d,]+ list items, quote levels, headings, links and line breaks; at most 100 can be shown\./);
    }
    expect(markdownTooComplex("- a\n".repeat(MARKDOWN_MAX_STRUCTURES), "Rationale")).toBeNull();
  });

  it("refuses walls and runs of emphasis marks, not escaped ones", () => {
    for (const text of ["*".repeat(2497) + "a" + "*".repeat(2497), "*a ".repeat(401), "_a".repeat(401), "**a ".repeat(201)]) {
      expect(markdownTooComplex(text, "Rationale")).toMatch(/^Rationale has [\d,]+ emphasis marks \(\* or _\); at most 400 can be shown\. Remove some, or write them as \\\* and \\_/);
    }
    expect(markdownTooComplex("*".repeat(MARKDOWN_MAX_EMPHASIS_MARKS), "Rationale")).toBeNull();
    expect(measureMarkdown("\\*".repeat(1000)).emphasisMarks).toBe(0);
    expect(markdownTooComplex("`a".repeat(MARKDOWN_MAX_CODE_RUNS + 1), "Rationale")).toMatch(/runs of code marks/);
    expect(measureMarkdown("`".repeat(5000)).codeRuns).toBe(1);
  });
});

describe("the PDF's Markdown blocks", () => {
  it("draw a text beyond the limits as one plain preformatted block instead of overflowing the stack", () => {
    for (const bomb of ["- ".repeat(2499) + "x", "```x`\n" + ">".repeat(4990), "*".repeat(2497) + "a" + "*".repeat(2497)]) {
      const blocks = parseMarkdownBlocks(bomb);
      expect(blocks).toHaveLength(1);
      expect(blocks[0]).toMatchObject({ depth: 0, preformatted: true });
      expect(blockText(blocks[0]!)).toBe(bomb);
    }
  });
});
