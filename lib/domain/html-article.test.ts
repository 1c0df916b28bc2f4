import { describe, expect, it } from "vitest";
import { extractReadableArticle } from "./html-article";

const paragraphs = [
  "The Pentagon has required a secretive approval process for Ukraine’s use of Army Tactical Missile Systems, officials said on Monday.",
  "More than 3,000 extended-range missiles have been approved for delivery to Ukraine, but they remain locked behind the approval system.",
  "ATACMS, with ranges up to 190 miles, could be used to strike Russian airbases, logistics hubs, and command centers far behind the front lines.",
];

function page(body: string) {
  return `<!doctype html><html><head><title>Fallback title</title>
  <meta property="og:title" content="Pentagon blocks long-range strikes">
  <meta property="og:site_name" content="Example Herald">
  <meta name="author" content="Jane Reporter">
  <meta property="article:published_time" content="2025-08-24T10:00:00Z">
  <script>window.tracking = { a: 1 };</script></head><body>
  <nav><a href="/">Home</a> <a href="/world">World</a></nav>${body}
  <footer>Show your support if you like our work.</footer></body></html>`;
}

describe("extractReadableArticle", () => {
  it("keeps the article's paragraphs as blank-line separated text and drops navigation and scripts", () => {
    const html = page(`<article><h1>Pentagon blocks long-range strikes</h1>${paragraphs.map((p) => `<p>${p}</p>`).join("")}</article>`);
    const result = extractReadableArticle(html);
    for (const p of paragraphs) expect(result.text).toContain(p);
    expect(result.text).toContain(`${paragraphs[0]}\n\n${paragraphs[1]}`);
    expect(result.text).not.toContain("window.tracking");
    expect(result.text).not.toContain("Home");
  });

  it("pre-fills metadata from the page", () => {
    const result = extractReadableArticle(page(`<article>${paragraphs.map((p) => `<p>${p}</p>`).join("")}</article>`));
    expect(result.title).toBe("Pentagon blocks long-range strikes");
    expect(result.outlet).toBe("Example Herald");
    expect(result.author).toBe("Jane Reporter");
    expect(result.publishedAt).toBe("2025-08-24T10:00:00Z");
  });

  it("finds no readable text in a page that is mostly script", () => {
    const html = `<html><head><title>App</title></head><body><div id="root"></div>${"<script>var x = 1;</script>".repeat(200)}</body></html>`;
    expect(extractReadableArticle(html).text.length).toBeLessThan(20);
  });
});
