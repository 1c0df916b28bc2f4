import { describe, expect, it } from "vitest";
import { blockText, clickableUrl, parseMarkdownBlocks, type TextBlock } from "./markdown-blocks";

const allText = (blocks: TextBlock[]) => blocks.map(blockText).join("\n");
/** What a reader sees: list markers and text. */
const shownText = (blocks: TextBlock[]) => blocks.map((b) => `${b.marker ?? ""} ${blockText(b)}`).join("\n");
const runsOf = (source: string) => parseMarkdownBlocks(source).flatMap((block) => block.runs);
/** Each block as [depth, marker, text]. */
const outlineOf = (source: string) => parseMarkdownBlocks(source).map((b) => [b.depth, b.marker, blockText(b)]);

describe("parseMarkdownBlocks", () => {
  it("gives nothing for an empty rationale", () => {
    expect(parseMarkdownBlocks("")).toEqual([]);
    expect(parseMarkdownBlocks("  \n\n")).toEqual([]);
  });

  it("makes one block per paragraph; a line break inside a paragraph is a space, a hard break stays", () => {
    const blocks = parseMarkdownBlocks("First line\nsame paragraph.\n\nSecond paragraph  \nafter a hard break.");
    expect(blocks.map(blockText)).toEqual(["First line same paragraph.", "Second paragraph\nafter a hard break."]);
    expect(blocks.every((b) => b.depth === 0 && b.marker === null && !b.preformatted)).toBe(true);
  });

  it("styles strong, emphasis and inline code without their markers", () => {
    const runs = runsOf("Plain **bold** and *italic* and `x = 1` and ***both***.");
    expect(runs.map((r) => r.text).join("")).toBe("Plain bold and italic and x = 1 and both.");
    expect(runs.find((r) => r.text === "bold")).toMatchObject({ bold: true, italic: false, code: false });
    expect(runs.find((r) => r.text === "italic")).toMatchObject({ bold: false, italic: true });
    expect(runs.find((r) => r.text === "x = 1")).toMatchObject({ code: true, bold: false });
    expect(runs.find((r) => r.text === "both")).toMatchObject({ bold: true, italic: true });
    expect(runs.find((r) => r.text.startsWith("Plain"))).toMatchObject({ bold: false, italic: false, code: false, link: null });
  });

  it("keeps http(s) and mailto links clickable and the text of any other link as plain text", () => {
    const runs = runsOf(
      "[site](https://a.example/x) [old](http://b.example) [mail](mailto:desk@c.example) [js](javascript:alert(1)) [JS](JaVaScRiPt:alert(2)) [data](data:text/html,hi) [rel](/claims/1) <https://auto.example>",
    );
    const linkOf = (text: string) => runs.find((r) => r.text === text)?.link;
    expect(linkOf("site")).toBe("https://a.example/x");
    expect(linkOf("old")).toBe("http://b.example");
    expect(linkOf("mail")).toBe("mailto:desk@c.example");
    expect(linkOf("https://auto.example")).toBe("https://auto.example");
    const texts = runs.filter((r) => r.link === null).map((r) => r.text).join("");
    for (const word of ["js", "JS", "data", "rel"]) expect(texts).toContain(word);
    expect(runs.some((r) => r.link !== null && !/^(https?:|mailto:)/.test(r.link))).toBe(false);
  });

  it("resolves reference links to their definition and does not show the definition", () => {
    const blocks = parseMarkdownBlocks("See [the ministry][m] and [bad][j].\n\n[m]: https://ministry.example/data\n[j]: javascript:alert(1)");
    expect(blocks).toHaveLength(1);
    expect(blockText(blocks[0]!)).toBe("See the ministry and bad.");
    expect(blocks[0]!.runs.find((r) => r.text === "the ministry")?.link).toBe("https://ministry.example/data");
    expect(blocks[0]!.runs.find((r) => r.text.includes("bad"))?.link).toBeNull();
  });

  it("puts bullets and numbers (from the list's start) on the first block of each item, nested lists one level deeper", () => {
    expect(outlineOf("- one\n- two\n\n  3. nested\n  4. more\n\n  still two\n\n7. seven\n8. eight")).toEqual([
      [1, "•", "one"],
      [1, "•", "two"],
      [2, "3.", "nested"],
      [2, "4.", "more"],
      [1, null, "still two"],
      [1, "7.", "seven"],
      [1, "8.", "eight"],
    ]);
  });

  it("keeps a marker for an empty item and for an item that starts with another list", () => {
    expect(outlineOf("- \n- - inner")).toEqual([
      [1, "•", ""],
      [1, "•", ""],
      [2, "•", "inner"],
    ]);
  });

  it("draws headings bold and block quotes indented and italic", () => {
    const [heading, quote] = parseMarkdownBlocks("## Finding *one*\n\n> They said **this**.");
    expect(blockText(heading!)).toBe("Finding one");
    expect(heading!.runs.every((r) => r.bold)).toBe(true);
    expect(quote!.depth).toBe(1);
    expect(blockText(quote!)).toBe("They said this.");
    expect(quote!.runs.every((r) => r.italic)).toBe(true);
    expect(quote!.runs.find((r) => r.text === "this")).toMatchObject({ bold: true, italic: true });
  });

  it("keeps code blocks as preformatted code, line breaks and indentation included", () => {
    const [code] = parseMarkdownBlocks("```js\nconst a = 1;\n  if (a) {}\n```");
    expect(code).toMatchObject({ preformatted: true, runs: [{ code: true, text: "const a = 1;\n  if (a) {}" }] });
  });

  it("shows raw HTML as its literal text, inline and as a block", () => {
    const blocks = parseMarkdownBlocks("Not <b>bold</b> </script><script>alert(1)</script>\n\n<div onclick=\"x()\">block</div>");
    expect(blocks.map(blockText)).toEqual(["Not <b>bold</b> </script><script>alert(1)</script>", '<div onclick="x()">block</div>']);
    expect(blocks.flatMap((b) => b.runs).some((r) => r.bold || r.link)).toBe(false);
  });

  it("describes images instead of loading them, as the web does", () => {
    expect(allText(parseMarkdownBlocks("Chart: ![Budget 2025](https://img.example/c.png)"))).toBe("Chart: [image: Budget 2025]");
  });

  it("loses none of the rationale's words", () => {
    const source = [
      "# Summary of the *check*",
      "The **ministry's** figures (see [its report](https://m.example/r)) differ from `the claim` by 1,800 units.",
      "",
      "1. First reason",
      "2. Second reason, with [a bad link](javascript:void(0))",
      "   - nested detail",
      "",
      "> A quoted official & spokesperson",
      "",
      "***",
      "",
      "    indented code sample",
      "",
      "Ціни <i>зросли</i> — “quoted”.",
    ].join("\n");
    const words = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? [];
    const shown = new Set(words(shownText(parseMarkdownBlocks(source))));
    const expected = words(source.replace(/\]\([^)]*\)\)?/g, "]")); // link targets are not words of the text
    expect(expected.filter((word) => !shown.has(word))).toEqual([]);
  });
});

describe("clickableUrl", () => {
  it("allows http, https and mailto only", () => {
    expect(clickableUrl("https://x.example")).toBe("https://x.example");
    expect(clickableUrl("HTTP://x.example")).toBe("HTTP://x.example");
    expect(clickableUrl("mailto:a@x.example")).toBe("mailto:a@x.example");
    for (const url of ["javascript:alert(1)", " javascript:alert(1)", "data:text/html,x", "vbscript:x", "/relative", "https:no-slashes", "", null, undefined]) {
      expect(clickableUrl(url)).toBeNull();
    }
  });
});
