import { describe, expect, it } from "vitest";
import { safeRedirectUrl, sameOriginPath } from "./safe-redirect";

const ORIGIN = "https://desk.example.org";

describe("sameOriginPath", () => {
  it("keeps paths on the app's own origin, with query and fragment", () => {
    expect(sameOriginPath("/claims", ORIGIN)).toBe("/claims");
    expect(sameOriginPath("/claims?status=NEW#top", ORIGIN)).toBe("/claims?status=NEW#top");
    expect(sameOriginPath("/claims/abc/../def", ORIGIN)).toBe("/claims/def");
    expect(sameOriginPath("https://desk.example.org/reports", ORIGIN)).toBe("/reports");
    expect(sameOriginPath("claims", ORIGIN)).toBe("/claims");
    // A browser reads a same-scheme URL without slashes as a relative path on the current host.
    expect(sameOriginPath("https:evil.example", ORIGIN)).toBe("/evil.example");
  });

  // Every form a browser would read as another host (after decoding the query string once).
  const offsite = [
    "/\t/evil.example/",
    "/\n/evil.example/",
    "/\r/evil.example/",
    "/\r\n/evil.example/",
    "\t//evil.example/",
    " //evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\\/evil.example",
    "/.//evil.example",
    "https://evil.example/",
    "http://desk.example.org/", // other scheme = other origin
    "https://desk.example.org.evil.example/",
    "https://desk.example.org@evil.example/",
    "//desk.example.org@evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "",
    "   ",
  ];
  it.each(offsite)("refuses %j", (requested) => {
    expect(sameOriginPath(requested, ORIGIN)).toBeNull();
  });

  it("refuses the encoded forms once the query string is decoded, and keeps still-encoded ones as paths", () => {
    for (const encoded of ["%2F%09%2Fevil.example%2F", "%2F%0A%2Fevil.example", "%2F%0D%2Fevil.example", "%2F%5Cevil.example", "%2F%2Fevil.example", "javascript%3Aalert(1)"]) {
      const decoded = new URLSearchParams(`callbackUrl=${encoded}`).get("callbackUrl");
      expect(sameOriginPath(decoded, ORIGIN), encoded).toBeNull();
    }
    // Still encoded, it is a harmless path on the app's own host (a browser does not decode it).
    expect(sameOriginPath("/%2F%2Fevil.example", ORIGIN)).toBe("/%2F%2Fevil.example");
    expect(sameOriginPath("/%09/evil.example/", ORIGIN)).toBe("/%09/evil.example/");
  });

  it("refuses anything when the origin is not a URL", () => {
    expect(sameOriginPath("/claims", "not a url")).toBeNull();
  });
});

describe("safeRedirectUrl", () => {
  it("makes same-origin destinations absolute and sends everything else to the fallback", () => {
    expect(safeRedirectUrl("/claims/1", `${ORIGIN}/`)).toBe(`${ORIGIN}/claims/1`);
    expect(safeRedirectUrl("/\t/evil.example/", ORIGIN, "/claims")).toBe(`${ORIGIN}/claims`);
    expect(safeRedirectUrl(undefined, ORIGIN)).toBe(`${ORIGIN}/`);
  });
});
