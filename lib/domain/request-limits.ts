/**
 * Body size limits checked before a request reaches the framework (issue 12): a server action whose
 * body is larger than Next's `serverActions.bodySizeLimit` would otherwise fail inside Next with a 500.
 */

/** Bytes a server-action body may hold; must equal `experimental.serverActions.bodySizeLimit` ("3mb") in next.config.js. */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 3 * 1024 * 1024;

export interface RequestRefusal {
  status: 413;
  body: { error: { code: "PAYLOAD_TOO_LARGE"; message: string } };
}

/**
 * Whether a request is a server-action call (POST with a `Next-Action` header) whose declared
 * Content-Length is over `limit` bytes, to be refused with 413 before its body is read. Null for every
 * other request (a body without a length is still capped by Next's own limit while it is read).
 * The body has the API's error shape, { error: { code, message } }.
 */
export function refuseServerActionBody(method: string, headers: Headers, limit = SERVER_ACTION_BODY_LIMIT_BYTES): RequestRefusal | null {
  if (method !== "POST" || !headers.has("next-action")) return null;
  const raw = headers.get("content-length")?.trim() ?? "";
  if (!/^\d{1,15}$/.test(raw) || Number(raw) <= limit) return null;
  const mib = Math.round((limit / (1024 * 1024)) * 10) / 10;
  return { status: 413, body: { error: { code: "PAYLOAD_TOO_LARGE", message: `The form is larger than the ${mib} MiB the server accepts; nothing was saved.` } } };
}
