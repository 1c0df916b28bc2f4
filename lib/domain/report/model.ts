/**
 * Verdict reports (DESIGN.md §4): one model built here from plain data, then rendered by the CSV,
 * JSON/NDJSON, ClaimReview, printable and PDF renderers beside it. No framework imports.
 */
import { describeStatus, isClaimStatus } from "../claim-status";
import { findRating, STANCE_LABELS, type EvidenceStance, type VerdictRating } from "../verdict-scale";

/** Claim statuses whose verdict is final: the only ones a report holds unless work in progress is asked for. */
export const FINAL_CLAIM_STATUSES = ["APPROVED", "PUBLISHED"] as const;
const FINAL_VERDICT_STATES = ["APPROVED", "PUBLISHED"];

/** One claim as the data-access layer reads it, with its current verdict (if any) and live evidence. */
export interface ReportClaimInput {
  id: string;
  text: string;
  status: string;
  quote: string;
  prefix: string;
  suffix: string;
  updatedAt: Date;
  article: { id: string; title: string; outlet: string; author: string | null; url: string | null; publishedAt: Date | null };
  /** Who made the claim (the person or body the article attributes it to), if recorded. */
  claimant?: { name: string; kind: string } | null;
  assigneeName: string | null;
  verdict: {
    rating: string;
    rationale: string;
    state: string;
    proposedByName: string;
    approvedByName: string | null;
    proposedAt: Date;
    approvedAt: Date | null;
    publishedAt: Date | null;
    /** The rating as the scale named it when the verdict was approved (null before approval). */
    snapshot?: RatingSnapshot | null;
  } | null;
  evidence: {
    url: string;
    title: string;
    publisher: string;
    quote: string;
    stance: string;
    archivedAt?: Date | null;
    sha256?: string | null;
    /** A file attached as evidence: its sanitised name and the SHA-256 of its bytes. */
    fileName?: string | null;
    fileSha256?: string | null;
  }[];
  /**
   * A blind double review's two proposals (reviewer slot 1 first), each reviewer's latest verdict,
   * once the claim has left the review stage (both have proposed); empty otherwise.
   */
  proposals?: ReportProposalInput[];
}

/** One reviewer's proposal in a blind double review, as the data-access layer reads it. */
export interface ReportProposalInput {
  slot: number;
  reviewerName: string;
  rating: string;
  state: string;
  rationale: string;
  proposedAt: Date;
  /** The label stored at approval (only on the approved one), else null. */
  snapshotLabel: string | null;
}

/** A rating's label, colour and ClaimReview value as stored on a verdict at approval. */
export interface RatingSnapshot {
  label: string;
  color: string | null;
  ratingValue: number | null;
}

/**
 * One claim as a single SQL query reads it: the claim, its article, its assignee's name, its current
 * verdict with the people's names, and its live evidence as a JSON array of
 * [url, title, publisher, quote, stance] (a string, or already parsed by the driver).
 * Dates may come as Date objects or ISO strings, depending on the driver.
 */
export interface ReportSqlRow extends Pick<ReportClaimInput, "id" | "text" | "status" | "quote" | "prefix" | "suffix"> {
  updatedAt: Date | string;
  articleId: string;
  title: string;
  outlet: string;
  author: string | null;
  url: string | null;
  publishedAt: Date | string | null;
  claimant?: string | null;
  claimantKind?: string | null;
  assigneeName: string | null;
  rating: string | null;
  rationale: string | null;
  state: string | null;
  proposedAt: Date | string | null;
  approvedAt: Date | string | null;
  verdictPublishedAt: Date | string | null;
  proposedByName: string | null;
  approvedByName: string | null;
  ratingLabel?: string | null;
  ratingColor?: string | null;
  ratingValue?: number | bigint | null;
  evidence: string | unknown[] | null;
  /** The double review's proposals as a JSON array of [slot, reviewer name, rating, state, rationale, proposedAt, ratingLabel]. */
  proposals?: string | unknown[] | null;
}

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/**
 * A timestamp read inside a JSON aggregate: SQLite keeps Prisma's ISO text with its offset, PostgreSQL's
 * json of a timestamp(3) has no zone (Prisma stores UTC), so a missing zone is read as UTC.
 */
