import { describe, expect, it } from "vitest";
import { CLAIM_SORTS, decodeSortedClaimCursor, defaultClaimSort, encodeSortedClaimCursor, sortBuckets } from "./claim-sort";

describe("claim list sorts", () => {
  it("My claims opens by due date, All claims by last change", () => {
    expect(defaultClaimSort(false)).toBe("due");
    expect(defaultClaimSort(true)).toBe("changed");
  });

  it("ranks priority by urgency and status by workflow, each with a bucket for anything else", () => {
    expect(sortBuckets("priority").map((b) => (b.kind === "equals" ? b.value : b.kind))).toEqual(["URGENT", "HIGH", "NORMAL", "LOW", "rest"]);
    const status = sortBuckets("status").map((b) => (b.kind === "equals" ? b.value : b.kind));
    expect(status.slice(0, 3)).toEqual(["NEW", "ASSIGNED", "IN_REVIEW"]);
    expect(status.at(-1)).toBe("rest");
    expect(sortBuckets("due").map((b) => b.kind)).toEqual(["dated", "undated"]);
  });

  it("round-trips a cursor and refuses foreign or forged ones", () => {
    for (const sort of CLAIM_SORTS) {
      const cursor = { sort, bucket: 0, at: new Date("2026-11-30T10:00:00Z"), id: "claim_1" };
      expect(decodeSortedClaimCursor(encodeSortedClaimCursor(cursor))).toEqual(cursor);
    }
    const forged = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString("base64url");
    expect(decodeSortedClaimCursor(forged(["s", "due", 2, 0, "x"]))).toBeNull();
    expect(decodeSortedClaimCursor(forged(["s", "title", 0, 0, "x"]))).toBeNull();
    expect(decodeSortedClaimCursor(forged(["u", 0, "x"]))).toBeNull();
    expect(decodeSortedClaimCursor(forged(["s", "due", 0, 0, "x'; DROP TABLE"]))).toBeNull();
    expect(decodeSortedClaimCursor("not base64!")).toBeNull();
  });
});
