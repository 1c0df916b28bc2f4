/**
 * The report formats and, for the streamed ones, a writer that turns batches of entries into text:
 * a prologue, each batch, an epilogue (which may hold the summary counted along the way).
 */
import type { VerdictRating } from "../verdict-scale";
import { ratingBounds, renderClaimReviews, serializeJsonLd } from "./claim-review";
import { renderCsvHeader, renderCsvRecords } from "./csv";
import { renderJsonClaims, renderJsonEnd, renderJsonStart, renderNdjsonLines } from "./json";
import type { StreamedReportFormat } from "./format-info";
import { createSummaryCounter, type ReportEntry, type ReportHeader } from "./model";

export interface ReportStreamWriter {
  start(): string;
  write(entries: readonly ReportEntry[]): string;
  end(): string;
}

export function createReportStreamWriter(format: StreamedReportFormat, header: ReportHeader, scale: readonly VerdictRating[]): ReportStreamWriter {
  switch (format) {
    case "csv":
      // The byte-order mark tells spreadsheet programs the file is UTF-8.
      return { start: () => `\uFEFF${renderCsvHeader()}`, write: renderCsvRecords, end: () => "" };
    case "ndjson":
      return { start: () => "", write: (entries) => renderNdjsonLines(entries, header), end: () => "" };
    case "json": {
      const counter = createSummaryCounter(scale);
      let first = true;
      return {
        start: () => renderJsonStart(header),
        write(entries) {
          counter.add(entries);
          const out = renderJsonClaims(entries, header, first);
          if (entries.length > 0) first = false;
          return out;
        },
        end: () => renderJsonEnd(counter.result()),
      };
    }
    case "claimreview": {
      const bounds = ratingBounds(scale);
      let first = true;
      return {
        start: () => "[",
        write(entries) {
          let out = "";
          for (const review of renderClaimReviews(entries, header, bounds)) {
            out += `${first ? "\n" : ",\n"}${serializeJsonLd(review)}`;
            first = false;
          }
          return out;
        },
        end: () => (first ? "]\n" : "\n]\n"),
      };
    }
  }
}
