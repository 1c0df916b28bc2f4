import { describe, expect, it } from "vitest";
import { MAX_SEARCH_TERMS, normalizeSearchText, searchTerms } from "./search-text";

describe("search text", () => {
  it("folds case the same way for ASCII and other scripts", () => {
    expect(normalizeSearchText("ATACMS Missiles")).toBe("atacms missiles");
    expect(normalizeSearchText("ÉTAT Über İSTANBUL")).toBe("etat uber istanbul");
    expect(normalizeSearchText("Ｆｕｌｌｗｉｄｔｈ")).toBe("fullwidth");
  });

  it("never leaves a LIKE wildcard or escape character in the text", () => {
    for (const s of ["100%", "a_b", "back\\slash", "%_%\\", "50 % off"]) {
      expect(normalizeSearchText(s)).not.toMatch(/[%_\\]/);
    }
    expect(normalizeSearchText("3.5%")).toBe("3 5 percent");
  });

  it("splits a query into distinct words, so '3.5%' finds '3.5 percent' and the other way round", () => {
    expect(searchTerms("3.5%")).toEqual(["3", "5", "percent"]);
    expect(searchTerms("3.5 percent")).toEqual(["3", "5", "percent"]);
    expect(searchTerms("  Pentagon   pentagon MISSILES ")).toEqual(["pentagon", "missiles"]);
  });

  it("keeps only the words of SQL-looking input", () => {
    expect(searchTerms("' OR 1=1 --")).toEqual(["or", "1"]);
    expect(searchTerms("x'); DROP TABLE \"Claim\";--")).toEqual(["x", "drop", "table", "claim"]);
  });

  it("gives no terms for an empty query and caps the number of words", () => {
    expect(searchTerms(undefined)).toEqual([]);
    expect(searchTerms("   ")).toEqual([]);
    expect(searchTerms(Array.from({ length: 20 }, (_, i) => `w${i}`).join(" "))).toHaveLength(MAX_SEARCH_TERMS);
  });
});
