/**
 * A claim's ETag is its version (the optimistic-locking counter): `"v7"`. Writes that could overwrite
 * someone else's work send it back in If-Match; a stale one is refused (412), a missing one too (428).
 */
export function claimEtag(version: number): string {
  return `"v${version}"`;
}

export type IfMatch =
  | { kind: "missing" }
  /** `*` matches any version, which is no protection at all: refused like a missing header. */
  | { kind: "wildcard" }
  /** The claim versions named by the header's strong tags (weak or foreign tags never match). */
  | { kind: "tags"; versions: number[] };

const OUR_TAG = /^"v([1-9][0-9]{0,9})"$/;

/** Parses an If-Match header (RFC 9110 §13.1.1): `*` or a comma-separated list of entity tags. */
export function parseIfMatch(header: string | null): IfMatch {
  const value = header?.trim() ?? "";
  if (value === "") return { kind: "missing" };
  if (value === "*") return { kind: "wildcard" };
  const versions: number[] = [];
  for (const part of value.split(",")) {
    const match = OUR_TAG.exec(part.trim());
    const version = match ? Number(match[1]) : NaN;
    if (Number.isSafeInteger(version) && version <= 2_147_483_647 && !versions.includes(version)) versions.push(version);
  }
  return { kind: "tags", versions };
}
