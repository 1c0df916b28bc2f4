/**
 * The PDF report as a task of the extraction pool's worker threads (lib/server/extraction-pool/):
 * laying out a report with pdfkit is CPU work (up to seconds for thousands of claims), so it runs
 * beside claim finding, under the same time, memory and queue limits, never on a request thread.
 * Input and output cross the thread boundary by structured clone: the report document in, the
 * finished PDF's bytes out.
 */
import type { ReportDocument } from "./model";
import { pdfBuffer, renderReportPdf } from "./pdf";
import { sharedPdfFonts } from "./pdf-fonts";

/** Renders `document` to a complete PDF file (bytes), with the fonts parsed once per worker thread. Throws what renderReportPdf or loadPdfFonts throw. */
export async function renderPdfTask(input: { document: ReportDocument }): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = await pdfBuffer(renderReportPdf(input.document, await sharedPdfFonts()));
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
