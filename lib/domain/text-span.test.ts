import { describe, expect, it } from "vitest";
import { ANCHOR_CONTEXT, buildAnchor, buildAnchors, codePointLength, segmentText, sliceCodePoints } from "./text-span";

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

  it("shows a span nested inside a longer one within it, and ignores empty or out-of-range spans", () => {
    const text = "😀😀😀😀😀";
    const segments = segmentText(text, [
      { start: 1, end: 2 },
      { start: 0, end: 3 },
      { start: 4, end: 4 },
      { start: -5, end: 0 },
      { start: 4, end: 99 },
    ]);
    expect(segments).toEqual([
      { text: "😀", spanIndex: 1 },
      { text: "😀", spanIndex: 0 },
      { text: "😀", spanIndex: 1 },
      { text: "😀", spanIndex: null },
      { text: "😀", spanIndex: 4 },
    ]);
    expect(segments.map((s) => s.text).join("")).toBe(text);
  });

  it("shows every claim of a suggested sentence: nested several deep, side by side, and at its edges", () => {
    const text = "Officials reported that more than 120 schools closed.";
    const at = (phrase: string) => ({ start: text.indexOf(phrase), end: text.indexOf(phrase) + phrase.length });
    const segments = segmentText(text, [at(text), at("reported that more than 120 schools"), at("120"), at("Officials"), at("closed.")]);
    expect(segments).toEqual([
      { text: "Officials", spanIndex: 3 },
      { text: " ", spanIndex: 0 },
      { text: "reported that more than ", spanIndex: 1 },
      { text: "120", spanIndex: 2 },
      { text: " schools", spanIndex: 1 },
      { text: " ", spanIndex: 0 },
      { text: "closed.", spanIndex: 4 },
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

describe("buildAnchors", () => {
  /** The anchor computed the slow, obvious way: on the array of code points. */
  function reference(text: string, start: number, end: number, context: number) {
    const cps = [...text];
    const s = Math.max(0, Math.min(start, cps.length));
    const e = Math.max(s, Math.min(end, cps.length));
    return { quote: cps.slice(s, e).join(""), prefix: cps.slice(Math.max(0, s - context), s).join(""), suffix: cps.slice(e, e + context).join("") };
  }

  it("anchors every span on code points, in the order given, like buildAnchor", () => {
    for (const text of ["The minister said 40% of the budget went to schools. Critics disagreed.", "🙂 a𝒳b said 12 🚀 things; c👍d e", ""]) {
      const total = codePointLength(text);
      const spans = [
        { start: 4, end: 12 },
        { start: 0, end: total },
        { start: total - 3, end: total },
        { start: 2, end: 2 },
        { start: -5, end: 3 },
        { start: total + 4, end: total + 9 },
        { start: 9, end: 4 },
      ];
      expect(buildAnchors(text, spans)).toEqual(spans.map((s) => reference(text, s.start, s.end, ANCHOR_CONTEXT)));
      expect(buildAnchors(text, spans, 3)).toEqual(spans.map((s) => reference(text, s.start, s.end, 3)));
      expect(spans.map((s) => buildAnchor(text, s.start, s.end, 3))).toEqual(spans.map((s) => reference(text, s.start, s.end, 3)));
    }
  });

  it("returns nothing for no spans", () => {
    expect(buildAnchors("text", [])).toEqual([]);
  });
});
