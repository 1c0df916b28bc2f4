import { describe, expect, it } from "vitest";
import { ANCHOR_CONTEXT, buildAnchor, codePointLength, segmentText, sliceCodePoints } from "./text-span";

// "👍" and "𝔸" are astral (two UTF-16 units each); "é" here is a single code point.
const TEXT = "a👍b𝔸c\u00e9";

describe("code-point offsets", () => {
  it("counts code points, not UTF-16 units", () => {
    expect(TEXT.length).toBe(8);
    expect(codePointLength(TEXT)).toBe(6);
    expect(codePointLength("")).toBe(0);
  });

  it("slices by code points, never splitting a surrogate pair", () => {
    expect(sliceCodePoints(TEXT, 1, 2)).toBe("👍");
    expect(sliceCodePoints(TEXT, 2, 4)).toBe("b𝔸");
    expect(sliceCodePoints(TEXT, 4)).toBe("cé");
    expect(sliceCodePoints(TEXT, 0, 0)).toBe("");
    // UTF-16 slicing of the same offsets would cut the emoji in half.
    expect(TEXT.slice(1, 2)).not.toBe("👍");
  });
});

describe("segmentText", () => {
  it("returns the whole text as plain when there are no spans", () => {
    expect(segmentText(TEXT, [])).toEqual([{ text: TEXT, spanIndex: null }]);
  });

  it("highlights code-point spans around astral characters", () => {
    const segments = segmentText(TEXT, [{ start: 1, end: 4 }]);
    expect(segments).toEqual([
      { text: "a", spanIndex: null },
      { text: "👍b𝔸", spanIndex: 0 },
      { text: "cé", spanIndex: null },
    ]);
    expect(segments.map((s) => s.text).join("")).toBe(TEXT);
  });

  it("keeps the caller's span index when spans arrive out of order", () => {
    const segments = segmentText("0123456789", [
      { start: 6, end: 8 },
      { start: 1, end: 3 },
    ]);
    expect(segments).toEqual([
      { text: "0", spanIndex: null },
      { text: "12", spanIndex: 1 },
      { text: "345", spanIndex: null },
      { text: "67", spanIndex: 0 },
      { text: "89", spanIndex: null },
    ]);
  });

  it("clips overlapping spans so each code point shows once", () => {
    const text = "0123456789";
    const segments = segmentText(text, [
      { start: 2, end: 6 },
      { start: 4, end: 8 },
    ]);
    expect(segments).toEqual([
      { text: "01", spanIndex: null },
      { text: "2345", spanIndex: 0 },
      { text: "67", spanIndex: 1 },
      { text: "89", spanIndex: null },
    ]);
    expect(segments.map((s) => s.text).join("")).toBe(text);
  });

  it("drops a span nested inside a longer one and ignores empty or out-of-range spans", () => {
    const text = "😀😀😀😀😀";
    const segments = segmentText(text, [
      { start: 1, end: 2 },
      { start: 0, end: 3 },
      { start: 4, end: 4 },
      { start: -5, end: 0 },
      { start: 4, end: 99 },
    ]);
    expect(segments).toEqual([
      { text: "😀😀😀", spanIndex: 1 },
      { text: "😀", spanIndex: null },
      { text: "😀", spanIndex: 4 },
    ]);
    expect(segments.map((s) => s.text).join("")).toBe(text);
  });
});

describe("buildAnchor", () => {
  it("takes the quote and up to 32 code points of context either side", () => {
    const before = "🙂".repeat(40);
    const after = "x".repeat(40);
    const text = `${before}QUOTE🚀${after}`;
    const start = 40;
    const end = 46;
    const anchor = buildAnchor(text, start, end);
    expect(anchor.quote).toBe("QUOTE🚀");
    expect(codePointLength(anchor.prefix)).toBe(ANCHOR_CONTEXT);
    expect(anchor.prefix).toBe("🙂".repeat(32));
    expect(anchor.suffix).toBe("x".repeat(32));
  });

  it("shortens the context at the ends of the text", () => {
    expect(buildAnchor("ab👍cd", 2, 3, 5)).toEqual({ quote: "👍", prefix: "ab", suffix: "cd" });
    expect(buildAnchor("hello", 0, 5)).toEqual({ quote: "hello", prefix: "", suffix: "" });
  });
});
