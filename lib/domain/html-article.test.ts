import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { extractReadableArticle, looksLikeHtml } from "./html-article";

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

const REAL_WORLD = path.join(__dirname, "../../../shared/fixtures/real-world/www");
const sample = (name: string) => fs.readFileSync(path.join(REAL_WORLD, name), "utf8");
const article = (body: string, head = "") => `<!doctype html><html><head><meta charset="utf-8"><title>T</title>${head}</head><body><article>${body}</article></body></html>`;
const LONG = "The ministry said the program had cost more than 40 million dollars over the past five years, according to the report.";

describe("layout boundaries survive in the snapshot", () => {
  it("separates sentences joined by <br> inside one paragraph (real-world sample br.html)", () => {
    const { text } = extractReadableArticle(sample("br.html"));
    expect(text).toContain("late on Tuesday night. The ministry said");
    expect(text).not.toMatch(/night\.The/);
  });

  it("never glues table cells, so numbers in a row stay apart (br.html)", () => {
    const { text } = extractReadableArticle(sample("br.html"));
    expect(text).not.toContain("Northgate1452");
    expect(text).toMatch(/Northgate\s+14\s+52/);
    expect(text).toMatch(/Riverside\s+9\s+31/);
    // Each row is a paragraph of its own, never run into the sentence before or after it.
    expect(text).toMatch(/\n\nNorthgate\s+14\s+52\n\n/);
  });

  it.each([
    ["a <br> between words", `<p>${LONG}<br>Officials said 12 people were hurt in the first attack on the city.</p>`, /report\. Officials said/],
    ["a <br/> between two numbers", `<p>${LONG} Totals:<br/>1,200<br/>3,400 shells were fired in the first week of the offensive.</p>`, /1,200\s+3,400/],
    ["list items", `<p>${LONG}</p><ul><li>Northgate 14</li><li>52 injured in the south district</li></ul>`, /Northgate 14\n\n52 injured/],
    ["headings", `<p>${LONG}</p><h2>Costs</h2><p>Officials said 12 people were hurt in the first attack on the city.</p>`, /\n\nCosts\n\nOfficials/],
    ["div blocks", `<div>${LONG}</div><div>Officials said 12 people were hurt in the first attack on the city.</div>`, /report\.\n\nOfficials/],
    ["blockquotes", `<p>${LONG}</p><blockquote>We fired 300 rockets.</blockquote><p>Officials said 12 people were hurt in the attack.</p>`, /\n\nWe fired 300 rockets\.\n\n/],
    ["table cells without white space", `<p>${LONG}</p><table><tr><td>Kyiv</td><td>120</td><td>45</td></tr></table><p>Officials said 12 people were hurt in the first attack.</p>`, /Kyiv\s+120\s+45/],
  ])("separates %s", (_label, body, expected) => {
    const { text } = extractReadableArticle(article(body));
    expect(text).toMatch(expected);
  });

  it("turns two <br> in a row into a paragraph break", () => {
    const { text } = extractReadableArticle(article(`<p>${LONG}<br><br>Officials said 12 people were hurt in the first attack on the city.</p>`));
    expect(text).toContain("report.\n\nOfficials said 12 people");
  });
});

describe("captions, datelines, bylines and related boxes are not article text", () => {
  it("leaves out a <figcaption> (real-world sample figcaption.html)", () => {
    const { text } = extractReadableArticle(sample("figcaption.html"));
    expect(text).not.toContain("howitzer");
    expect(text).not.toContain("2,000 shells a week");
    expect(text).toContain("400,000 rounds");
  });

  it("leaves out a photo caption and credit in the text flow (real-world sample caption.html)", () => {
    const { text } = extractReadableArticle(sample("caption.html"));
    expect(text).not.toContain("116 countries");
    expect(text).not.toContain("Jane Roe");
    expect(text).toContain("more than $40 million a year");
  });

  it.each([
    ["a WordPress caption", `<div class="wp-caption"><img src="a.jpg"><p class="wp-caption-text">Troops unload 500 shells at the depot.</p></div>`],
    ["a caption div", `<div class="article-image"><img src="a.jpg"><div class="image-caption">Troops unload 500 shells at the depot.</div></div>`],
    ["a related box", `<div class="related-stories"><h3>Related</h3><p>Troops unload 500 shells at the depot.</p></div>`],
    ["an aside", `<aside><p>Troops unload 500 shells at the depot.</p></aside>`],
    ["a figure's caption", `<figure><img src="a.jpg"><figcaption><span>Troops unload 500 shells at the depot.</span></figcaption></figure>`],
  ])("leaves out %s", (_label, furniture) => {
    const { text } = extractReadableArticle(article(`<p>${LONG}</p>${furniture}<p>Officials said 12 people were hurt in the first attack on the city.</p>`));
    expect(text).not.toContain("500 shells");
    expect(text).toContain("12 people were hurt");
  });

  it("never takes a dateline for the author (real-world sample dateline.html)", () => {
    const result = extractReadableArticle(sample("dateline.html"));
    expect(result.author).toBeNull();
    expect(result.authors).toEqual([]);
    expect(result.text).not.toContain("KYIV, Ukraine (AP)");
    expect(result.text.startsWith("Ukraine's military said on Monday")).toBe(true);
  });

  it.each([
    `<p><span class="dateline">WASHINGTON —</span> ${LONG}</p>`,
    `<p><b class="byline">LONDON (Reuters) -</b> ${LONG}</p>`,
    `<div class="byline">BEIRUT, Lebanon (AP) —</div><p>${LONG}</p>`,
  ])("never takes another dateline for the author: %s", (body) => {
    const result = extractReadableArticle(article(`${body}<p>Officials said 12 people were hurt in the first attack on the city.</p>`));
    expect(result.author).toBeNull();
    expect(result.text).toContain("40 million dollars");
  });

  it("takes a real byline, without 'By'", () => {
    const result = extractReadableArticle(article(`<p class="byline">By Maria Lopez</p><p>${LONG}</p><p>Officials said 12 people were hurt in the first attack on the city.</p>`));
    expect(result.author).toBe("Maria Lopez");
    expect(result.text).not.toContain("Maria Lopez");
  });

  it("gives all authors of several <meta name=author> tags, in order", () => {
    const head = `<meta name="author" content="Jane Reporter"><meta name="author" content="Ahmed Khan"><meta name="author" content="Li Wei">`;
    const result = extractReadableArticle(article(`<p>${LONG}</p><p>Officials said 12 people were hurt in the first attack on the city.</p>`, head));
    expect(result.authors).toEqual(["Jane Reporter", "Ahmed Khan", "Li Wei"]);
    expect(result.author).toBe("Jane Reporter, Ahmed Khan, Li Wei");
  });
});

describe("odd HTML", () => {
  it("reads a bare fragment without <html> or <body>", () => {
    const result = extractReadableArticle(`<p>${LONG}</p><p>Officials said 12 people were hurt.</p>`);
    expect(result.text).toBe(`${LONG}\n\nOfficials said 12 people were hurt.`);
  });

  it.each(["", "   ", "<", "<<<>>>", "<p>", "</div></div>", "<html>", "plain words & more <3 love"])("never throws on %j", (input) => {
    expect(() => extractReadableArticle(input)).not.toThrow();
  });

  it("tells tagged HTML from plain text", () => {
    expect(looksLikeHtml("<p>Hi</p>")).toBe(true);
    expect(looksLikeHtml("<!doctype html>")).toBe(true);
    expect(looksLikeHtml("Just words, 3 < 4 and 5 > 2.")).toBe(false);
  });
});
