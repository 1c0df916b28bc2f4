/** The report formats, their media types and file names (no renderer here: safe for client bundles). */
export const REPORT_FORMATS = ["csv", "json", "ndjson", "claimreview", "pdf"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export type StreamedReportFormat = Exclude<ReportFormat, "pdf">;

export const REPORT_FORMAT_INFO: Record<ReportFormat, { label: string; contentType: string; extension: string }> = {
  csv: { label: "CSV (spreadsheet)", contentType: "text/csv; charset=utf-8", extension: "csv" },
  json: { label: "JSON", contentType: "application/json; charset=utf-8", extension: "json" },
  ndjson: { label: "NDJSON (one claim per line)", contentType: "application/x-ndjson; charset=utf-8", extension: "ndjson" },
  claimreview: { label: "schema.org ClaimReview (JSON-LD)", contentType: "application/ld+json; charset=utf-8", extension: "jsonld" },
  pdf: { label: "PDF", contentType: "application/pdf", extension: "pdf" },
};

/** The printable report and the PDF are laid out whole; longer reports are refused with advice. */
export const REPORT_DOCUMENT_LIMIT = 2000;

export function isStreamedFormat(format: ReportFormat): format is StreamedReportFormat {
  return format !== "pdf";
}

/** A download name: claimledger-report-<article id or date>[-wip].<extension>. */
export function reportFilename(format: ReportFormat, base: string, includesWorkInProgress: boolean): string {
  const safe = base.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "") || "report";
  return `claimledger-report-${safe}${includesWorkInProgress ? "-wip" : ""}.${REPORT_FORMAT_INFO[format].extension}`;
}
