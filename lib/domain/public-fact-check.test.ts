import { describe, expect, it } from "vitest";
import { factCheckUrl, publicNotes, renderAtomFeed, renderClaimReviewDataFeed, type FeedEntry } from "./public-fact-check";

const d = (s: string) => new Date(s);

describe("public fact-check addresses", () => {
  it("puts the page under the base URL, keeping a path prefix and ignoring a trailing slash", () => {
    expect(factCheckUrl("https://app.example", "c1")).toBe("https://app.example/fact-checks/c1");
    expect(factCheckUrl("https://news.example/checks/", "c1")).toBe("https://news.example/checks/fact-checks/c1");
    expect(() => factCheckUrl("not a url", "c1")).toThrow(TypeError);
  });
});

describe("correction and retraction notes", () => {
  const versions = [
    { label: "Mostly true", publishedAt: d("2026-12-01T10:00:00Z") },
    { label: "Misleading", publishedAt: d("2026-12-04T09:00:00Z") },
  ];

  it("dates each republication and gives the last reopen reason before it", () => {
    const notes = publicNotes(versions, [
      { action: "claim.reopen", at: d("2026-12-02T08:00:00Z"), reason: "An earlier reason." },
      { action: "claim.reopen", at: d("2026-12-03T08:00:00Z"), reason: "The agency revised its figures." },
    ]);
    expect(notes).toEqual([
      {
        kind: "CORRECTION",
        at: d("2026-12-04T09:00:00Z"),
        text: "Updated 2026-12-04: rating changed from Mostly true to Misleading because the agency revised its figures.",
      },
    ]);
  });

  it("says the rating stayed when only the fact-check changed, keeps acronyms, and lists retractions in time order", () => {
    const same = [versions[0]!, { label: "Mostly true", publishedAt: d("2026-12-05T00:00:00Z") }];
    const notes = publicNotes(same, [
      { action: "claim.reopen", at: d("2026-12-02T00:00:00Z"), reason: "BLS corrected a table" },
      { action: "claim.retract", at: d("2026-12-06T00:00:00Z"), reason: "The source was forged." },
    ]);
    expect(notes.map((n) => n.text)).toEqual([
      "Updated 2026-12-05: the fact-check was revised (rating still Mostly true) because BLS corrected a table.",
      "Retracted 2026-12-06: The source was forged.",
    ]);
    expect(publicNotes([versions[0]!], [])).toEqual([]);
  });
});

describe("feeds", () => {
  const entry: FeedEntry = {
    claimId: "c1",
    claim: 'Prices rose <b>"50%"</b> & more\u0000',
    label: "False",
    published: d("2026-12-01T10:00:00Z"),
    updated: d("2026-12-04T09:00:00Z"),
    retracted: false,
    note: "Updated 2026-12-04: rating changed.",
    summary: "Because.",
  };

  it("writes well-formed Atom with escaped text, entry ids at the public page and paging links", () => {
    const xml = renderAtomFeed({ deskName: "Desk & Co", baseUrl: "https://news.example", entries: [entry], page: 2, hasNext: true });
    expect(xml).toContain("<title>Desk &amp; Co: fact-checks</title>");
    expect(xml).toContain("<title>False: Prices rose &lt;b&gt;&quot;50%&quot;&lt;/b&gt; &amp; more</title>");
    expect(xml).not.toContain("\u0000");
    expect(xml).toContain("<id>https://news.example/fact-checks/c1</id>");
    expect(xml).toContain("<updated>2026-12-04T09:00:00.000Z</updated>");
    expect(xml).toContain("<published>2026-12-01T10:00:00.000Z</published>");
    expect(xml).toContain('<link rel="next" href="https://news.example/fact-checks/feed.atom?page=3"/>');
    expect(xml).toContain('<link rel="previous" href="https://news.example/fact-checks/feed.atom"/>');
    const retracted = renderAtomFeed({ deskName: "D", baseUrl: "https://n.example", entries: [{ ...entry, retracted: true, label: null }], page: 1, hasNext: false });
    expect(retracted).toContain("<title>Retracted: Prices");
    expect(retracted).not.toContain('rel="next"');
  });

  it("wraps each ClaimReview in a DataFeedItem with its creation and modification dates", () => {
    const feed = renderClaimReviewDataFeed({
      deskName: "Desk",
      baseUrl: "https://news.example",
      items: [{ review: { "@type": "ClaimReview", url: "https://news.example/fact-checks/c1" }, published: entry.published, updated: entry.updated }],
      page: 1,
      hasNext: false,
    });
    expect(feed).toEqual({
      "@context": "https://schema.org",
      "@type": "DataFeed",
      name: "Desk: ClaimReview feed",
      url: "https://news.example/fact-checks/claimreview.json",
      dateModified: "2026-12-04T09:00:00.000Z",
      dataFeedElement: [
        {
          "@type": "DataFeedItem",
          dateCreated: "2026-12-01T10:00:00.000Z",
          dateModified: "2026-12-04T09:00:00.000Z",
          item: [{ "@type": "ClaimReview", url: "https://news.example/fact-checks/c1" }],
        },
      ],
    });
  });
});
