import { describe, expect, it } from "vitest";
import { claimEtag, parseIfMatch } from "./etag";

describe("claim ETags and If-Match", () => {
  it("round-trips a version through the ETag", () => {
    for (const version of [1, 7, 2_147_483_647]) {
      expect(parseIfMatch(claimEtag(version))).toEqual({ kind: "tags", versions: [version] });
    }
  });

  it("tells a missing header from a wildcard", () => {
    expect(parseIfMatch(null)).toEqual({ kind: "missing" });
    expect(parseIfMatch("   ")).toEqual({ kind: "missing" });
    expect(parseIfMatch("*")).toEqual({ kind: "wildcard" });
  });

  it("reads a list of tags, ignoring weak and foreign ones", () => {
    expect(parseIfMatch('"v3", W/"v4", "abc", "v5"')).toEqual({ kind: "tags", versions: [3, 5] });
    expect(parseIfMatch('W/"v4"')).toEqual({ kind: "tags", versions: [] });
  });

  it("names no version for malformed or out-of-range tags", () => {
    for (const header of ["v3", '"3"', '"v0"', '"v-1"', '"v1.5"', '"v99999999999"', "'v3'", '"v3']) {
      expect(parseIfMatch(header), header).toEqual({ kind: "tags", versions: [] });
    }
  });
});
