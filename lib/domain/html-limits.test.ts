import { describe, expect, it } from "vitest";
import {
  HTML_IMPORT_LIMITS,
  htmlLimitRefusal,
  htmlNestingDepth,
  MAX_HTML_ATTRIBUTES,
  MAX_HTML_ATTRIBUTES_PER_ELEMENT,
  MAX_HTML_DEPTH,
  MAX_HTML_ELEMENTS,
  MAX_HTML_NESTING_TOTAL,
  MAX_HTML_TEXT_PIECES,
  measureHtml,
  type HtmlLimits,
} from "./html-limits";

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

/** A page with an article paragraph and `body` after it. */
const page = (body: string) => `<!doctype html><html><head><title>T</title></head><body><p>The council approved $4.5 million on Monday.</p>${body}</body></html>`;
/** `n` elements with `each` attributes apiece. */
const withAttributes = (n: number, each: number) => `<i ${Array.from({ length: each }, (_, i) => `a${i}="v"`).join(" ")}>x</i>`.repeat(n);

describe("measureHtml", () => {
  it("counts elements (void and implied ones too), text pieces, attributes and nesting in one pass", () => {
    const { shape, broken } = measureHtml('<div id="a" class="b"><p>one &amp; two<br>three</p><!-- note --></p></div>');
    // div, p, br, and the <p> a stray </p> opens.
    expect(shape.elements).toBe(4);
    // "one ", "&", " two", "three", the comment.
    expect(shape.textPieces).toBe(5);
    expect(shape.attributes).toBe(2);
    expect(shape.attributesPerElement).toBe(2);
    expect(shape.depth).toBe(2);
    // div 1 + p 2 + the implied p 2 (br is void).
    expect(shape.nestingTotal).toBe(5);
    expect(broken).toBeNull();
  });

  const none: HtmlLimits = { depth: Infinity, nestingTotal: Infinity, elements: Infinity, textPieces: Infinity, attributes: Infinity, attributesPerElement: Infinity };
  it.each<[keyof HtmlLimits, string, number]>([
    // <p> and 10 <span>s.
    ["elements", "<span>a</span>".repeat(10), 11],
    ["textPieces", "&amp;".repeat(10), 10],
    ["attributes", withAttributes(5, 2), 10],
    ["attributesPerElement", withAttributes(1, 11), 11],
    // <p> 1, then twice <b> 2 + 3 + 4.
    ["nestingTotal", "<b><b><b>x</b></b></b>".repeat(2), 19],
  ])("stops at the first figure past its limit (%s: %s)", (limit, body, over) => {
    const html = `<p>${body}</p>`;
    expect(measureHtml(html, { ...none, [limit]: over - 1 }).broken).toBe(limit);
    expect(measureHtml(html, { ...none, [limit]: over }).broken).toBeNull();
  });
});

describe("htmlLimitRefusal (the import's limits)", () => {
  it("lets a page within every limit through", () => {
    const article = page(`<article class="story" data-id="1">${'<p class="body">Figures rose by 4.5% &ndash; more than expected.</p>'.repeat(2000)}</article>`);
    expect(htmlLimitRefusal(article)).toBeNull();
  });

  // Each page is just past one limit and within the others; the message names that limit and its figure.
  it.each<[string, string, string]>([
    ["elements", "<span>a</span>".repeat(MAX_HTML_ELEMENTS), "more than 30,000 HTML elements"],
    ["text pieces (character references)", `<p>${"&amp;".repeat(MAX_HTML_TEXT_PIECES)}</p>`, "more than 60,000 pieces of text"],
    ["text pieces (comments)", "a<!---->".repeat(MAX_HTML_TEXT_PIECES / 2), "more than 60,000 pieces of text"],
    ["attributes", withAttributes(MAX_HTML_ATTRIBUTES / 20 + 1, 20), "more than 100,000 attributes on its elements"],
    ["attributes on one element", withAttributes(1, MAX_HTML_ATTRIBUTES_PER_ELEMENT + 1), "An element of this page has more than 100 attributes"],
    ["nesting in all", `${"<span>".repeat(200)}x${"</span>".repeat(200)}`.repeat(Math.ceil(MAX_HTML_NESTING_TOTAL / 20_000)), "more than 1,000,000 levels in all"],
    ["depth", `${"<div>".repeat(MAX_HTML_DEPTH + 1)}x`, "more than 256 levels deep"],
  ])("refuses a page past the limit on %s, naming it", (_what, body, words) => {
    const refusal = htmlLimitRefusal(page(body));
    expect(refusal).toContain(words);
    expect(refusal).toContain("(the limit for imported HTML); nothing was imported. Paste the article's text instead.");
  });

  it("keeps each limit at least twice what the largest real news pages have (15,000 elements, 30 levels on average)", () => {
    expect(HTML_IMPORT_LIMITS.elements).toBeGreaterThanOrEqual(2 * 15_000);
    expect(HTML_IMPORT_LIMITS.nestingTotal).toBeGreaterThanOrEqual(2 * 15_000 * 30);
    expect(HTML_IMPORT_LIMITS.textPieces).toBeGreaterThanOrEqual(2 * 2 * 15_000);
    expect(HTML_IMPORT_LIMITS.attributes).toBeGreaterThanOrEqual(15_000 * 4);
  });
});
