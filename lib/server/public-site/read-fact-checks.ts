import "server-only";
import { isoDay, PUBLIC_FEED_SIZE, PUBLIC_PAGE_SIZE, publicNotes, type FeedEntry, type PublicNote, type PublicStep } from "@/lib/domain/public-fact-check";
import { buildReportEntry, ratingBounds, toClaimReview, type ReportEntry, type ReportHeader } from "@/lib/domain/report";
import { findRating, STANCE_LABELS, type EvidenceStance, type VerdictRating } from "@/lib/domain/verdict-scale";
import { searchTerms } from "@/lib/domain/search-text";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { PublicIndexQuery } from "@/lib/validation/public-site";
import { getDb, type Db } from "../db";
import { getDeskSettings, getVerdictScale } from "../settings";
import { getPublicSiteSettings } from "./public-site-settings";

/*
 * The only data access of the public site. Every read here starts from verdicts that were published
 * (publishedAt set by the publish step) and returns only what was public at that moment: the claim
 * and its article, the published verdict, the evidence that existed when it was published, and the
 * reasons editors gave for corrections and retractions. It never reads drafts, proposals, comments,
 * assignments or users (reviewer names only when the desk's setting shows them), and it takes no
 * actor: there is nobody signed in on these pages.
 */

/** Verdicts the public index and the ClaimReview feed list: published, on a claim that is published. */
const LIVE_VERDICT: Prisma.VerdictWhereInput = { state: "PUBLISHED", publishedAt: { not: null }, claim: { status: "PUBLISHED" } };

const claimForPublic = {
  id: true,
  text: true,
  status: true,
  quote: true,
  prefix: true,
  suffix: true,
  updatedAt: true,
  claimant: true,
  claimantKind: true,
  article: { select: { id: true, title: true, outlet: true, author: true, url: true, publishedAt: true } },
} satisfies Prisma.ClaimSelect;

/** Every publication of a claim, oldest first (a corrected fact-check has several). */
const publishedVerdicts = {
  where: { publishedAt: { not: null } },
  orderBy: [{ publishedAt: "asc" }, { id: "asc" }],
  select: { id: true, rating: true, rationale: true, state: true, publishedAt: true, approvedAt: true, createdAt: true },
} satisfies Prisma.Claim$verdictsArgs;

type PublicClaimRow = Prisma.ClaimGetPayload<{ select: typeof claimForPublic }>;
type PublishedVerdictRow = Prisma.VerdictGetPayload<{ select: (typeof publishedVerdicts)["select"] }>;

function labelOf(scale: readonly VerdictRating[], rating: string): string {
  return findRating(scale, rating)?.label ?? rating;
}

/** The reopen and retract steps of these claims with the reasons the editors gave, by claim, in time order. */
async function readPublicSteps(db: Db, claimIds: readonly string[]): Promise<Map<string, PublicStep[]>> {
  const out = new Map<string, PublicStep[]>();
  if (claimIds.length === 0) return out;
  const events = await db.auditEvent.findMany({
    where: { claimId: { in: [...claimIds] }, entityType: "Claim", action: { in: ["claim.reopen", "claim.retract"] } },
    orderBy: { id: "asc" },
    select: { claimId: true, action: true, at: true, after: true },
  });
  for (const event of events) {
    let reason = "";
    try {
      const after = JSON.parse(event.after ?? "{}") as { reason?: unknown };
      if (typeof after.reason === "string") reason = after.reason;
    } catch {}
    const list = out.get(event.claimId!) ?? [];
    list.push({ action: event.action as PublicStep["action"], at: event.at, reason });
    out.set(event.claimId!, list);
  }
  return out;
}

/** The report entry of a published version, for the ClaimReview renderer (names are never put in it). */
function publicEntry(claim: PublicClaimRow, verdict: PublishedVerdictRow, scale: readonly VerdictRating[], evidence: ReportEntry["evidence"] = []): ReportEntry {
  return buildReportEntry(
    {
      id: claim.id,
      text: claim.text,
      status: "PUBLISHED",
      quote: claim.quote,
      prefix: claim.prefix,
      suffix: claim.suffix,
      updatedAt: verdict.publishedAt!,
      article: claim.article,
      // Who made the claim: ClaimReview's itemReviewed.author (without one, the outlet stands in).
      claimant: claim.claimant ? { name: claim.claimant, kind: claim.claimantKind === "PERSON" ? "PERSON" : "ORGANIZATION" } : null,
      assigneeName: null,
      verdict: {
        rating: verdict.rating,
        rationale: verdict.rationale,
        state: "PUBLISHED",
        proposedByName: "",
        approvedByName: null,
        proposedAt: verdict.createdAt,
        approvedAt: verdict.approvedAt,
        publishedAt: verdict.publishedAt,
      },
      evidence: evidence.map((e) => ({ url: e.url ?? "", title: e.title, publisher: e.publisher, quote: e.quote, stance: e.stance })),
    },
    scale,
  );
}

