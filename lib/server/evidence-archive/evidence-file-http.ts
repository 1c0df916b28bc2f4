import "server-only";
import contentDisposition from "content-disposition";
import { AppError } from "@/lib/domain/errors";
import { consumeWriteAction } from "../action-rate-limit";
import type { Actor } from "../permissions";
import { attachEvidenceFile, readEvidenceFile } from "./evidence-file";

/**
 * The HTTP side of evidence files, shared by the signed-in route (/claims/{claimId}/evidence/{id}/file)
 * and the REST API (/api/v1/claims/{claimId}/evidence/{id}/file). An upload is the file's raw bytes as
 * the request body (streamed to disk, never buffered whole); its name comes in `?filename=` or the
 * `X-File-Name` header (percent-encoded UTF-8), the evidence version seen in `?version=`. The client's
 * Content-Type is ignored: the type is judged from the content.
 */

function headerFileName(request: Request): string {
  const query = new URL(request.url).searchParams.get("filename");
  if (query !== null) return query;
  const header = request.headers.get("x-file-name");
  if (!header) return "";
  try {
    return decodeURIComponent(header);
  } catch {
    return header;
  }
}

function versionOf(request: Request): number {
  const raw = new URL(request.url).searchParams.get("version") ?? "";
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) {
    throw new AppError("VALIDATION", "Send the evidence's version (?version=N, from the claim) so no one's change is overwritten.", { fields: { version: ["Required."] } });
  }
  return Number(raw);
}

function declaredLength(request: Request): number | null {
  const raw = request.headers.get("content-length")?.trim() ?? "";
  return /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}

/**
 * Refuses a cookie-authenticated upload that a browser sent from another site: `Sec-Fetch-Site` must
 * be same-origin, or (older browsers) `Origin` must name this request's host. FORBIDDEN otherwise.
 */
export function assertSameOriginUpload(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null) {
    if (site === "same-origin") return;
  } else {
    const origin = request.headers.get("origin");
    const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
    try {
      if (origin && host && new URL(origin).host === host) return;
    } catch {
      // falls through to the refusal
    }
  }
  throw new AppError("FORBIDDEN", "Uploads are accepted only from ClaimLedger's own pages.");
}

/** Runs one upload (rate-limited like imports: each may be 20 MiB) and answers 201 with the recorded file. */
export async function uploadEvidenceFileFromRequest(actor: Actor, request: Request, claimId: string, evidenceId: string): Promise<Response> {
  const expectedVersion = versionOf(request);
  await consumeWriteAction(actor, "import");
  const file = await attachEvidenceFile(actor, {
    claimId,
    evidenceId,
    expectedVersion,
    fileName: headerFileName(request),
    declaredLength: declaredLength(request),
    body: request.body,
  });
  const { version, ...data } = file;
  return Response.json({ data: { ...data, evidenceVersion: version } }, { status: 201, headers: { "Cache-Control": "private, no-store" } });
}

/**
 * The stored file as a download: always `Content-Disposition: attachment`, the accepted type's MIME
 * type (never HTML or SVG: those are refused on upload), `nosniff`, a sandboxing CSP, no caching.
 */
export async function evidenceFileDownload(actor: Actor, claimId: string, evidenceId: string): Promise<Response> {
  const file = await readEvidenceFile(actor, claimId, evidenceId);
  return new Response(file.stream, {
    headers: {
      "Content-Type": file.type.mime,
      "Content-Length": String(file.size),
      "Content-Disposition": contentDisposition(file.name, { type: "attachment" }),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
      "X-Evidence-SHA256": file.sha256,
    },
  });
}
