/**
 * Keyset cursors for the two claim lists. Both are the last row's key, opaque to clients: base64url
 * of a small JSON array of a time in milliseconds and the row's id.
 *
 * - The REST API pages in (createdAt, id) ascending, both immutable, so every claim present when
 *   paging starts is returned exactly once, whatever is inserted meanwhile (new claims sort after the
 *   ones already there). Its cursor is `[createdAtMillis, id]` (kept as first issued).
 * - The claims page (/claims) pages in (updatedAt, id) descending, most recently changed first. Its
 *   cursor carries a tag, `["u", updatedAtMillis, id]`, so neither list accepts the other's cursor
 *   (the same key would mean a different place in the other order).
 */
export interface ClaimCursor {
  createdAt: Date;
  id: string;
}

/** Where the claims page continues: after the row with this (updatedAt, id). */
export interface ClaimListCursor {
  updatedAt: Date;
  id: string;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const LIST_TAG = "u";
export const MAX_CURSOR_LENGTH = 200;

function encodeKey(parts: unknown[]): string {
  return Buffer.from(JSON.stringify(parts), "utf8").toString("base64url");
}

/** The array inside a cursor string, or null when it is not base64url JSON of an array. */
function decodeParts(value: string): unknown[] | null {
  if (value.length === 0 || value.length > MAX_CURSOR_LENGTH || !BASE64URL.test(value)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  return Array.isArray(parsed) ? (parsed as unknown[]) : null;
}

/** A row key from its two parts, or null unless they are a valid time in milliseconds and an id. */
function readKey(millis: unknown, id: unknown): { at: Date; id: string } | null {
  if (typeof millis !== "number" || !Number.isSafeInteger(millis) || millis < 0) return null;
  if (typeof id !== "string" || !ID_PATTERN.test(id)) return null;
  const at = new Date(millis);
  if (Number.isNaN(at.getTime())) return null;
  return { at, id };
}

export function encodeClaimCursor(cursor: ClaimCursor): string {
  return encodeKey([cursor.createdAt.getTime(), cursor.id]);
}

/** The cursor's key, or null when the string is not a cursor this API issued. */
export function decodeClaimCursor(value: string): ClaimCursor | null {
  const parts = decodeParts(value);
  if (!parts || parts.length !== 2) return null;
  const key = readKey(parts[0], parts[1]);
  return key && { createdAt: key.at, id: key.id };
}

export function encodeClaimListCursor(cursor: ClaimListCursor): string {
  return encodeKey([LIST_TAG, cursor.updatedAt.getTime(), cursor.id]);
}

/** The claims page's cursor key, or null when the string is not a cursor that page issued. */
export function decodeClaimListCursor(value: string): ClaimListCursor | null {
  const parts = decodeParts(value);
  if (!parts || parts.length !== 3 || parts[0] !== LIST_TAG) return null;
  const key = readKey(parts[1], parts[2]);
  return key && { updatedAt: key.at, id: key.id };
}
