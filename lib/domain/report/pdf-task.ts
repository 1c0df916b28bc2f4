/**
 * The PDF report as a task of the extraction pool's worker threads (lib/server/extraction-pool/):
 * laying out a report with pdfkit is CPU work (up to seconds for thousands of claims), so it runs
 * beside claim finding, under the same time, memory and queue limits, never on a request thread.
 * Input and output cross the thread boundary by structured clone: the report document in, the
 * finished PDF's bytes out.
 */
import type { ReportDocument } from "./model";
import { renderReportPdf, type PdfFonts } from "./pdf";
import { loadPdfFonts } from "./pdf-fonts";

let fonts: Promise<PdfFonts> | undefined;

/** The fonts, parsed once per worker thread and kept for its later reports (~30 MB). */
function workerFonts(): Promise<PdfFonts> {
  fonts ??= loadPdfFonts().catch((error: unknown) => {
    fonts = undefined;
    throw error;
  });
  return fonts;
}

/** Renders `document` to a complete PDF file (bytes). Throws what renderReportPdf or loadPdfFonts throw. */
export async function renderPdfTask(input: { document: ReportDocument }): Promise<Uint8Array<ArrayBuffer>> {
  const doc = renderReportPdf(input.document, await workerFonts());
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  const bytes = Buffer.concat(chunks);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
