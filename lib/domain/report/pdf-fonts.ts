/**
 * The fonts of the PDF report, read from npm packages: DejaVu (dejavu-fonts-ttf) as the main font,
 * then fallbacks from Fontsource's Noto packages for the scripts DejaVu lacks or draws poorly
 * (Arabic, Hebrew, Devanagari, Thai, emoji, Chinese/Japanese, Korean). Fontsource ships each font
 * cut into WOFF files by Unicode range (the large CJK fonts into ~100 slices); each is a face of the
 * chain, read as WOFF for its coverage and unpacked to plain SFNT (see woff.ts) the first time a report
 * draws with it, so pdfkit embeds (subsets of) only the slices a report uses.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import * as fontkit from "fontkit";
import type { PdfFallbackFont, PdfFonts } from "./pdf-text";
import { woffToSfnt } from "./woff";

interface FallbackFamily {
  /** Fontsource package folder under node_modules. */
  dir: string;
  /** File name prefix of the family (e.g. "noto-sans-arabic"). */
  base: string;
  /** Fontsource's name of the family's main Unicode-range cut (e.g. "arabic"). */
  subset: string;
  /** Also every numbered slice of the family (CJK and emoji are cut in many). */
  slices: boolean;
  /** Characters that go to this family before the main font (none: the main font first, this one for what it lacks). */
  prefers?: RegExp;
  /** Weight used for bold text (the emoji font has one look). */
  boldWeight: 400 | 700;
}

/**
 * In chain order: the script-specific fonts first, the big CJK sets last (they are searched only for
 * what is left). Arabic and Hebrew come from DejaVu first: its Arabic glyphs are whole letters in
 * their joining forms, each mapped back to its character, while Noto Sans Arabic draws a letter as a
 * skeleton plus separate dot glyphs that map to no character (text extraction then shows stray
 * codes); Noto Sans Arabic and Hebrew are there for the letters DejaVu lacks.
 */
export const PDF_FALLBACK_FAMILIES: readonly FallbackFamily[] = [
  { dir: "@fontsource/noto-sans-arabic", base: "noto-sans-arabic", subset: "arabic", slices: false, boldWeight: 700 },
  { dir: "@fontsource/noto-sans-hebrew", base: "noto-sans-hebrew", subset: "hebrew", slices: false, boldWeight: 700 },
  { dir: "@fontsource/noto-sans-devanagari", base: "noto-sans-devanagari", subset: "devanagari", slices: false, prefers: /\p{Script=Devanagari}/u, boldWeight: 700 },
  { dir: "@fontsource/noto-sans-thai", base: "noto-sans-thai", subset: "thai", slices: false, prefers: /\p{Script=Thai}/u, boldWeight: 700 },
  { dir: "@fontsource/noto-emoji", base: "noto-emoji", subset: "emoji", slices: true, prefers: /\p{Emoji_Presentation}/u, boldWeight: 400 },
  { dir: "@fontsource/noto-sans-sc", base: "noto-sans-sc", subset: "chinese-simplified", slices: true, prefers: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u, boldWeight: 700 },
  { dir: "@fontsource/noto-sans-kr", base: "noto-sans-kr", subset: "korean", slices: true, prefers: /\p{Script=Hangul}/u, boldWeight: 700 },
];

const DEJAVU = { regular: "DejaVuSans.ttf", bold: "DejaVuSans-Bold.ttf", italic: "DejaVuSans-Oblique.ttf", mono: "DejaVuSansMono.ttf" };

/** Whether fontkit can read the font's character map (one slice of Noto Sans SC 5.3.0 has a cmap fontkit 2.0.4 cannot read; it is left out). */
function hasReadableCmap(font: fontkit.Font): boolean {
  try {
    font.hasGlyphForCodePoint(0x20);
    return true;
  } catch {
    return false;
  }
}

async function familyFonts(nodeModules: string, family: FallbackFamily, weight: number): Promise<PdfFallbackFont[]> {
  const dir = path.join(nodeModules, family.dir, "files");
  const names = [`${family.base}-${family.subset}-${weight}-normal.woff`];
  if (family.slices) {
    const slice = new RegExp(`^${family.base}-(\\d+)-${weight}-normal\\.woff$`);
    const numbered = (await readdir(dir)).map((f) => slice.exec(f)).filter((m): m is RegExpExecArray => m !== null);
    numbered.sort((a, b) => Number(a[1]) - Number(b[1]));
    names.push(...numbered.map((m) => m[0]));
  }
  const files = await Promise.all(names.map((name) => readFile(path.join(dir, name))));
  return files
    .map((bytes): PdfFallbackFont => {
      let unpacked: fontkit.Font | undefined;
      return { font: fontkit.create(bytes), load: () => (unpacked ??= fontkit.create(woffToSfnt(bytes))), prefers: family.prefers };
    })
    .filter((f) => hasReadableCmap(f.font));
}

/**
 * Reads and parses every font of the report (about 500 WOFF files, ~15 MB; fontkit parses tables on
 * first use, a fallback is unpacked only once drawn with). Throws when a package or file is missing.
 * Call once and share the result.
 */
export async function loadPdfFonts(nodeModules = path.join(process.cwd(), "node_modules")): Promise<PdfFonts> {
  const dejavu = path.join(nodeModules, "dejavu-fonts-ttf", "ttf");
  const [regular, bold, italic, mono] = await Promise.all(
    [DEJAVU.regular, DEJAVU.bold, DEJAVU.italic, DEJAVU.mono].map(async (f) => fontkit.create(await readFile(path.join(dejavu, f)))),
  );
  const regularByFamily = await Promise.all(PDF_FALLBACK_FAMILIES.map((f) => familyFonts(nodeModules, f, 400)));
  const boldByFamily = await Promise.all(
    PDF_FALLBACK_FAMILIES.map((f, i) => (f.boldWeight === 400 ? regularByFamily[i]! : familyFonts(nodeModules, f, 700))),
  );
  const regularFallbacks = regularByFamily.flat();
  const boldFallbacks = boldByFamily.flat();
  return { regular: regular!, bold: bold!, italic: italic!, mono: mono!, fallbacks: { regular: regularFallbacks, bold: boldFallbacks } };
}

let shared: Promise<PdfFonts> | undefined;

/**
 * The fonts read from the working directory's node_modules, parsed once per thread (process or worker)
 * and kept for its later documents (~30 MB). A failed read is not kept: the next call tries again.
 */
export function sharedPdfFonts(): Promise<PdfFonts> {
  shared ??= loadPdfFonts().catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}
