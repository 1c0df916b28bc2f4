/**
 * The CSV rendering of a report: RFC 4180 through csv-stringify (CRLF record ends, quoting as
 * needed), UTF-8, one record per claim, formula-looking cells neutralised. Written batch by batch.
 */
import { stringify } from "csv-stringify/sync";
import { describeProposals, type ReportEntry } from "./model";

type CellValue = string | number | null;

export const REPORT_COLUMNS: readonly { header: string; value: (entry: ReportEntry) => CellValue }[] = [
  { header: "Claim ID", value: (e) => e.claimId },
  { header: "Work in progress", value: (e) => (e.workInProgress ? "yes" : "no") },
  { header: "Article", value: (e) => e.article.title },
  { header: "Outlet", value: (e) => e.article.outlet },
  { header: "Article URL", value: (e) => e.article.url },
  { header: "Claim", value: (e) => e.claim },
  { header: "Status", value: (e) => e.statusLabel },
  { header: "Verdict", value: (e) => e.verdict?.label ?? null },
  { header: "Verdict state", value: (e) => e.verdict?.stateLabel ?? null },
  { header: "Rating value", value: (e) => e.verdict?.ratingValue ?? null },
  { header: "Rationale", value: (e) => e.verdict?.rationale ?? null },
  { header: "Evidence URLs", value: (e) => e.evidence.map((x) => x.url ?? "(file, no URL)").join("\n") },
  { header: "Evidence", value: (e) => e.evidence.map((x) => `${x.stanceLabel}: ${x.title} (${x.publisher})`).join("\n") },
  { header: "Evidence archived", value: (e) => e.evidence.map((x) => (x.archivedAt ? `${x.archivedAt} sha256:${x.sha256 ?? ""}` : "not archived")).join("\n") },
  { header: "Evidence files", value: (e) => e.evidence.map((x) => (x.file ? `${x.file.name} sha256:${x.file.sha256}` : "")).join("\n") },
  { header: "Reviewer", value: (e) => e.reviewer },
  { header: "Approver", value: (e) => e.approver },
  { header: "Proposed at (UTC)", value: (e) => e.verdict?.proposedAt ?? null },
  { header: "Approved at (UTC)", value: (e) => e.verdict?.approvedAt ?? null },
  { header: "Published at (UTC)", value: (e) => e.verdict?.publishedAt ?? null },
  { header: "Last updated (UTC)", value: (e) => e.updatedAt },
  // Who made the claim; last, so the columns before keep their places in existing spreadsheets.
  { header: "Claimant", value: (e) => e.claimant?.name ?? null },
  { header: "Claimant kind", value: (e) => (e.claimant ? (e.claimant.kind === "PERSON" ? "Person" : "Organization") : null) },
  // A blind double review's two proposals, one per line (after the claimant, for the same reason).
  { header: "Double review proposals", value: (e) => describeProposals(e).join("\n") },
  { header: "Double review rationales", value: (e) => e.proposals.map((p) => `Reviewer ${p.slot}, ${p.reviewer}: ${p.rationale}`).join("\n") },
];

const FORMULA_START = /^[=+\-@\t\r]/;
// Minus signs that are not NFKC-equivalent to "-" but that spreadsheets also read as a leading minus.
const MINUS_SIGNS = new Set(["\u2212", "\u2796"]);

/**
 * Spreadsheets run cells that begin with = + - @ (and tab/CR, which some strip first) as formulas
 * (OWASP "CSV Injection"). Such cells are prefixed with an apostrophe so they are shown as text. The
 * first code point is compared after NFKC normalisation, so the fullwidth and compatibility forms
 * (＝ ＋ － ＠, small ﹦ ﹢ ﹣ ﹫, superscript/subscript ⁺ ₊ ⁼ ₌) count too, as does U+2212 MINUS SIGN.
 * Input and output are strings; never throws.
 */
export function neutralizeCsvCell(value: string): string {
  if (value === "") return value;
  const first = String.fromCodePoint(value.codePointAt(0)!);
  const formulaLike = FORMULA_START.test(first) || FORMULA_START.test(first.normalize("NFKC")) || MINUS_SIGNS.has(first);
  return formulaLike ? `'${value}` : value;
}

function cellText(value: CellValue): string {
  return value === null ? "" : String(value);
}

/**
 * csv-stringify options of every CSV export: CRLF record ends (RFC 4180). With a CRLF record delimiter
 * the library only quotes fields holding the whole CRLF; a bare LF or CR inside a cell (Markdown
 * rationale, one evidence per line) must be quoted too (RFC 4180 §2.6).
 */
export const CSV_OPTIONS = { record_delimiter: "\r\n", quoted_match: /[\r\n]/ } as const;

/** The header record. */
export function renderCsvHeader(): string {
  return stringify([REPORT_COLUMNS.map((c) => c.header)], CSV_OPTIONS);
}

/** One CRLF-terminated record per entry, every cell neutralised. */
export function renderCsvRecords(entries: readonly ReportEntry[]): string {
  if (entries.length === 0) return "";
  const records = entries.map((entry) => REPORT_COLUMNS.map((col) => neutralizeCsvCell(cellText(col.value(entry)))));
  return stringify(records, CSV_OPTIONS);
}

/** A whole report as CSV: the header record, then one record per entry. */
export function renderReportCsv(entries: readonly ReportEntry[]): string {
  return renderCsvHeader() + renderCsvRecords(entries);
}
