import { readFileSync } from "node:fs";
import path from "node:path";
import * as fontkit from "fontkit";
import { describe, expect, it } from "vitest";
import { isWoff, woffToSfnt } from "./woff";

const file = (name: string) => readFileSync(path.join(process.cwd(), "node_modules", name));

describe("woffToSfnt", () => {
  it("unpacks a WOFF font into an SFNT font with the same glyphs and metrics", () => {
    const woff = file("@fontsource/noto-sans-devanagari/files/noto-sans-devanagari-devanagari-400-normal.woff");
    expect(isWoff(woff)).toBe(true);
    const sfnt = woffToSfnt(woff);
    expect(isWoff(sfnt)).toBe(false);
    const packed = fontkit.create(woff);
    const unpacked = fontkit.create(sfnt);
    expect(unpacked.postscriptName).toBe(packed.postscriptName);
    expect(unpacked.unitsPerEm).toBe(packed.unitsPerEm);
    for (const char of "भारत सरकार") expect(unpacked.hasGlyphForCodePoint(char.codePointAt(0)!)).toBe(packed.hasGlyphForCodePoint(char.codePointAt(0)!));
    // Shaping reads GSUB/GPOS from the unpacked tables: the conjunct "क्ष" is one glyph in both.
    const glyphs = (font: fontkit.Font) => (font.layout("क्ष") as { glyphs: { id: number }[] }).glyphs.map((g) => g.id);
    expect(glyphs(unpacked)).toEqual(glyphs(packed));
    expect(glyphs(unpacked).length).toBe(1);
  });

  it("refuses what is not WOFF and a truncated file", () => {
    const ttf = file("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
    expect(() => woffToSfnt(ttf)).toThrow("Not a WOFF 1.0 font");
    const woff = file("@fontsource/noto-sans-hebrew/files/noto-sans-hebrew-hebrew-400-normal.woff");
    expect(() => woffToSfnt(woff.subarray(0, 200))).toThrow(/Truncated WOFF table/);
  });
});
