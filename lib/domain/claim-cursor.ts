/**
 * The API's claim list pages through claims in a stable keyset order: (createdAt, id), both immutable,
 * so every claim present when paging starts is returned exactly once, whatever is inserted meanwhile
 * (new claims sort after the ones already there). The cursor is the last row's key, opaque to clients:
 * base64url of a small JSON array.
 */
export interface ClaimCursor {
  createdAt: Date;
  id: string;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
export const MAX_CURSOR_LENGTH = 200;

export function encodeClaimCursor(cursor: ClaimCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.getTime(), cursor.id]), "utf8").toString("base64url");
}

/** The cursor's key, or null when the string is not a cursor this API issued. */
export function decodeClaimCursor(value: string): ClaimCursor | null {
  if (value.length === 0 || value.length > MAX_CURSOR_LENGTH || !BASE64URL.test(value)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return null;
  const [millis, id] = parsed as unknown[];
  if (typeof millis !== "number" || !Number.isSafeInteger(millis) || millis < 0) return null;
  if (typeof id !== "string" || !ID_PATTERN.test(id)) return null;
  const createdAt = new Date(millis);
  if (Number.isNaN(createdAt.getTime())) return null;
  return { createdAt, id };
}