function jsonTimestamp(value: string | number): Date {
  if (typeof value === "number") return new Date(value);
  return new Date(/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`);
}

function toDateOrNull(value: Date | string | null): Date | null {
  return value === null ? null : toDate(value);
}

/** The proposals column of a report row: both proposals, or none when fewer than two were read. */
function proposalsFromRow(value: ReportSqlRow["proposals"]): ReportProposalInput[] {
  const rows = (typeof value === "string" ? JSON.parse(value) : (value ?? [])) as [number, string, string, string, string | null, string | number, string | null][];
  if (rows.length < 2) return [];
  return rows.map(([slot, reviewerName, rating, state, rationale, proposedAt, snapshotLabel]) => ({
    slot: Number(slot),
    reviewerName,
    rating,
    state,
    rationale: rationale ?? "",
    proposedAt: jsonTimestamp(proposedAt),
    snapshotLabel: snapshotLabel ?? null,
  }));
}

export function reportInputFromRow(row: ReportSqlRow): ReportClaimInput {
  const evidence = (typeof row.evidence === "string" ? JSON.parse(row.evidence) : (row.evidence ?? [])) as string[][];
  return {
    id: row.id,
    text: row.text,
    status: row.status,
    quote: row.quote,
    prefix: row.prefix,
    suffix: row.suffix,
    updatedAt: toDate(row.updatedAt),
    article: { id: row.articleId, title: row.title, outlet: row.outlet, author: row.author, url: row.url, publishedAt: toDateOrNull(row.publishedAt) },
    claimant: row.claimant ? { name: row.claimant, kind: row.claimantKind === "PERSON" ? "PERSON" : "ORGANIZATION" } : null,
    assigneeName: row.assigneeName,
    verdict:
      row.rating !== null && row.state !== null && row.proposedAt !== null
        ? {
            rating: row.rating,
            rationale: row.rationale ?? "",
            state: row.state,
            proposedByName: row.proposedByName ?? "",
            approvedByName: row.approvedByName,
            proposedAt: toDate(row.proposedAt),
            approvedAt: toDateOrNull(row.approvedAt),
            publishedAt: toDateOrNull(row.verdictPublishedAt),
            snapshot: row.ratingLabel
              ? { label: row.ratingLabel, color: row.ratingColor ?? null, ratingValue: row.ratingValue === null || row.ratingValue === undefined ? null : Number(row.ratingValue) }
              : null,
          }
        : null,
    evidence: evidence.map(([url, title, publisher, quote, stance, archivedAt, sha256, fileName, fileSha256]) => ({
      url: url!,
      title: title!,
      publisher: publisher!,
      quote: quote!,
      stance: stance!,
      archivedAt: archivedAt ? jsonTimestamp(archivedAt) : null,
      sha256: sha256 ?? null,
      fileName: fileName ?? null,
      fileSha256: fileSha256 ?? null,
    })),
    proposals: proposalsFromRow(row.proposals),
  };
}

/** The report's view of one claim: labels resolved from the scale, dates as ISO strings (UTC). */
export interface ReportEntry {
  claimId: string;
  claim: string;
  /** The claim's span in its article with some context either side. */
  quote: { prefix: string; exact: string; suffix: string };
  status: string;
  statusLabel: string;
  /** True unless the claim has an approved or published verdict: such rows are marked in every format. */
  workInProgress: boolean;
  article: { id: string; title: string; outlet: string; author: string | null; url: string | null; publishedAt: string | null };
  /** Who made the claim: a PERSON or an ORGANIZATION (ClaimReview itemReviewed.author), or null if not recorded. */
  claimant: { name: string; kind: string } | null;
  verdict: {
    rating: string;
    label: string;
    /** The ClaimReview rating (worst … best), or null for verdicts that are not a factual judgement. */
    ratingValue: number | null;
    color: string | null;
    state: string;
    stateLabel: string;
    rationale: string;
    proposedAt: string;
    approvedAt: string | null;
    publishedAt: string | null;
  } | null;
  evidence: {
    /** The source's web address; null for a file with no URL (stored as ""). */
    url: string | null;
    title: string;
    publisher: string;
    quote: string;
    stance: string;
    stanceLabel: string;
    /** When the source was archived (ISO, UTC) and the SHA-256 of the archived response body; null if never. */
    archivedAt: string | null;
    sha256: string | null;
    /** A file attached as evidence: its name and the SHA-256 of its bytes (null when none). */
    file: { name: string; sha256: string } | null;
  }[];
  reviewer: string | null;
  approver: string | null;
  updatedAt: string;
  /**
   * A blind double review's two proposals once both reviewers have proposed (slot 1 first), never
   * only the latest; empty for a single review or while the review is still blind.
   */
  proposals: ReportProposal[];
}

/** One reviewer's proposal in a report, its label resolved like the verdict's. */
export interface ReportProposal {
  slot: number;
  reviewer: string;
  rating: string;
  label: string;
  state: string;
  stateLabel: string;
  rationale: string;
  proposedAt: string;
}

/** What a report is about, shown at its top in every format. */
export interface ReportHeader {
  title: string;
  /** Plain-language description of the scope ("Article …", "Verdicts dated …"). */
  scope: string[];
  generatedAt: string;
  includesWorkInProgress: boolean;
  /** The fact-checking desk: the ClaimReview author. */
  desk: { name: string; url: string | null };
  /** Absolute origin of the app, for the claims' report permalinks. */
  baseUrl: string;
  /**
   * Absolute base URL of the public fact-check site (the desk's setting; the app's own origin when
   * unset): the ClaimReview `url` is `<publicBaseUrl>/fact-checks/<claimId>`.
   */
  publicBaseUrl?: string;
}

export interface ReportSummary {
  total: number;
  workInProgress: number;
  /** Counts by verdict in scale order, then ratings no longer on the scale, then claims without a verdict. */
  byVerdict: { rating: string | null; label: string; count: number }[];
}

export interface ReportDocument {
  header: ReportHeader;
  summary: ReportSummary;
  entries: ReportEntry[];
}

const VERDICT_STATE_LABELS: Record<string, string> = {
  PROPOSED: "Proposed (awaiting approval)",
  APPROVED: "Approved",
  RETURNED: "Returned to reviewer",
  PUBLISHED: "Published",
  SUPERSEDED: "Superseded",
  RETRACTED: "Retracted",
};

export function describeVerdictState(state: string): string {
  return VERDICT_STATE_LABELS[state] ?? state;
}

export function isFinalVerdict(claimStatus: string, verdictState: string | undefined): boolean {
  return (FINAL_CLAIM_STATUSES as readonly string[]).includes(claimStatus) && verdictState !== undefined && FINAL_VERDICT_STATES.includes(verdictState);
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

export function buildReportEntry(input: ReportClaimInput, scale: readonly VerdictRating[]): ReportEntry {
  const v = input.verdict;
  const rating = v ? findRating(scale, v.rating) : undefined;
  return {
    claimId: input.id,
    claim: input.text,
    quote: { prefix: input.prefix, exact: input.quote, suffix: input.suffix },
    status: input.status,
    statusLabel: isClaimStatus(input.status) ? describeStatus(input.status) : input.status,
    workInProgress: !isFinalVerdict(input.status, v?.state),
    article: { ...input.article, publishedAt: iso(input.article.publishedAt) },
    claimant: input.claimant ?? null,
    verdict: v
      ? {
          rating: v.rating,
          // the label in force when the verdict was approved, else the scale's current one
          label: v.snapshot?.label ?? rating?.label ?? v.rating,
          ratingValue: v.snapshot ? v.snapshot.ratingValue : (rating?.ratingValue ?? null),
          color: v.snapshot?.color ?? rating?.color ?? null,
          state: v.state,
          stateLabel: describeVerdictState(v.state),
          rationale: v.rationale,
          proposedAt: v.proposedAt.toISOString(),
          approvedAt: iso(v.approvedAt),
          publishedAt: iso(v.publishedAt),
        }
      : null,
    evidence: input.evidence.map((e) => ({
      url: e.url || null,
      title: e.title,
      publisher: e.publisher,
      quote: e.quote,
      stance: e.stance,
      stanceLabel: STANCE_LABELS[e.stance as EvidenceStance] ?? e.stance,
      archivedAt: iso(e.archivedAt ?? null),
      sha256: e.sha256 ?? null,
      file: e.fileSha256 ? { name: e.fileName ?? "", sha256: e.fileSha256 } : null,
    })),
    reviewer: v?.proposedByName ?? input.assigneeName,
    approver: v?.approvedByName ?? null,
    updatedAt: input.updatedAt.toISOString(),
    proposals: (input.proposals ?? []).map((p) => ({
      slot: p.slot,
      reviewer: p.reviewerName,
      rating: p.rating,
      label: p.snapshotLabel ?? findRating(scale, p.rating)?.label ?? p.rating,
      state: p.state,
      // The proposal the editor did not choose was superseded by the approval of the other one.
      stateLabel: p.state === "SUPERSEDED" ? "Not chosen" : describeVerdictState(p.state),
      rationale: p.rationale,
      proposedAt: p.proposedAt.toISOString(),
    })),
  };
}

/**
 * A double review's proposals as one line each, "Reviewer 1, Riley: Mostly true (proposed
 * 2026-12-01 09:30 UTC; Approved)", for the formats that hold plain text (CSV cell, PDF line).
 */
export function describeProposals(entry: Pick<ReportEntry, "proposals">): string[] {
  return entry.proposals.map(
    (p) => `Reviewer ${p.slot}, ${p.reviewer}: ${p.label} (proposed ${p.proposedAt.slice(0, 16).replace("T", " ")} UTC; ${p.stateLabel})`,
  );
}

/** Path of a claim's printable report page: the permalink ClaimReview points at. */
export function claimReportPath(claimId: string): string {
  return `/claims/${encodeURIComponent(claimId)}/report`;
}

export function claimReportUrl(header: Pick<ReportHeader, "baseUrl">, claimId: string): string {
  return new URL(claimReportPath(claimId), header.baseUrl).toString();
}

/**
 * Counts by verdict, filled one batch at a time so a streamed report can end with its summary
 * without keeping its entries.
 */
export function createSummaryCounter(scale: readonly VerdictRating[]) {
  const counts = new Map<string | null, number>();
  let total = 0;
  let workInProgress = 0;
  return {
    add(entries: readonly ReportEntry[]) {
      for (const entry of entries) {
        total += 1;
        if (entry.workInProgress) workInProgress += 1;
        const key = entry.verdict?.rating ?? null;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    },
    result(): ReportSummary {
      const byVerdict: ReportSummary["byVerdict"] = [];
      for (const rating of scale) {
        const count = counts.get(rating.key);
        if (count) byVerdict.push({ rating: rating.key, label: rating.label, count });
      }
      for (const [key, count] of counts) {
        if (key !== null && !findRating(scale, key)) byVerdict.push({ rating: key, label: key, count });
      }
      const none = counts.get(null);
      if (none) byVerdict.push({ rating: null, label: "No verdict yet", count: none });
      return { total, workInProgress, byVerdict };
    },
  };
}

export function summarizeReport(entries: readonly ReportEntry[], scale: readonly VerdictRating[]): ReportSummary {
  const counter = createSummaryCounter(scale);
  counter.add(entries);
  return counter.result();
}

/** A short single-line form of a text (table of contents, titles). */
export function truncateText(text: string, max: number): string {
  const flat = Array.from(text.replace(/\s+/g, " ").trim());
  if (flat.length <= max) return flat.join("");
  return `${flat.slice(0, Math.max(0, max - 1)).join("").trimEnd()}…`;
}

export const WORK_IN_PROGRESS_LABEL = "WORK IN PROGRESS";
