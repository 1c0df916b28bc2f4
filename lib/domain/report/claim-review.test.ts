import { describe, expect, it } from "vitest";
import { DEFAULT_VERDICT_SCALE, type VerdictRating } from "../verdict-scale";
import { ratingBounds, serializeJsonLd, toClaimReview } from "./claim-review";
import { createReportStreamWriter } from "./formats";
import { claimInput, entry, reportHeader } from "./test-fixtures";

const bounds = ratingBounds(DEFAULT_VERDICT_SCALE);
const v = claimInput().verdict!;

/** Google's required ClaimReview properties (developers.google.com/search/docs/appearance/structured-data/factcheck). */
function expectGoogleRequired(review: Record<string, unknown>) {
  expect(review["@context"]).toBe("https://schema.org");
  expect(review["@type"]).toBe("ClaimReview");
  expect(typeof review.claimReviewed).toBe("string");
  expect((review.claimReviewed as string).length).toBeGreaterThan(0);
  expect(() => new URL(review.url as string)).not.toThrow();
  const rating = review.reviewRating as Record<string, unknown>;
  expect(rating["@type"]).toBe("Rating");
  expect(typeof rating.alternateName).toBe("string");
  expect((rating.alternateName as string).length).toBeGreaterThan(0);
}

describe("ClaimReview", () => {
  it("has Google's required and recommended fields for a published verdict", () => {
    const review = toClaimReview(entry(), reportHeader(), bounds)!;
    expectGoogleRequired(review);
    expect(review).toEqual({
      "@context": "https://schema.org",
      "@type": "ClaimReview",
      url: "https://app.example/fact-checks/claim-1",
      claimReviewed: "More than 3,000 missiles were delivered",
      datePublished: "2026-02-01T10:00:00.000Z",
      creativeWorkStatus: "Published",
      author: { "@type": "Organization", name: "Test Desk", url: "https://desk.example/" },
      reviewRating: { "@type": "Rating", ratingValue: 2, bestRating: 5, worstRating: 1, alternateName: "Mostly false", name: "Mostly false" },
      itemReviewed: {
        "@type": "Claim",
        author: { "@type": "Organization", name: "The Outlet" },
        datePublished: "2026-01-20T08:00:00.000Z",
        appearance: {
          "@type": "NewsArticle",
          url: "https://news.example/a",
          headline: "The article",
          datePublished: "2026-01-20T08:00:00.000Z",
          author: { "@type": "Person", name: "Jane Writer" },
          publisher: { "@type": "Organization", name: "The Outlet" },
        },
      },
    });
  });

  it.each([
    ["TRUE", 5, "True"],
    ["HALF_TRUE", 3, "Half true / Mixed"],
    ["MISLEADING", 2, "Misleading"],
    ["FALSE", 1, "False"],
  ])("maps %s to rating %i named %s", (rating, value, label) => {
    const review = toClaimReview(entry({ verdict: { ...v, rating } }), reportHeader(), bounds)!;
    expect(review.reviewRating).toMatchObject({ ratingValue: value, bestRating: 5, worstRating: 1, alternateName: label });
  });

  it.each(["UNPROVEN", "NOT_CHECKABLE"])("gives %s a textual rating only (no number, no bounds)", (rating) => {
    const review = toClaimReview(entry({ verdict: { ...v, rating } }), reportHeader(), bounds)!;
    expectGoogleRequired(review);
    const r = review.reviewRating as Record<string, unknown>;
    expect(r).not.toHaveProperty("ratingValue");
    expect(r).not.toHaveProperty("bestRating");
    expect(r).not.toHaveProperty("worstRating");
    expect(r.alternateName).toBe(rating === "UNPROVEN" ? "Unproven" : "Not checkable / opinion");
  });

  it("takes the best and worst rating from the scale", () => {
    const scale: VerdictRating[] = DEFAULT_VERDICT_SCALE.map((r) => ({ ...r, ratingValue: r.ratingValue === null ? null : Math.min(4, r.ratingValue) }));
    expect(ratingBounds(scale)).toEqual({ best: 4, worst: 1 });
    expect(ratingBounds(DEFAULT_VERDICT_SCALE.map((r) => ({ ...r, ratingValue: null })))).toEqual({ best: 5, worst: 1 });
  });

  it("reviews only published verdicts by default; with work in progress, others as drafts without a date", () => {
    const approved = entry({ status: "APPROVED", verdict: { ...v, state: "APPROVED", publishedAt: null } });
    const proposed = entry({ status: "PROPOSED", verdict: { ...v, state: "PROPOSED", approvedAt: null, approvedByName: null, publishedAt: null } });
    const none = entry({ status: "NEW", verdict: null });
    expect(toClaimReview(approved, reportHeader(), bounds)).toBeNull();
    expect(toClaimReview(proposed, reportHeader(), bounds)).toBeNull();
    const wipHeader = reportHeader({ includesWorkInProgress: true });
    const draft = toClaimReview(proposed, wipHeader, bounds)!;
    expectGoogleRequired(draft);
    expect(draft.creativeWorkStatus).toBe("Draft");
    expect(draft).not.toHaveProperty("datePublished");
    expect(toClaimReview(none, wipHeader, bounds)).toBeNull();
  });

  it("leaves out what is unknown instead of writing empty values", () => {
    const bare = entry({ article: { id: "a", title: "T", outlet: "O", author: null, url: null, publishedAt: null } });
    const review = toClaimReview(bare, reportHeader({ desk: { name: "Desk", url: null } }), bounds)!;
    expect(review.author).toEqual({ "@type": "Organization", name: "Desk" });
    expect(review.itemReviewed).toEqual({
      "@type": "Claim",
      author: { "@type": "Organization", name: "O" },
      appearance: { "@type": "NewsArticle", headline: "T", publisher: { "@type": "Organization", name: "O" } },
    });
  });
});

