/**
 * Verdict reports (DESIGN.md §4): built from plain data here, then rendered. No framework imports.
 */
import { stringify } from "csv-stringify/sync";
import { describeStatus, type ClaimStatus } from "./claim-status";
import { findRating, type VerdictRating } from "./verdict-scale";

export interface ReportClaimInput {
  id: string;
  text: string;
  status: ClaimStatus;
  articleTitle: string;
  articleOutlet: string;
  articleUrl: string | null;
  assigneeName: string | null;
  updatedAt: Date;
  verdict: {
    rating: string;
    rationale: string;
    state: string;
    proposedByName: string;
    approvedByName: string | null;
    proposedAt: Date;
    approvedAt: Date | null;
  } | null;
  evidence: { url: string; stance: string }[];
}

export interface ReportRow {
  claimId: string;
  article: string;
  outlet: string;
  claim: string;
  status: string;
  verdict: string;
  verdictState: string;
  ratingValue: number | null;
  rationale: string;
  evidenceUrls: string[];
  reviewer: string;
  approver: string;
  proposedAt: string;
  approvedAt: string;
  updatedAt: string;
}

export const REPORT_COLUMNS: readonly { key: keyof ReportRow; header: string }[] = [
  { key: "claimId", header: "Claim ID" },
  { key: "article", header: "Article" },
  { key: "outlet", header: "Outlet" },
  { key: "claim", header: "Claim" },
  { key: "status", header: "Status" },
  { key: "verdict", header: "Verdict" },
  { key: "verdictState", header: "Verdict state" },
  { key: "ratingValue", header: "Rating value" },
  { key: "rationale", header: "Rationale" },
  { key: "evidenceUrls", header: "Evidence URLs" },
  { key: "reviewer", header: "Reviewer" },
  { key: "approver", header: "Approver" },
  { key: "proposedAt", header: "Proposed at (UTC)" },
  { key: "approvedAt", header: "Approved at (UTC)" },
  { key: "updatedAt", header: "Last updated (UTC)" },
];

export function buildReportRows(claims: readonly ReportClaimInput[], scale: readonly VerdictRating[]): ReportRow[] {
  return claims.map((claim) => {
    const verdict = claim.verdict;
    const rating = verdict ? findRating(scale, verdict.rating) : undefined;
    return {
      claimId: claim.id,
      article: claim.articleTitle,
      outlet: claim.articleOutlet,
      claim: claim.text,
      status: describeStatus(claim.status),
      verdict: verdict ? (rating?.label ?? verdict.rating) : "",
      verdictState: verdict ? describeVerdictState(verdict.state) : "",
      ratingValue: rating?.ratingValue ?? null,
      rationale: verdict?.rationale ?? "",
      evidenceUrls: claim.evidence.map((e) => e.url),
      reviewer: verdict?.proposedByName ?? claim.assigneeName ?? "",
      approver: verdict?.approvedByName ?? "",
      proposedAt: verdict ? isoOrEmpty(verdict.proposedAt) : "",
      approvedAt: verdict ? isoOrEmpty(verdict.approvedAt) : "",
      updatedAt: isoOrEmpty(claim.updatedAt),
    };
  });
}

const VERDICT_STATE_LABELS: Record<string, string> = {
  PROPOSED: "Proposed (awaiting approval)",
  APPROVED: "Approved",
  RETURNED: "Returned to reviewer",
  PUBLISHED: "Published",
  SUPERSEDED: "Superseded",
};

export function describeVerdictState(state: string): string {
  return VERDICT_STATE_LABELS[state] ?? state;
}

function isoOrEmpty(date: Date | null): string {
  return date ? date.toISOString() : "";
}

/**
 * Spreadsheets run cells that begin with = + - @ (and tab/CR, which some strip first) as formulas.
 * Such cells are prefixed with an apostrophe so they are shown as text.
 */
export function neutralizeCsvCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cellText(value: ReportRow[keyof ReportRow]): string {
  if (value === null) return "";
  if (Array.isArray(value)) return value.join("\n");
  return String(value);
}

/** RFC 4180 CSV (CRLF line ends, quoted as needed) with a header row; every text cell neutralised. */
export function renderReportCsv(rows: readonly ReportRow[]): string {
  const records = rows.map((row) => REPORT_COLUMNS.map((col) => neutralizeCsvCell(cellText(row[col.key]))));
  // With a CRLF record delimiter the library only quotes fields holding the whole CRLF; a bare LF or
  // CR inside a cell (Markdown rationale, joined evidence URLs) must be quoted too (RFC 4180 §2.6).
  return stringify([REPORT_COLUMNS.map((c) => c.header), ...records], { record_delimiter: "\r\n", quoted_match: /[\r\n]/ });
}