async function publicHeader(db: Db, baseUrl: string): Promise<ReportHeader> {
  const desk = await getDeskSettings(db);
  return {
    title: "Fact-check",
    scope: [],
    generatedAt: new Date().toISOString(),
    includesWorkInProgress: false,
    desk: { name: desk.name, url: desk.url ?? baseUrl },
    baseUrl,
    publicBaseUrl: baseUrl,
  };
}

export interface PublicIndexItem {
  claimId: string;
  claim: string;
  rating: string;
  label: string;
  color: string | null;
  publishedAt: Date;
  article: { title: string; outlet: string };
  /** True when the fact-check was corrected (published more than once). */
  corrected: boolean;
}

export interface PublicIndexPage {
  items: PublicIndexItem[];
  total: number;
  page: number;
  pageSize: number;
  hasNext: boolean;
  /** The verdict scale, for the filter. */
  scale: readonly VerdictRating[];
  deskName: string;
}

/**
 * One page of the public index: live fact-checks, newest publication first, PUBLIC_PAGE_SIZE a page,
 * optionally of one verdict (a scale key) and one claimant (words of the name). Three queries
 * whatever the data size.
 */
export async function listPublicFactChecks(query: PublicIndexQuery): Promise<PublicIndexPage> {
  const db = await getDb();
  const claimWhere: Prisma.ClaimWhereInput[] = [{ status: "PUBLISHED" }];
  // Claimant filter: every word of it in the claimant's normalised name (as on the claims list).
  for (const term of searchTerms(query.claimant)) claimWhere.push({ claimantSearch: { contains: term } });
  const where: Prisma.VerdictWhereInput = {
    AND: [LIVE_VERDICT, { claim: { AND: claimWhere } }, ...(query.verdict ? [{ rating: query.verdict }] : [])],
  };
  const [rows, total, scale, desk] = await Promise.all([
    db.verdict.findMany({
      where,
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * PUBLIC_PAGE_SIZE,
      take: PUBLIC_PAGE_SIZE + 1,
      select: {
        rating: true,
        publishedAt: true,
        claim: { select: { id: true, text: true, claimant: true, article: { select: { title: true, outlet: true } }, _count: { select: { verdicts: { where: { publishedAt: { not: null } } } } } } },
      },
    }),
    db.verdict.count({ where }),
    getVerdictScale(db),
    getDeskSettings(db),
  ]);
  const items = rows.slice(0, PUBLIC_PAGE_SIZE).map((row) => {
    const rating = findRating(scale, row.rating);
    return {
      claimId: row.claim.id,
      claim: row.claim.text,
      claimant: row.claim.claimant,
      rating: row.rating,
      label: rating?.label ?? row.rating,
      color: rating?.color ?? null,
      publishedAt: row.publishedAt!,
      article: row.claim.article,
      corrected: row.claim._count.verdicts > 1,
    };
  });
  return { items, total, page: query.page, pageSize: PUBLIC_PAGE_SIZE, hasNext: rows.length > PUBLIC_PAGE_SIZE, scale, deskName: desk.name };
}

export interface PublicEvidence {
  id: string;
  /** The source's web address; null for a file with no URL (file evidence is never served publicly). */
  url: string | null;
  /** SHA-256 (hex) of a file the desk holds as this evidence, or null. */
  fileSha256: string | null;
  title: string;
  publisher: string;
  quote: string;
  stance: string;
  stanceLabel: string;
  /** When the source was archived, and the archived copy's SHA-256 (hex), if it was. */
  archivedAt: Date | null;
  sha256: string | null;
}

export interface PublicFactCheck {
  claimId: string;
  claim: string;
  quote: { prefix: string; exact: string; suffix: string };
  article: { title: string; outlet: string; author: string | null; url: string | null; publishedAt: Date | null };
  /** Who made the claim, when an editor recorded it. */
  claimant: { name: string; kind: "PERSON" | "ORGANIZATION" } | null;
  /** PUBLISHED: live; UNDER_REVIEW: reopened, the last published version is shown; RETRACTED: unpublished. */
  state: "PUBLISHED" | "UNDER_REVIEW" | "RETRACTED";
  verdict: { rating: string; label: string; color: string | null; rationale: string; firstPublishedAt: Date; publishedAt: Date };
  evidence: PublicEvidence[];
  notes: PublicNote[];
  /** When the retraction or the re-review began (state RETRACTED / UNDER_REVIEW). */
  since: Date | null;
  /** Shown only when the desk's setting allows it. */
  people: { reviewer: string; approver: string | null } | null;
  desk: { name: string; url: string | null };
  /** The ClaimReview JSON-LD of a live fact-check (its url is this page); null otherwise. */
  claimReview: Record<string, unknown> | null;
}