describe("ClaimReview itemReviewed.author: the claimant", () => {
  const article = { id: "a", title: "Missiles held back", outlet: "Test Wire", author: "Jane Reporter, Ahmed Khan", url: "https://example.org/a", publishedAt: null };

  it.each([
    [{ name: "Defense Secretary Pete Hegseth", kind: "PERSON" }, "Person"],
    [{ name: "Reuters", kind: "ORGANIZATION" }, "Organization"],
    [{ name: "the city's finance department", kind: "ORGANIZATION" }, "Organization"],
  ])("names %j as the claim's author, with the outlet's article as its appearance", (claimant, type) => {
    const review = toClaimReview(entry({ claimant, article }), reportHeader(), bounds)!;
    const item = review.itemReviewed as { author: unknown; appearance: { publisher: unknown; url: string; author: unknown } };
    expect(item.author).toEqual({ "@type": type, name: claimant.name });
    expect(item.appearance.publisher).toEqual({ "@type": "Organization", name: "Test Wire" });
    expect(item.appearance.url).toBe("https://example.org/a");
    expect(item.appearance.author).toEqual([
      { "@type": "Person", name: "Jane Reporter" },
      { "@type": "Person", name: "Ahmed Khan" },
    ]);
  });
});

describe("serializeJsonLd", () => {
  const hostile = 'Ends here </script><script>alert(1)</script> <!-- & \u2028 \u2029 "quoted"';

  it("never lets a claim close the script element, and parses back to the same value", () => {
    const review = toClaimReview(entry({ text: hostile }), reportHeader(), bounds);
    const json = serializeJsonLd(review);
    expect(json).not.toMatch(/<|>|&|\u2028|\u2029/);
    expect(json.toLowerCase()).not.toContain("</script");
    expect(json).toContain("\\u003c/script\\u003e");
    expect(json).toContain("\\u2028");
    expect(JSON.parse(json)).toEqual(review);
    expect((JSON.parse(json) as { claimReviewed: string }).claimReviewed).toBe(hostile);
  });

  it("writes a downloadable JSON array of reviews, escaped the same way", () => {
    const writer = createReportStreamWriter("claimreview", reportHeader(), DEFAULT_VERDICT_SCALE);
    const text =
      writer.start() +
      writer.write([entry({ id: "a", text: hostile }), entry({ id: "skip", status: "APPROVED", verdict: { ...v, state: "APPROVED" } })]) +
      writer.write([entry({ id: "b" })]) +
      writer.end();
    expect(text).not.toContain("<");
    const reviews = JSON.parse(text) as { url: string }[];
    expect(reviews.map((r) => r.url)).toEqual(["https://app.example/fact-checks/a", "https://app.example/fact-checks/b"]);
    const empty = createReportStreamWriter("claimreview", reportHeader(), DEFAULT_VERDICT_SCALE);
    expect(JSON.parse(empty.start() + empty.write([]) + empty.end())).toEqual([]);
  });
});
