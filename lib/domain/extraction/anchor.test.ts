import { describe, expect, it } from "vitest";
import { buildAnchor, reanchorSpan } from "./index";
import { cpSlice } from "./test-helpers";

const original =
  "Intro 🚀 line. Officials said more than 3,000 missiles were approved. Later, officials said more than 3,000 missiles were approved again.";
const quote = "said more than 3,000 missiles were approved";

function spanOf(text: string, q: string, nth = 0): { start: number; end: number } {
  let u = -1;
  for (let i = 0; i <= nth; i++) u = text.indexOf(q, u + 1);
  if (u < 0) throw new Error("not found");
  const start = Array.from(text.slice(0, u)).length;
  return { start, end: start + Array.from(q).length };
}

describe("buildAnchor", () => {
  it("takes the quote and ~32 code points of context on each side", () => {
    const { start, end } = spanOf(original, quote, 1);
    const a = buildAnchor(original, start, end);
    expect(a.quote).toBe(quote);
    expect(Array.from(a.prefix).length).toBe(32);
    expect(a.prefix.endsWith("approved. Later, officials ")).toBe(true);
    expect(a.suffix).toBe(" again.");
  });

  it("counts context in code points across emoji", () => {
    const text = "😀😀😀 abc";
    const a = buildAnchor(text, 4, 7, 2);
    expect(a).toEqual({ quote: "abc", prefix: "😀 ", suffix: "" });
  });
});

describe("reanchorSpan", () => {
  const { start, end } = spanOf(original, quote, 1);
  const anchor = buildAnchor(original, start, end);

  it("keeps the offsets when the text is unchanged", () => {
    expect(reanchorSpan(original, { start, end, ...anchor })).toEqual({ start, end });
  });

  it("follows the span when text is inserted before it (with astral characters)", () => {
    const edited = "NEW 🧨🧨 paragraph.\n" + original;
    const r = reanchorSpan(edited, { start, end, ...anchor });
    expect(r).not.toBeNull();
    expect(cpSlice(edited, r!.start, r!.end)).toBe(quote);
    expect(r!.start).toBe(start + Array.from("NEW 🧨🧨 paragraph.\n").length);
  });

  it("uses prefix/suffix to pick the right one of several occurrences", () => {
    // Remove the intro so that the old offset no longer matches; both occurrences remain.
    const edited = original.replace("Intro 🚀 line. ", "");
    const r = reanchorSpan(edited, { start, end, ...anchor })!;
    expect(cpSlice(edited, r.start, r.end)).toBe(quote);
    // The second occurrence (followed by " again.") is the anchored one.
    expect(cpSlice(edited, r.end, r.end + 7)).toBe(" again.");
  });

  it("picks the first occurrence when that is what the context says", () => {
    const first = spanOf(original, quote, 0);
    const a = buildAnchor(original, first.start, first.end);
    // Shift the text so the old offsets point elsewhere; the context identifies the first occurrence.
    const edited = "Preface. " + original;
    const r = reanchorSpan(edited, { ...first, ...a })!;
    expect(cpSlice(edited, r.start, r.end)).toBe(quote);
    expect(cpSlice(edited, r.start - 16, r.start)).toBe("line. Officials ");
  });

  it("tolerates whitespace and typographic quote changes", () => {
    const text = "He said “the strike must be approved” by the secretary.";
    const s = spanOf(text, "“the strike must be approved”");
    const a = buildAnchor(text, s.start, s.end);
    const edited = 'Update: He said  "the strike\n must be approved" by the secretary.';
    const r = reanchorSpan(edited, { ...s, ...a })!;
    expect(r).not.toBeNull();
    expect(cpSlice(edited, r.start, r.end)).toBe('"the strike\n must be approved"');
  });

  it("returns null when the quote is gone", () => {
    const edited = original.replace(/3,000/g, "4,000");
    expect(reanchorSpan(edited, { start, end, ...anchor })).toBeNull();
    expect(reanchorSpan(original, { start, end, quote: "" })).toBeNull();
  });
});
