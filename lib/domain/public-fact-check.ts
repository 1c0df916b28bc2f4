/**
 * The public fact-check site: page addresses, the dated correction and retraction notes a published
 * fact-check carries, and the two feeds (Atom, RFC 4287; a schema.org DataFeed of ClaimReview items,
 * the shape fact-check aggregators read). Plain data in, strings and JSON out; no framework imports.
 */

/** Public fact-checks per index page and per feed page. */
export const PUBLIC_PAGE_SIZE = 20;
export const PUBLIC_FEED_SIZE = 50;
/** The highest page number the index and the feeds accept (bounds the OFFSET a visitor can ask for). */
export const PUBLIC_MAX_PAGE = 500;

/** The path of a claim's public fact-check page. */
export function factCheckPath(claimId: string): string {
  return `/fact-checks/${encodeURIComponent(claimId)}`;
}

/**
 * The absolute URL of a claim's public page under `baseUrl` (an origin, or an origin with a path
 * prefix such as "https://news.example/checks"; a trailing slash is ignored). Throws TypeError when
 * `baseUrl` is not an absolute URL.
 */
export function factCheckUrl(baseUrl: string, claimId: string): string {
  return publicUrl(baseUrl, factCheckPath(claimId));
}

/** `path` (starting with "/") under the public base URL, keeping the base's own path prefix. */
export function publicUrl(baseUrl: string, path: string): string {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, "");
  return new URL(`${prefix}${path}`, base.origin).toString();
}

/** One published version of a fact-check: a verdict that was published, in publication order. */
export interface PublishedVersion {
  label: string;
  publishedAt: Date;
}

/** A workflow step the public sees the reason of: reopening (a correction follows) or retracting. */
export interface PublicStep {
  action: "claim.reopen" | "claim.retract";
  at: Date;
  reason: string;
}

export interface PublicNote {
  kind: "CORRECTION" | "RETRACTION";
  at: Date;
  /** The sentence shown on the page and in the feeds. */
  text: string;
}

/** 2026-12-04 (UTC), the date format of public notes. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** "because Figures were…" reads badly: lower-case the first letter unless the first word is an acronym. */
function asClause(reason: string): string {
  const trimmed = reason.trim().replace(/[.\s]+$/u, "");
  if (/^\p{Lu}\p{Ll}/u.test(trimmed)) return trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
  return trimmed;
}

/**
 * The dated notes of a fact-check, oldest first: one correction per republication ("Updated
 * 2026-12-04: rating changed from Mostly true to Misleading because <the reopen reason>.") and one
 * note per retraction. `versions` are the published verdicts in publication order; `steps` the
 * claim's reopen and retract steps in time order. A correction's reason is that of the last reopening
 * between the two publications (none recorded: no reason is given).
 */
