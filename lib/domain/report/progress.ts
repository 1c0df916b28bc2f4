/**
 * Counts the claims of a report download as its text arrives, chunk by chunk (chunks may split a
 * record anywhere). CSV: records ended by a line break outside quotes, minus the header. NDJSON: lines.
 * JSON and ClaimReview: lines that start an object (each claim is written on its own line).
 * PDF: not countable while it arrives (null).
 */
import type { ReportFormat } from "./format-info";

export interface RowCounter {
  push(text: string): void;
  readonly rows: number | null;
}

export function createRowCounter(format: ReportFormat): RowCounter {
  let lines = 0;
  let inQuotes = false;
  let previous = "";
  switch (format) {
    case "csv":
      return {
        push(text) {
          for (let i = 0; i < text.length; i++) {
            const c = text.charCodeAt(i);
            if (c === 34) inQuotes = !inQuotes;
            else if (c === 10 && !inQuotes) lines += 1;
          }
        },
        get rows() {
          return Math.max(0, lines - 1);
        },
      };
    case "ndjson":
      return {
        push(text) {
          for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines += 1;
        },
        get rows() {
          return lines;
        },
      };
    case "json":
    case "claimreview":
      return {
        push(text) {
          for (let i = 0; i < text.length; i++) {
            if (text[i] === "{" && previous === "\n") lines += 1;
            previous = text[i]!;
          }
        },
        get rows() {
          return lines;
        },
      };
    case "pdf":
      return { push() {}, rows: null };
  }
}

/** The file name of a Content-Disposition header (attachment; filename="…"). */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  const match = header ? /filename="([^"]+)"/.exec(header) : null;
  return match?.[1] ?? fallback;
}
