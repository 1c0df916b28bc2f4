import { describe, expect, it } from "vitest";
import { articleParts, partIndexAt, type ArticlePart } from "./article-parts";

const cpLength = (s: string) => Array.from(s).length;

function checkCover(text: string, parts: ArticlePart[], max: number) {
  expect(parts[0]!.start).toBe(0);
  expect(parts[0]!.unitStart).toBe(0);
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const slice = text.slice(p.unitStart, p.unitEnd);
    expect(cpLength(slice)).toBe(p.end - p.start);
    expect(p.end - p.start).toBeLessThanOrEqual(max);
    if (text.length > 0) expect(p.end).toBeGreaterThan(p.start);
    if (i > 0) {
      expect(p.start).toBe(parts[i - 1]!.end);
      expect(p.unitStart).toBe(parts[i - 1]!.unitEnd);
    }
  }
  expect(parts.map((p) => text.slice(p.unitStart, p.unitEnd)).join("")).toBe(text);
  expect(parts.at(-1)!.end).toBe(cpLength(text));
}

describe("articleParts", () => {
  it("keeps a text that fits in one part whole, an empty text as one empty part", () => {
    expect(articleParts("Short article.\n\nTwo paragraphs.", 100)).toEqual([{ start: 0, end: 31, unitStart: 0, unitEnd: 31 }]);
    expect(articleParts("", 100)).toEqual([{ start: 0, end: 0, unitStart: 0, unitEnd: 0 }]);
  });

  it("cuts after a paragraph break before a line break, and a line break before a space", () => {
    const paragraph = "aaaa bbbb cc\n\ndddd\neeee ffff gggg hhhh";
    const parts = articleParts(paragraph, 24);
    checkCover(paragraph, parts, 24);
    expect(paragraph.slice(0, parts[0]!.unitEnd)).toBe("aaaa bbbb cc\n\n");
    const lines = "aaaa bbbb cccc\ndddd eeee ffff gggg";
    expect(lines.slice(0, articleParts(lines, 24)[0]!.unitEnd)).toBe("aaaa bbbb cccc\n");
    const words = "aaaa bbbb cccc dddd eeee ffff";
    expect(words.slice(0, articleParts(words, 12)[0]!.unitEnd)).toBe("aaaa bbbb ");
  });

  it("does not cut in a part's first half to reach a break, and cuts a text without breaks at the limit", () => {
    const early = `ab\n\n${"x".repeat(40)}`;
    const parts = articleParts(early, 20);
    checkCover(early, parts, 20);
    expect(parts[0]!.end).toBe(20);
    const solid = "y".repeat(95);
    expect(articleParts(solid, 20).map((p) => p.end - p.start)).toEqual([20, 20, 20, 20, 15]);
  });

  it("counts code points, never splits a surrogate pair, and covers text of every script exactly", () => {
    const samples = [
      "😀".repeat(1000),
      "Пентагон одобрил более 3000 ракет. ".repeat(200),
      "五角大楼批准了三千多枚导弹。\n".repeat(300),
      "البنتاغون وافق على أكثر من ٣٠٠٠ صاروخ\n\n".repeat(150),
      `${"a😀".repeat(333)}\ud800 lone ${"\udc00".repeat(5)}`,
    ];
    for (const text of samples) {
      for (const max of [1, 7, 64, 1000]) {
        const parts = articleParts(text, max);
        checkCover(text, parts, max);
        for (const p of parts) expect(p.unitEnd === text.length || !(/[\ud800-\udbff]/.test(text[p.unitEnd - 1]!) && /[\udc00-\udfff]/.test(text[p.unitEnd]!))).toBe(true);
      }
    }
  });

  it("cuts a text without breaks between grapheme clusters: flags, emoji sequences and combining marks stay whole", () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
    for (const text of ["🇺🇸🇫🇷".repeat(300), `x${"🇺🇸🇮🇱🇯🇵".repeat(400)}`, `Officials said 400 people attended.\n${"🇺🇸🇮🇱🇯🇵🇩🇪🇫🇷".repeat(300)}`, "👩‍👩‍👧‍👦".repeat(200), "é".repeat(500), "ते".repeat(400)]) {
      const boundaries = new Set([...segmenter.segment(text)].map((g) => g.index));
      for (const max of [13, 40, 101]) {
        const parts = articleParts(text, max);
        checkCover(text, parts, max);
        expect(parts.length).toBeGreaterThan(2);
        for (const p of parts) expect(boundaries.has(p.unitStart), `${JSON.stringify(text.slice(0, 8))} at ${p.unitStart}`).toBe(true);
      }
    }
  });

  it("finds the part of an offset, and refuses a size that is not a positive integer", () => {
    const text = "word ".repeat(100);
    const parts = articleParts(text, 50);
    expect(parts.length).toBeGreaterThan(5);
    for (const offset of [0, 49, 50, 251, 499, 500, 10_000]) {
      const i = partIndexAt(parts, offset);
      const p = parts[i]!;
      expect(offset >= p.start && (offset < p.end || i === parts.length - 1)).toBe(true);
    }
    expect(() => articleParts(text, 0)).toThrow(RangeError);
    expect(() => articleParts(text, 1.5)).toThrow(RangeError);
  });
});
