/**
 * JSON and NDJSON renderings of a report. JSON is one document: the report header, the claims, then
 * the summary (known only once every claim was written). NDJSON is one claim per line.
 */
import { claimReportUrl, type ReportEntry, type ReportHeader, type ReportSummary } from "./model";

/** One claim as JSON and NDJSON show it. */
export function toReportJsonClaim(entry: ReportEntry, header: Pick<ReportHeader, "baseUrl">) {
  return {
    id: entry.claimId,
    url: claimReportUrl(header, entry.claimId),
    workInProgress: entry.workInProgress,
    text: entry.claim,
    claimant: entry.claimant,
    quote: entry.quote,
    status: entry.status,
    statusLabel: entry.statusLabel,
    article: entry.article,
    verdict: entry.verdict,
    evidence: entry.evidence,
    reviewer: entry.reviewer,
    approver: entry.approver,
    updatedAt: entry.updatedAt,
    // A blind double review's two proposals (empty otherwise): never only the latest.
    proposals: entry.proposals,
  };
}

/**
 * A line of NDJSON: JSON.stringify escapes CR and LF inside strings, so the only line break is the
 * terminating one. U+2028/U+2029 are escaped too, for readers that treat them as line ends.
 */
export function renderNdjsonLines(entries: readonly ReportEntry[], header: Pick<ReportHeader, "baseUrl">): string {
  let out = "";
  for (const entry of entries) out += `${escapeLineSeparators(JSON.stringify(toReportJsonClaim(entry, header)))}\n`;
  return out;
}

export function escapeLineSeparators(json: string): string {
  return json.replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

export function renderJsonStart(header: ReportHeader): string {
  const { baseUrl: _baseUrl, publicBaseUrl: _publicBaseUrl, ...shown } = header;
  return `{"report":${escapeLineSeparators(JSON.stringify(shown))},"claims":[`;
}

/** The claims of one batch; `first` tells whether nothing was written before. */
export function renderJsonClaims(entries: readonly ReportEntry[], header: Pick<ReportHeader, "baseUrl">, first: boolean): string {
  let out = "";
  entries.forEach((entry, i) => {
    out += `${first && i === 0 ? "\n" : ",\n"}${escapeLineSeparators(JSON.stringify(toReportJsonClaim(entry, header)))}`;
  });
  return out;
}

export function renderJsonEnd(summary: ReportSummary): string {
  return `\n],"summary":${JSON.stringify(summary)}}\n`;
}
