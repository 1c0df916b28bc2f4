import "server-only";
import { createReportStreamWriter, REPORT_FORMAT_INFO, reportFilename, type ReportFormat, type ReportStreamWriter } from "@/lib/domain/report";
import type { ReportEntry } from "@/lib/domain/report";
import type { ReportQuery } from "@/lib/validation/reports";
import { env } from "./env";
import { runExtractionTask } from "./extraction-pool/run-task";
import { withPoolSlot } from "./extraction-pool/user-slots";
import { logger } from "./logger";
import type { Actor } from "./permissions";
import { loadReportDocument, prepareReport, type ReportOptions } from "./reports";

/** The app's public origin for absolute links: NEXTAUTH_URL when set, else the request's own origin. */
export function publicBaseUrl(requestOrigin: string): string {
  try {
    if (env.NEXTAUTH_URL) return new URL(env.NEXTAUTH_URL).origin;
  } catch {}
  return new URL(requestOrigin).origin;
}

function downloadHeaders(format: ReportFormat, filename: string): HeadersInit {
  return {
    "Content-Type": REPORT_FORMAT_INFO[format].contentType,
    "Content-Disposition": `attachment; filename="${filename}"`,
    // no-transform: no compression layer holds chunks back, so bytes flow as they are written.
    "Cache-Control": "private, no-store, no-transform",
    "X-Accel-Buffering": "no",
  };
}

const CHUNK_ENTRIES = 25;

/**
 * A streamed body: the writer's prologue at once (time to first byte does not depend on the report's
 * size), then one chunk per batch, pulled only as fast as the client reads (constant memory).
 */
function streamBatches(batches: AsyncGenerator<ReportEntry[], void, undefined>, writer: ReportStreamWriter): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>({
    // Each pull enqueues at least one chunk or closes the stream: a pull that enqueues nothing would
    // leave the reader waiting forever (e.g. a ClaimReview batch of work in progress renders nothing).
    async pull(controller) {
      let sent = false;
      const send = (text: string) => {
        if (!text) return;
        controller.enqueue(encoder.encode(text));
        sent = true;
      };
      try {
        if (!started) {
          started = true;
          send(writer.start());
        }
        while (!sent) {
          const next = await batches.next();
          if (next.done) {
            send(writer.end());
            controller.close();
            return;
          }
          // A batch goes out in small chunks: no single large string, and the browser's progress moves smoothly.
          for (let i = 0; i < next.value.length; i += CHUNK_ENTRIES) send(writer.write(next.value.slice(i, i + CHUNK_ENTRIES)));
        }
      } catch (error) {
        logger.error({ err: error }, "report stream failed");
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}

/** The download of a report in one format; refusals (rights, limits) are thrown before any byte is sent. */
export async function createReportResponse(
  actor: Actor,
  query: ReportQuery,
  options: ReportOptions & { filename?: string },
): Promise<Response> {
  const { format, ...scope } = query;
  if (format === "pdf") {
    const document = await loadReportDocument(actor, scope, options);
    // Laid out in the worker pool (up to seconds of CPU for a large report), never on this thread;
    // the pool's time, memory and queue limits apply (their refusals are AppErrors, before any byte).
    const { header, summary, entries } = document;
    const pdf = await withPoolSlot(actor.id, "pdf", () => runExtractionTask("renderPdf", { document: { header, summary, entries } }, { work: "pdf" }));
    const filename = options.filename ?? reportFilename(format, document.filenameBase, header.includesWorkInProgress);
    return new Response(pdf, { headers: downloadHeaders(format, filename) });
  }
  const report = await prepareReport(actor, scope, options);
  const writer = createReportStreamWriter(format, report.header, report.scale);
  const filename = options.filename ?? reportFilename(format, report.filenameBase, report.header.includesWorkInProgress);
  return new Response(streamBatches(report.batches(), writer), { headers: downloadHeaders(format, filename) });
}
