/**
 * schema.org ClaimReview JSON-LD, one per published verdict, with what Google's fact-check
 * documentation requires (claimReviewed; reviewRating with alternateName; url) and recommends
 * (author, datePublished, itemReviewed as a Claim with author and appearance; the rating's
 * ratingValue, bestRating and worstRating for verdicts that carry a number).
 */
import type { VerdictRating } from "../verdict-scale";
import { BEST_RATING, WORST_RATING } from "../verdict-scale";
import { factCheckUrl } from "../public-fact-check";
import type { ReportEntry, ReportHeader } from "./model";

export interface RatingBounds {
  best: number;
  worst: number;
}

/** The scale's numeric range: its highest and lowest rating values (the default 1–5 if it has none). */
export function ratingBounds(scale: readonly VerdictRating[]): RatingBounds {
  const values = scale.map((r) => r.ratingValue).filter((v): v is number => typeof v === "number");
  if (values.length === 0) return { best: BEST_RATING, worst: WORST_RATING };
  const best = Math.max(...values);
  const worst = Math.min(...values);
  return best > worst ? { best, worst } : { best: BEST_RATING, worst: WORST_RATING };
}

type JsonLd = { [key: string]: JsonLdValue };
type JsonLdValue = string | number | boolean | null | JsonLd | JsonLdValue[];

function withoutEmpty(object: Record<string, JsonLdValue | undefined>): JsonLd {
  const out: JsonLd = {};
  for (const [key, value] of Object.entries(object)) if (value !== undefined && value !== null && value !== "") out[key] = value;
  return out;
}

function authorsOf(author: string): JsonLdValue {
  const names = author.split(/\s*[,;]\s+(?![A-Z]\.?$)|\s+and\s+/).map((n) => n.trim()).filter(Boolean);
  const people = names.map((name) => withoutEmpty({ "@type": "Person", name }));
  return people.length === 1 ? people[0]! : people;
}

/**
 * The ClaimReview of an entry: published verdicts always; with work in progress included, other
 * verdicts too, marked creativeWorkStatus "Draft" and without a publication date (a draft of a blind
 * double review notes both proposals as `comment`s, never as the rating). Claims without a
 * verdict have nothing to review (null).
 */
export function toClaimReview(entry: ReportEntry, header: ReportHeader, bounds: RatingBounds): JsonLd | null {
  const verdict = entry.verdict;
  if (!verdict) return null;
  const published = verdict.state === "PUBLISHED" && !entry.workInProgress;
  if (!published && !header.includesWorkInProgress) return null;
  const numeric = verdict.ratingValue !== null;
  const article = entry.article;
  return withoutEmpty({
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    // The public fact-check page (readers and search engines can open it; the report page needs a login).
    url: factCheckUrl(header.publicBaseUrl ?? header.baseUrl, entry.claimId),
    claimReviewed: entry.claim,
    datePublished: published ? (verdict.publishedAt ?? verdict.approvedAt ?? undefined) : undefined,
    creativeWorkStatus: published ? "Published" : "Draft",
    author: withoutEmpty({ "@type": "Organization", name: header.desk.name, url: header.desk.url ?? undefined }),
    reviewRating: withoutEmpty({
      "@type": "Rating",
      ratingValue: numeric ? verdict.ratingValue : undefined,
      bestRating: numeric ? bounds.best : undefined,
      worstRating: numeric ? bounds.worst : undefined,
      alternateName: verdict.label,
      name: verdict.label,
    }),
    // A draft notes a blind double review's two proposals (never in a published ClaimReview, whose
    // one rating is the desk's decision): schema.org CreativeWork `comment`, one Comment each.
    comment:
      !published && entry.proposals.length > 0
        ? entry.proposals.map((p) =>
            withoutEmpty({
              "@type": "Comment",
              author: withoutEmpty({ "@type": "Person", name: p.reviewer }),
              dateCreated: p.proposedAt,
              text: `Double review, reviewer ${p.slot} proposed: ${p.label} (${p.stateLabel}). ${p.rationale}`,
            }),
          )
        : undefined,
    itemReviewed: withoutEmpty({
      "@type": "Claim",
      // Who made the claim (a Person or an Organization); the outlet's article is where it appeared.
      // Without a recorded claimant, the outlet that reported it stands as the author.
      author: entry.claimant
        ? withoutEmpty({ "@type": entry.claimant.kind === "PERSON" ? "Person" : "Organization", name: entry.claimant.name })
        : withoutEmpty({ "@type": "Organization", name: article.outlet }),
      datePublished: article.publishedAt ?? undefined,
      appearance: withoutEmpty({
        "@type": "NewsArticle",
        url: article.url ?? undefined,
        headline: article.title,
        datePublished: article.publishedAt ?? undefined,
        // Several authors are stored as one "A, B" string (the import joins every <meta name="author">).
        author: article.author ? authorsOf(article.author) : undefined,
        publisher: withoutEmpty({ "@type": "Organization", name: article.outlet }),
      }),
    }),
  });
}

/**
 * JSON for a <script type="application/ld+json"> element: `<`, `>` and `&` are written as \u
 * escapes so no text (a claim holding "</script>" or "<!--") can end the element early, and
 * U+2028/U+2029 likewise so the text stays valid JavaScript too. The value parses back unchanged.
 */
export function serializeJsonLd(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function renderClaimReviews(entries: readonly ReportEntry[], header: ReportHeader, bounds: RatingBounds): JsonLd[] {
  const out: JsonLd[] = [];
  for (const entry of entries) {
    const review = toClaimReview(entry, header, bounds);
    if (review) out.push(review);
  }
  return out;
}
