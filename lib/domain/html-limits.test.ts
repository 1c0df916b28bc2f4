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

  it("ignores tags inside comments, scripts and styles", () => {
    expect(htmlNestingDepth("<div><!-- <div><div><div> --><script>if (a<b) document.write('<div><div>')</script></div>")).toBe(1);
  });

  it("measures a nested-div bomb and stops early past the limit", () => {
    const bomb = "<div>".repeat(1500) + "x" + "</div>".repeat(1500);
    expect(htmlNestingDepth(bomb)).toBe(1500);
    expect(htmlNestingDepth(bomb, MAX_HTML_DEPTH)).toBe(MAX_HTML_DEPTH + 1);
  });
});