/**
 * One fact-check as the public sees it; null when the claim was never published (drafts, work in
 * progress and unknown ids all look the same: not found). `baseUrl` is the public site's base URL.
 */
export async function getPublicFactCheck(claimId: string, baseUrl: string): Promise<PublicFactCheck | null> {
  const db = await getDb();
  const claim = await db.claim.findFirst({
    where: { id: claimId, verdicts: { some: { publishedAt: { not: null } } } },
    select: { ...claimForPublic, verdicts: { ...publishedVerdicts, select: { ...publishedVerdicts.select, proposedBy: { select: { name: true } }, approvedBy: { select: { name: true } } } } },
  });
  if (!claim || claim.verdicts.length === 0) return null;
  const latest = claim.verdicts[claim.verdicts.length - 1]!;
  const shownAt = latest.publishedAt!;
  const [scale, settings, header, steps, evidenceRows] = await Promise.all([
    getVerdictScale(db),
    getPublicSiteSettings(db),
    publicHeader(db, baseUrl),
    readPublicSteps(db, [claim.id]),
    // The evidence as it stood when this version was published: nothing added since (work in progress) and
    // nothing removed before.
    db.evidence.findMany({
      where: { claimId: claim.id, createdAt: { lte: shownAt }, OR: [{ deletedAt: null }, { deletedAt: { gt: shownAt } }] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, url: true, title: true, publisher: true, quote: true, stance: true, fetchedAt: true, snapshotSha256: true, fileSha256: true },
    }),
  ]);
  const claimSteps = steps.get(claim.id) ?? [];
  const versions = claim.verdicts.map((v) => ({ label: labelOf(scale, v.rating), publishedAt: v.publishedAt! }));
  const state: PublicFactCheck["state"] = claim.status === "RETRACTED" ? "RETRACTED" : latest.state === "PUBLISHED" && claim.status === "PUBLISHED" ? "PUBLISHED" : "UNDER_REVIEW";
  const lastStep = [...claimSteps].reverse().find((s) => s.action === (state === "RETRACTED" ? "claim.retract" : "claim.reopen"));
  const rating = findRating(scale, latest.rating);
  const evidence: PublicEvidence[] = evidenceRows.map((e) => ({
    id: e.id,
    url: e.url || null,
    fileSha256: e.fileSha256,
    title: e.title,
    publisher: e.publisher,
    quote: e.quote,
    stance: e.stance,
    stanceLabel: STANCE_LABELS[e.stance as EvidenceStance] ?? e.stance,
    archivedAt: e.fetchedAt && e.fetchedAt <= shownAt ? e.fetchedAt : null,
    sha256: e.fetchedAt && e.fetchedAt <= shownAt ? e.snapshotSha256 : null,
  }));
  const review = state === "PUBLISHED" ? toClaimReview(publicEntry(claim, latest, scale), header, ratingBounds(scale)) : null;
  return {
    claimId: claim.id,
    claim: claim.text,
    quote: { prefix: claim.prefix, exact: claim.quote, suffix: claim.suffix },
    article: claim.article,
    claimant: claim.claimant ? { name: claim.claimant, kind: claim.claimantKind === "PERSON" ? "PERSON" : "ORGANIZATION" } : null,
    state,
    verdict: {
      rating: latest.rating,
      label: rating?.label ?? latest.rating,
      color: rating?.color ?? null,
      rationale: latest.rationale,
      firstPublishedAt: claim.verdicts[0]!.publishedAt!,
      publishedAt: shownAt,
    },
    evidence,
    notes: publicNotes(versions, claimSteps),
    since: state === "PUBLISHED" ? null : (lastStep?.at ?? null),
    people: settings.showReviewerNames ? { reviewer: latest.proposedBy.name, approver: latest.approvedBy?.name ?? null } : null,
    desk: header.desk,
    claimReview: review,
  };
}

/** The desk's corrections policy (Markdown; empty until an admin writes one) and the desk's name. */
export async function getCorrectionsPolicy(): Promise<{ policy: string; deskName: string; updatedAt: string | null }> {
  const db = await getDb();
  const [settings, desk, row] = await Promise.all([getPublicSiteSettings(db), getDeskSettings(db), db.setting.findUnique({ where: { key: "publicSite" }, select: { updatedAt: true } })]);
  return { policy: settings.correctionsPolicy, deskName: desk.name, updatedAt: row ? isoDay(row.updatedAt) : null };
}

