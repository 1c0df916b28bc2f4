import { describe, expect, it } from "vitest";
import { chooseFaces, layoutParagraph, PLACEHOLDER, splitPieces, type FontFace } from "./text-layout";

const range = (...ranges: [number, number][]) => (cp: number) => cp === 0x20 || ranges.some(([a, b]) => cp >= a && cp <= b);
// A main font with Latin, Greek and Cyrillic (and combining marks), then fallbacks made for one script each.
const latin: FontFace = { hasGlyph: range([0x21, 0x58f]) };
const arabic: FontFace = { hasGlyph: range([0x600, 0x6ff]) };
const hebrew: FontFace = { hasGlyph: range([0x590, 0x5ff]) };
const cjk: FontFace = { hasGlyph: range([0x3000, 0x303f], [0x4e00, 0x9fff], [0x21, 0x7e]), prefers: /\p{Script=Han}/u };
const emoji: FontFace = { hasGlyph: range([0x1f300, 0x1faff]), prefers: /\p{Emoji_Presentation}/u };
const faces = [latin, arabic, hebrew, cjk, emoji];
const [LATIN, ARABIC, HEBREW, CJK, EMOJI] = [0, 1, 2, 3, 4];

/** Each code point one unit wide (a placeholder four). */
const measure = (piece: { face: number }, text: string) => (piece.face === PLACEHOLDER ? 4 : Array.from(text).length);
const layout = (text: string, width: number) => layoutParagraph([{ text, style: "s" }], { width, facesOf: () => faces, measure });

/** Face of each code point (not code unit). */
function facesOfText(text: string): number[] {
  const all = chooseFaces(text, faces);
  const out: number[] = [];
  for (let i = 0; i < text.length; i += String.fromCodePoint(text.codePointAt(i)!).length) out.push(all[i]!);
  return out;
}

describe("chooseFaces", () => {
  it("takes the main font first, a script's own font when it prefers it, and the first font that has the rest", () => {
    expect(facesOfText("a 中文b")).toEqual([LATIN, LATIN, CJK, CJK, LATIN]);
    expect(facesOfText("سلام")).toEqual([ARABIC, ARABIC, ARABIC, ARABIC]);
    expect(facesOfText("שלום")).toEqual([HEBREW, HEBREW, HEBREW, HEBREW]);
    expect(facesOfText("x🚀")).toEqual([LATIN, EMOJI]);
  });

  it("keeps punctuation of no script in the font before it, and spaces in the main font", () => {
    // "。" is Common: it stays with the CJK font that drew the ideograph before it.
    expect(facesOfText("中。")).toEqual([CJK, CJK]);
    expect(facesOfText("中 文")).toEqual([CJK, LATIN, CJK]);
  });

  it("keeps a combining mark with its base and marks a character no font has as a placeholder", () => {
    expect(facesOfText("e\u0301")).toEqual([LATIN, LATIN]);
    expect(facesOfText("a\uE000b")).toEqual([LATIN, PLACEHOLDER, LATIN]);
  });
});

describe("splitPieces", () => {
  const split = (text: string) => splitPieces([{ text, style: "s" }], () => faces);

  it("gives a right-to-left run inside an English sentence its own odd level, with the spaces around it at the paragraph's", () => {
    const { pieces, direction } = split("said שלום עולם today");
    expect(direction).toBe("ltr");
    // The space between the Hebrew words is right to left (and from the main font); the one after them is not.
    expect(pieces.map((p) => [p.text, p.level])).toEqual([
      ["said ", 0],
      ["שלום", 1],
      [" ", 1],
      ["עולם", 1],
      [" today", 0],
    ]);
  });

  it("takes the paragraph direction from its first strong character and mirrors brackets in right-to-left runs", () => {
    const { pieces, direction } = split("שלום (עולם)");
    expect(direction).toBe("rtl");
    const brackets = pieces.filter((p) => /[()]/.test(p.text));
    // Logical "(" is drawn as ")" and the other way round (UAX #9 rule L4).
    expect(brackets.map((p) => [p.start, p.text])).toEqual([
      [5, ")"],
      [10, "("],
    ]);
  });

  it("puts a run of characters no font has in one placeholder piece", () => {
    const { pieces } = split("a\uE000\uE001b\uE002");
    expect(pieces.map((p) => [p.text, p.face])).toEqual([
      ["a", LATIN],
      ["\uE000\uE001", PLACEHOLDER],
      ["b", LATIN],
      ["\uE002", PLACEHOLDER],
    ]);
  });
});

describe("layoutParagraph", () => {
  const lineTexts = (text: string, width: number) => layout(text, width).lines.map((l) => l.pieces.map((p) => p.text).join(""));

  it("breaks at spaces and keeps every line inside the width", () => {
    const laid = layout("the quick brown fox jumps over the lazy dog", 10);
    for (const line of laid.lines) expect(line.width).toBeLessThanOrEqual(10);
    expect(lineTexts("the quick brown fox jumps over the lazy dog", 10)).toEqual(["the quick", "brown fox", "jumps over", "the lazy", "dog"]);
  });

  it("breaks a word wider than the line (a URL) between characters, and CJK text between ideographs", () => {
    const url = `https://example.org/${"a".repeat(30)}`;
    const laid = layout(url, 12);
    for (const line of laid.lines) expect(line.width).toBeLessThanOrEqual(12);
    expect(lineTexts(url, 12).join("")).toBe(url);
    const cjkText = "中国政府表示今年经济增长了百分之五";
    expect(lineTexts(cjkText, 5)).toEqual(["中国政府表", "示今年经济", "增长了百分", "之五"]);
  });

  it("ends a line at a required break", () => {
    expect(lineTexts("one\ntwo", 100)).toEqual(["one", "two"]);
  });

  it("places a right-to-left run's words from right to left inside a left-to-right line (rule L2)", () => {
    const line = layout("ab אבג דה cd", 100).lines[0]!;
    const x = (text: string) => line.pieces.find((p) => p.text.trim() === text)!.x;
    expect(x("ab")).toBe(0);
    // Logical order: אבג then דה; visual: דה on the left of אבג.
    expect(x("דה")).toBeLessThan(x("אבג"));
    expect(x("אבג")).toBeLessThan(x("cd"));
    expect(line.width).toBe(Array.from("ab אבג דה cd").length);
  });

  it("places a number inside a right-to-left run as left-to-right (the digits keep their order) and the run's words to its sides", () => {
    const line = layout("שלום 300 עולם", 100).lines[0]!;
    const x = (text: string) => line.pieces.find((p) => p.text.trim() === text)!.x;
    expect(x("עולם")).toBeLessThan(x("300"));
    expect(x("300")).toBeLessThan(x("שלום"));
    expect(line.pieces.find((p) => p.text === "300")!.level % 2).toBe(0);
  });
});
