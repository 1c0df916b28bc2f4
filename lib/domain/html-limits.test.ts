import { describe, expect, it } from "vitest";
import { htmlNestingDepth, MAX_HTML_DEPTH } from "./html-limits";

describe("htmlNestingDepth", () => {
  it("counts open elements, not void, self-closing or closed ones", () => {
    expect(htmlNestingDepth("<html><body><div><p>a<br>b<img src=x /></p></div><p>c</p></body></html>")).toBe(4);
  });

  it("recovers from unclosed elements the way parsers do (a closing tag closes its open match)", () => {
    expect(htmlNestingDepth("<ul><li>a<li>b<li>c</ul><p>x</p>")).toBe(2);
    expect(htmlNestingDepth("<div><ul><li>a<li>b<li>c</ul></div><div>y</div>")).toBe(3);
    expect(htmlNestingDepth("<body>" + "<p>unclosed paragraph".repeat(1000) + "<div>x</div></body>")).toBe(2);
  });

  it("ignores tags inside comments, scripts and styles (the script element itself is one level)", () => {
    expect(htmlNestingDepth("<div><!-- <div><div><div> --><script>if (a<b) document.write('<div><div>')</script></div>")).toBe(2);
    expect(htmlNestingDepth("<div><style>p > a { color: red } <div><div></style></div>")).toBe(2);
  });

  it("measures a nested-div bomb and stops early past the limit", () => {
    const bomb = "<div>".repeat(1500) + "x" + "</div>".repeat(1500);
    expect(htmlNestingDepth(bomb)).toBe(1500);
    expect(htmlNestingDepth(bomb, MAX_HTML_DEPTH)).toBe(MAX_HTML_DEPTH + 1);
  });

  // Each of these nests 2,000 elements in the tree the import's HTML parser (linkedom, on htmlparser2)
  // builds, where parsing alone grows faster than the input: they must be measured as that parser reads them.
  it.each([
    ["tag names with characters after the letters", "<d_>"],
    ["a self-closing slash on an element that is not void", "<div/>"],
  ])("measures nesting through %s", (_what, open) => {
    expect(htmlNestingDepth(`<body>${open.repeat(2000)}x</body>`, MAX_HTML_DEPTH)).toBeGreaterThan(MAX_HTML_DEPTH);
  });

  it.each(["noscript", "iframe", "noembed", "noframes"])("measures elements inside <%s>, which the parser reads as markup", (tag) => {
    expect(htmlNestingDepth(`<body><${tag}>${"<div>".repeat(2000)}x</body>`, MAX_HTML_DEPTH)).toBeGreaterThan(MAX_HTML_DEPTH);
  });

  it("honours a self-closing slash inside SVG and MathML, as the parser does", () => {
    const icon = `<svg viewBox="0 0 10 10">${'<path d="M0 0h1"/>'.repeat(2000)}</svg>`;
    expect(htmlNestingDepth(`<body><p>${icon}</p></body>`)).toBeLessThan(6);
  });
});