function plainSummary(markdown: string, max = 280): string {
  const text = markdown.replace(/[#>*_`~[\]()!|-]+/g, " ").replace(/\s+/g, " ").trim();
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : text;
}

/**
 * One page of the Atom feed: live and retracted fact-checks, latest public change first (a
 * correction or a retraction moves a fact-check up), PUBLIC_FEED_SIZE a page. Three queries.
 */
export async function listFeedEntries(page: number): Promise<{ entries: FeedEntry[]; hasNext: boolean; deskName: string }> {
  const db = await getDb();
  const rows = await db.verdict.findMany({
    where: {
      OR: [
        { state: "PUBLISHED", publishedAt: { not: null }, claim: { status: "PUBLISHED" } },
        { state: "RETRACTED", publishedAt: { not: null }, claim: { status: "RETRACTED" } },
      ],
    },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * PUBLIC_FEED_SIZE,
    take: PUBLIC_FEED_SIZE + 1,
    select: { rating: true, rationale: true, state: true, updatedAt: true, publishedAt: true, claim: { select: { id: true, text: true, verdicts: publishedVerdicts } } },
  });
  const shown = rows.slice(0, PUBLIC_FEED_SIZE);
  const [scale, desk, steps] = await Promise.all([getVerdictScale(db), getDeskSettings(db), readPublicSteps(db, shown.map((r) => r.claim.id))]);
  const entries = shown.map((row): FeedEntry => {
    const versions = row.claim.verdicts.map((v) => ({ label: labelOf(scale, v.rating), publishedAt: v.publishedAt! }));
    const notes = publicNotes(versions, steps.get(row.claim.id) ?? []);
    const retracted = row.state === "RETRACTED";
    return {
      claimId: row.claim.id,
      claim: row.claim.text,
      label: retracted ? null : labelOf(scale, row.rating),
      published: versions[0]?.publishedAt ?? row.publishedAt!,
      updated: retracted ? row.updatedAt : row.publishedAt!,
      retracted,
      note: notes[notes.length - 1]?.text ?? null,
      summary: retracted ? "" : plainSummary(row.rationale),
    };
  });
  return { entries, hasNext: rows.length > PUBLIC_FEED_SIZE, deskName: desk.name };
}

/**
 * One page of the ClaimReview data feed: live fact-checks, latest publication first, with each one's
 * first publication (dateCreated) and latest (dateModified). Four queries.
 */
export async function listClaimReviewFeed(page: number, baseUrl: string) {
  const db = await getDb();
  const rows = await db.verdict.findMany({
    where: LIVE_VERDICT,
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * PUBLIC_FEED_SIZE,
    take: PUBLIC_FEED_SIZE + 1,
    select: { ...publishedVerdicts.select, claim: { select: { ...claimForPublic, verdicts: { ...publishedVerdicts, take: 1, select: { publishedAt: true } } } } },
  });
  const [scale, header] = await Promise.all([getVerdictScale(db), publicHeader(db, baseUrl)]);
  const bounds = ratingBounds(scale);
  const items = rows.slice(0, PUBLIC_FEED_SIZE).flatMap((row) => {
    const review = toClaimReview(publicEntry(row.claim, row, scale), header, bounds);
    return review ? [{ review, published: row.claim.verdicts[0]?.publishedAt ?? row.publishedAt!, updated: row.publishedAt! }] : [];
  });
  return { items, hasNext: rows.length > PUBLIC_FEED_SIZE, deskName: header.desk.name };
}

/**
 * The archived text of a piece of evidence of a published fact-check, as the public page links it:
 * only evidence that was part of a published version (added before, not removed before, its latest
 * publication) and archived by then. Null otherwise.
 */
export async function getPublicEvidenceArchive(claimId: string, evidenceId: string): Promise<{ url: string; fetchedAt: Date; sha256: string | null; text: string } | null> {
  const db = await getDb();
  const latest = await db.verdict.findFirst({
    where: { claimId, publishedAt: { not: null } },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    select: { publishedAt: true, claim: { select: { status: true } } },
  });
  if (!latest || latest.claim.status === "RETRACTED") return null;
  const shownAt = latest.publishedAt!;
  const row = await db.evidence.findFirst({
    where: { id: evidenceId, claimId, createdAt: { lte: shownAt }, fetchedAt: { not: null, lte: shownAt }, OR: [{ deletedAt: null }, { deletedAt: { gt: shownAt } }] },
    select: { url: true, fetchedAt: true, snapshotSha256: true, snapshotText: true },
  });
  if (!row || row.snapshotText === null) return null;
  return { url: row.url, fetchedAt: row.fetchedAt!, sha256: row.snapshotSha256, text: row.snapshotText };
}
