import "server-only";
import { AppError } from "@/lib/domain/errors";
import { apiSecurityHeaders, servedOverHttps } from "@/lib/domain/security-headers";
import { runThroughToken } from "./audit-context";
import { authenticateApiToken, type ApiTokenAuth } from "./api-tokens";
import { toErrorResponse } from "./respond";

/**
 * The HTTP edge of the REST API: token authentication around every handler, bodies read with a size
 * cap before parsing, query strings as plain objects for the zod schemas, JSON answers. Errors go
 * through toErrorResponse (lib/server/respond.ts) like everywhere else.
 */

const JSON_CONTENT_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

function bodyTooLarge(maxBytes: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than the ${formatBytes(maxBytes)} this endpoint accepts.`);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;
}

function malformed(message: string): AppError {
  return new AppError("VALIDATION", message, { fields: { body: [message] } });
}

/**
 * Reads a request body chunk by chunk, handing each chunk to `onChunk`, and stops as soon as more
 * than `maxBytes` bytes have arrived: the stream is cancelled and `tooLarge()` is thrown. Returns the
 * body's size in bytes. Never holds more than one chunk itself.
 */
export async function readWithin(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  tooLarge: () => Error,
  onChunk: (chunk: Uint8Array) => void | Promise<void>,
): Promise<number> {
  const reader = body.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return size;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    await onChunk(value);
  }
}

/**
 * Reads a JSON object body, refusing more than `maxBytes` before parsing anything: a declared
 * Content-Length over the cap is refused at once, and the stream is cut off as soon as it passes it.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<Record<string, unknown>> {
  const contentType = request.headers.get("content-type");
  if (!contentType || !JSON_CONTENT_TYPE.test(contentType)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the request body as JSON with Content-Type: application/json.");
  }
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) throw bodyTooLarge(maxBytes);
  if (!request.body) throw malformed("The request needs a JSON object as its body.");
  const chunks: Uint8Array[] = [];
  await readWithin(request.body, maxBytes, () => bodyTooLarge(maxBytes), (chunk) => {
    chunks.push(chunk);
  });
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw malformed("The request body is not valid UTF-8.");
  }
  if (text.trim() === "") throw malformed("The request needs a JSON object as its body.");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw malformed("The request body is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw malformed("The request body must be a JSON object.");
  return parsed as Record<string, unknown>;
}

/** Query parameters as an object for a zod schema: a repeated key becomes an array (which a string field refuses). */
export function queryObject(request: Request): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URL(request.url).searchParams) {
    const previous = out[key];
    out[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return out;
}

export function jsonResponse(body: unknown, init: { status?: number; etag?: string } = {}): Response {
  const headers = new Headers({ "Cache-Control": "private, no-store" });
  if (init.etag) headers.set("ETag", init.etag);
  return Response.json(body, { status: init.status ?? 200, headers });
}

/**
 * Sets the API's security headers on an answer to `request` (lib/domain/security-headers.ts
 * apiSecurityHeaders: Content-Security-Policy `default-src 'none'; frame-ancestors 'none'`, and
 * Strict-Transport-Security as HSTS / HSTS_MAX_AGE_SECONDS say). The proxy skips /api/v1/… (proxy.ts),
 * so every answer there — JSON, streams, files, errors, the catch-all's 404 — passes through this.
 * Returns the same response (a copy when its headers cannot be changed).
 */
export function withApiSecurityHeaders(request: Request, response: Response): Response {
  const headers = apiSecurityHeaders(servedOverHttps(request.headers, request.url), { hsts: process.env.HSTS, maxAge: process.env.HSTS_MAX_AGE_SECONDS });
  let target = response;
  try {
    for (const [name, value] of headers) target.headers.set(name, value);
  } catch {
    // Immutable headers (a fetched response passed through): answer with a copy.
    target = new Response(response.body, response);
    for (const [name, value] of headers) target.headers.set(name, value);
  }
  return target;
}

type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";

/**
 * Answers for the methods a route under /api/v1 (or /api/health) does not serve, with the API's
 * security headers (withApiSecurityHeaders): 405 with `Allow`, and OPTIONS 204 with `Allow`, what
 * Next answers by itself for a method a route does not export, but Next's answers carry no
 * Content-Security-Policy or HSTS, and the proxy that added them skips these paths (proxy.ts). A route
 * exports the ones it lacks: `export const { PUT, PATCH, DELETE, OPTIONS } = otherApiMethods(["GET", "POST"])`
 * (HEAD is GET's when the route serves GET: leave it to Next then). `served`: the route's own methods.
 */
export function otherApiMethods(served: readonly ("GET" | "POST")[]): Record<HttpMethod, (request: Request) => Response> {
  const allow = [...served, ...(served.includes("GET") ? ["HEAD"] : []), "OPTIONS"].sort().join(", ");
  const notAllowed = (request: Request) => withApiSecurityHeaders(request, new Response(null, { status: 405, headers: { Allow: allow, "Cache-Control": "no-store" } }));
  const options = (request: Request) => withApiSecurityHeaders(request, new Response(null, { status: 204, headers: { Allow: allow } }));
  return { GET: notAllowed, HEAD: notAllowed, POST: notAllowed, PUT: notAllowed, PATCH: notAllowed, DELETE: notAllowed, OPTIONS: options };
}

/**
 * Runs one API handler for a token-authenticated request. Every audit event it writes records the
 * token and the human who created it (lib/server/audit-context.ts). 412 answers carry the claim's
 * current ETag next to its current state. Every answer carries the API's security headers
 * (withApiSecurityHeaders).
 */
export async function handleApiRequest(request: Request, route: string, run: (auth: ApiTokenAuth) => Promise<Response>): Promise<Response> {
  let auth: ApiTokenAuth | undefined;
  try {
    const authenticated = (auth = await authenticateApiToken(request));
    return withApiSecurityHeaders(request, await runThroughToken({ tokenId: authenticated.tokenId, tokenCreatorId: authenticated.tokenCreatorId }, () => run(authenticated)));
  } catch (error) {
    const response = toErrorResponse(error, { route, method: request.method, tokenId: auth?.tokenId, actorId: auth?.actor.id });
    const current = error instanceof AppError ? (error.current as { etag?: unknown } | undefined) : undefined;
    if (response.status === 412 && typeof current?.etag === "string") response.headers.set("ETag", current.etag);
    return withApiSecurityHeaders(request, response);
  }
}