export function publicNotes(versions: readonly PublishedVersion[], steps: readonly PublicStep[]): PublicNote[] {
  const notes: PublicNote[] = [];
  for (let i = 1; i < versions.length; i++) {
    const previous = versions[i - 1]!;
    const current = versions[i]!;
    const reopen = [...steps]
      .reverse()
      .find((s) => s.action === "claim.reopen" && s.at > previous.publishedAt && s.at <= current.publishedAt);
    const change =
      previous.label === current.label ? `the fact-check was revised (rating still ${current.label})` : `rating changed from ${previous.label} to ${current.label}`;
    const because = reopen && reopen.reason.trim() ? ` because ${asClause(reopen.reason)}` : "";
    notes.push({ kind: "CORRECTION", at: current.publishedAt, text: `Updated ${isoDay(current.publishedAt)}: ${change}${because}.` });
  }
  for (const step of steps) {
    if (step.action !== "claim.retract") continue;
    notes.push({ kind: "RETRACTION", at: step.at, text: `Retracted ${isoDay(step.at)}: ${step.reason.trim()}` });
  }
  return notes.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** A fact-check as the feeds list it. */
export interface FeedEntry {
  claimId: string;
  claim: string;
  /** The verdict's label; null for a retracted fact-check. */
  label: string | null;
  /** First publication. */
  published: Date;
  /** Last change the public sees: the latest publication or the retraction. */
  updated: Date;
  retracted: boolean;
  /** The newest public note, if any (the correction or retraction the update was about). */
  note: string | null;
  /** Plain-text summary: the rationale's first characters. */
  summary: string;
}

function escapeXml(text: string): string {
  // Characters XML 1.0 forbids (C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF) are dropped.
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

export interface AtomFeedInput {
  deskName: string;
  /** The public site's base URL (see factCheckUrl). */
  baseUrl: string;
  entries: readonly FeedEntry[];
  page: number;
  hasNext: boolean;
}

/**
 * An Atom 1.0 feed (RFC 4287) of published fact-checks, newest update first, with RFC 5005 paging
 * links (`?page=N`). Each entry's id is its public page's URL, `updated` its latest correction or
 * retraction, `published` its first publication.
 */
export function renderAtomFeed(input: AtomFeedInput): string {
  const feedUrl = publicUrl(input.baseUrl, "/fact-checks/feed.atom");
  const pageUrl = (page: number) => (page === 1 ? feedUrl : `${feedUrl}?page=${page}`);
  const updated = input.entries[0]?.updated ?? new Date(0);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(feedUrl)}</id>`,
    `  <title>${escapeXml(`${input.deskName}: fact-checks`)}</title>`,
    `  <updated>${updated.toISOString()}</updated>`,
    `  <author><name>${escapeXml(input.deskName)}</name></author>`,
    `  <link rel="self" href="${escapeXml(pageUrl(input.page))}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(publicUrl(input.baseUrl, "/fact-checks"))}"/>`,
    `  <link rel="first" href="${escapeXml(pageUrl(1))}"/>`,
  ];
  if (input.page > 1) lines.push(`  <link rel="previous" href="${escapeXml(pageUrl(input.page - 1))}"/>`);
  if (input.hasNext) lines.push(`  <link rel="next" href="${escapeXml(pageUrl(input.page + 1))}"/>`);
  for (const entry of input.entries) {
    const url = factCheckUrl(input.baseUrl, entry.claimId);
    const title = entry.retracted ? `Retracted: ${entry.claim}` : `${entry.label ?? "Fact-check"}: ${entry.claim}`;
    const summary = [entry.note, entry.summary].filter(Boolean).join(" ");
    lines.push(
      "  <entry>",
      `    <id>${escapeXml(url)}</id>`,
      `    <title>${escapeXml(title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(url)}"/>`,
      `    <published>${entry.published.toISOString()}</published>`,
      `    <updated>${entry.updated.toISOString()}</updated>`,
      `    <summary>${escapeXml(summary)}</summary>`,
      "  </entry>",
    );
  }
  lines.push("</feed>", "");
  return lines.join("\n");
}

/**
 * The ClaimReview data feed: a schema.org DataFeed whose dataFeedElement holds one DataFeedItem per
 * published fact-check (dateCreated = first publication, dateModified = latest correction) wrapping
 * its ClaimReview — the JSON shape Google's fact-check feed documentation describes for publishers.
 */
export function renderClaimReviewDataFeed(input: {
  deskName: string;
  baseUrl: string;
  items: readonly { review: object; published: Date; updated: Date }[];
  page: number;
  hasNext: boolean;
}): Record<string, unknown> {
  const feedUrl = publicUrl(input.baseUrl, "/fact-checks/claimreview.json");
  return {
    "@context": "https://schema.org",
    "@type": "DataFeed",
    name: `${input.deskName}: ClaimReview feed`,
    url: input.page === 1 ? feedUrl : `${feedUrl}?page=${input.page}`,
    dateModified: (input.items[0]?.updated ?? new Date(0)).toISOString(),
    ...(input.hasNext ? { relatedLink: `${feedUrl}?page=${input.page + 1}` } : {}),
    dataFeedElement: input.items.map((item) => ({
      "@type": "DataFeedItem",
      dateCreated: item.published.toISOString(),
      dateModified: item.updated.toISOString(),
      item: [item.review],
    })),
  };
}

/** Request header the proxy sets on public-site requests (see proxy.ts); the root layout reads it. */
export const PUBLIC_SITE_HEADER = "x-claimledger-public-site";
