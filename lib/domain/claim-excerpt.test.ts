import { describe, expect, it } from "vitest";
import { claimExcerpt } from "./claim-excerpt";

const PARAS = ["First paragraph.", "Second one, before.", "The claim sits here: unemployment fell.", "Fourth, after.", "Fifth paragraph."];
const TEXT = PARAS.join("\n\n");
const claim = "unemployment fell";
const at = TEXT.indexOf(claim);

describe("claimExcerpt", () => {
  it("shows the claim's paragraph and one paragraph on each side", () => {
    const e = claimExcerpt(TEXT, { start: at, end: at + claim.length });
    expect(e.quote).toBe(claim);
    expect(e.before).toBe("Second one, before.\n\nThe claim sits here: ");
    expect(e.after).toBe(".\n\nFourth, after.");
    expect(e).toMatchObject({ clippedStart: true, clippedEnd: true });
  });

  it("takes the whole text when it is short enough, and says nothing was clipped", () => {
    const e = claimExcerpt(TEXT, { start: at, end: at + claim.length }, { paragraphs: 5 });
    expect(e.before + e.quote + e.after).toBe(TEXT);
    expect(e).toMatchObject({ clippedStart: false, clippedEnd: false });
  });

  it("counts offsets in code points: an emoji before the claim moves nothing", () => {
    const text = `😀 ${TEXT}`;
    const cp = Array.from(text.slice(0, text.indexOf(claim))).length;
    const e = claimExcerpt(text, { start: cp, end: cp + claim.length }, { paragraphs: 5 });
    expect(e.quote).toBe(claim);
    expect(e.before.startsWith("😀")).toBe(true);
  });

  it("cuts a long paragraph at a space, at most maxContext code units each side", () => {
    const words = "word ".repeat(1000);
    const text = `${words}${claim} ${words}`;
    const e = claimExcerpt(text, { start: words.length, end: words.length + claim.length }, { maxContext: 100 });
    expect(e.quote).toBe(claim);
    expect(e.before.length).toBeLessThanOrEqual(100);
    expect(e.before.startsWith("word")).toBe(true);
    expect(e.after.length).toBeLessThanOrEqual(100);
    expect(e.after.endsWith("word")).toBe(true);
    expect(e).toMatchObject({ clippedStart: true, clippedEnd: true });
  });

  it("never splits a surrogate pair when cutting", () => {
    const text = `${"😀".repeat(200)}${claim}${"😀".repeat(200)}`;
    const e = claimExcerpt(text, { start: 200, end: 200 + claim.length }, { maxContext: 11 });
    expect(e.quote).toBe(claim);
    expect(e.before).toBe("😀".repeat(5));
    expect(e.after).toBe("😀".repeat(5));
  });

  it("clamps offsets outside the text", () => {
    const e = claimExcerpt("short text", { start: 6, end: 99 });
    expect(e).toEqual({ before: "short ", quote: "text", after: "", clippedStart: false, clippedEnd: false });
  });
});
