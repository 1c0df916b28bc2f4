import { describe, expect, it } from "vitest";
import { decodeClaimCursor, decodeClaimListCursor, encodeClaimCursor, encodeClaimListCursor, MAX_CURSOR_LENGTH } from "./claim-cursor";

/** A cursor-shaped string around any JSON value. */
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
/** Strings that are no cursor of either list. */
const NOT_CURSORS = ["", "not a cursor!", "%%%", "x".repeat(MAX_CURSOR_LENGTH + 1), Buffer.from("{not json").toString("base64url"), encode({ at: 1, id: "a" })];

describe("claim list cursors", () => {
  it("round-trips a row key and is URL-safe", () => {
    const key = { createdAt: new Date("2026-03-01T12:34:56.789Z"), id: "cmabc123_-XYZ" };
    const cursor = encodeClaimCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor.length).toBeLessThanOrEqual(MAX_CURSOR_LENGTH);
    expect(decodeClaimCursor(cursor)).toEqual(key);
  });

  it("refuses strings it did not issue", () => {
    for (const bad of [
      ...NOT_CURSORS,
      encode({ createdAt: 1, id: "a" }),
      encode([1]),
      encode(["2026-01-01", "a"]),
      encode([-5, "a"]),
      encode([1.5, "a"]),
      encode([1, ""]),
      encode([1, "a' OR 1=1 --"]),
      encode([1, "x".repeat(65)]),
      encode([1e300, "a"]),
    ]) {
      expect(decodeClaimCursor(bad), bad).toBeNull();
    }
  });

  it("round-trips the claims page's cursor, and each list refuses the other's", () => {
    const at = new Date("2026-03-01T12:34:56.789Z");
    const listCursor = encodeClaimListCursor({ updatedAt: at, id: "cmabc123_-XYZ" });
    expect(listCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(listCursor.length).toBeLessThanOrEqual(MAX_CURSOR_LENGTH);
    expect(decodeClaimListCursor(listCursor)).toEqual({ updatedAt: at, id: "cmabc123_-XYZ" });
    const apiCursor = encodeClaimCursor({ createdAt: at, id: "cmabc123_-XYZ" });
    expect(decodeClaimCursor(listCursor)).toBeNull();
    expect(decodeClaimListCursor(apiCursor)).toBeNull();
  });

  it("refuses list cursors it did not issue", () => {
    for (const bad of [
      ...NOT_CURSORS,
      encode(["u", 1]),
      encode(["x", 1, "a"]),
      encode(["u", "1", "a"]),
      encode(["u", -1, "a"]),
      encode(["u", 1, "a b"]),
      encode(["u", 1, "a", "extra"]),
      encode(["u", 1.5, "a"]),
    ]) {
      expect(decodeClaimListCursor(bad), bad).toBeNull();
    }
  });
});
