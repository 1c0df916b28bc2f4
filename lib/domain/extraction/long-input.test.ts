import { describe, expect, it } from "vitest";
import { extractClaims } from "./extract";
import { analyze, breakLongRuns, MAX_TOKEN_RUN } from "./nlp";

/** Longest run of non-space characters in `text`. */
function longestRun(text: string): number {
  let best = 0;
  for (const m of text.matchAll(/\S+/gu)) best = Math.max(best, m[0].length);
  return best;
}

describe("breakLongRuns", () => {
  it("leaves ordinary text as it is (the same string)", () => {
    const text = "Unemployment fell to 3.5 percent, officials said. https://example.org/a/b?c=d";
    expect(breakLongRuns(text)).toBe(text);
  });

  it("cuts every run to at most the cap, keeping length and every other character", () => {
    for (const text of ["a".repeat(300_000), "1,".repeat(50_000), `x ${"é😀".repeat(2_000)} y`, "😀".repeat(5_000), "ab.cd;".repeat(10_000)]) {
      const out = breakLongRuns(text, 100);
      expect(out.length).toBe(text.length);
      expect(longestRun(out)).toBeLessThanOrEqual(101); // one more when the cut falls after a high surrogate
      expect(/\p{Cs}/u.test(out)).toBe(false); // no pair split in half
      let changed = 0;
      for (let i = 0; i < text.length; i++) if (out[i] !== text[i]) changed += out[i] === " " ? 0 : 1_000_000;
      expect(changed).toBe(0); // only spaces put in, nothing else changed
    }
  });
});

describe("extraction input shapes that used to be quadratic", () => {
  it("one 300,000-character word: no token longer than the cap, offsets into the original", { timeout: 60_000 }, () => {
    const text = "a".repeat(300_000);
    const analysis = analyze(text);
    expect(analysis.text).toBe(text);
    expect(analysis.tokens.length).toBeGreaterThanOrEqual(300_000 / (MAX_TOKEN_RUN + 1));
    expect(Math.max(...analysis.tokens.map((t) => t.end - t.start))).toBeLessThanOrEqual(MAX_TOKEN_RUN);
    for (const token of analysis.tokens) expect(text.slice(token.start, token.end)).toBe(token.value);
  });

  it("a claim after a long word keeps its exact offsets", { timeout: 60_000 }, () => {
    const claim = "Unemployment fell to 3.5 percent last year, the lowest rate in five decades, according to the Labor Department.";
    // The long word ends its own sentence: one "sentence" of 20,000 characters and the claim would be
    // longer than a claim may be, and not suggested (MAX_SUGGESTED_CLAIM_CODE_POINTS).
    const text = `${"z".repeat(20_000)}. ${claim}`;
    const found = extractClaims(text).find((c) => c.text.includes("Unemployment"));
    expect(found).toBeDefined();
    expect([...text].slice(found!.start, found!.end).join("")).toBe(found!.text);
  });

  it("a long run of digits and commas and 2 MB without spaces are analysed into bounded tokens", { timeout: 60_000 }, () => {
    for (const text of ["1,".repeat(150_000), "x".repeat(2_000_000)]) {
      const analysis = analyze(text);
      expect(Math.max(...analysis.tokens.map((t) => t.end - t.start))).toBeLessThanOrEqual(MAX_TOKEN_RUN);
    }
  });
});
