/**
 * Text for the PDF report in any script: paragraphs are laid out by `layoutParagraph` (bidi, a font
 * per run from a fallback chain, UAX #14 line breaking inside the measure) and each piece is drawn
 * with pdfkit at its place, on a common baseline, in logical order (so text extraction and search
 * read it in logical order). pdfkit shapes each piece with fontkit, which picks the script and
 * direction from the piece's text: a right-to-left piece in Arabic or Hebrew is given in logical order
 * and comes out joined (initial, medial, final forms) and reversed; a right-to-left piece without
 * such letters (neutrals only) is reversed here. A character no font has is drawn as a box with its
 * code point ("U+XXXX"; a run of them, one box with the first three), which stays selectable text.
 */
import type { Font } from "fontkit";
import { hasStrongRtl, layoutParagraph, PLACEHOLDER, type FontFace, type LaidLine, type StyledSpan } from "./text-layout";

export type PdfFontStyle = "regular" | "bold" | "italic" | "mono";

/** A fallback font and the script it is made for (its characters go to it first). */
export interface PdfFallbackFont {
  /** Parsed font; enough to ask for coverage, and drawn with unless `load` is given. */
  font: Font;
  /** The font to lay out and embed, made on first use (e.g. unpacked from WOFF). */
  load?: () => Font;
  prefers?: RegExp;
}

/** The fonts of the report: DejaVu (main) and the fallback chains, as parsed fontkit fonts (shared by all documents). */
export interface PdfFonts {
  regular: Font;
  bold: Font;
  italic: Font;
  /** For code in rationales. */
  mono: Font;
  /** Fallbacks after the main font; italic and mono use the regular chain (after upright DejaVu Sans). */
  fallbacks: { regular: readonly PdfFallbackFont[]; bold: readonly PdfFallbackFont[] };
}

export interface PdfTextStyle {
  font: PdfFontStyle;
  /** Points. */
  size: number;
  color: string;
  /** An http(s) URI to open. */
  link?: string | null;
  /** A named destination in the document. */
  goTo?: string;
  underline?: boolean;
}

export interface PdfParagraphOptions {
  x: number;
  width: number;
  /** "end" puts every line at the right edge; by default lines start on the side of the paragraph's direction. */
  align?: "start" | "end";
  /** Draw at most one line, cutting the text with "…" until it fits. */
  singleLine?: boolean;
  /** Force the paragraph direction (labels); by default it comes from the text. */
  direction?: "ltr" | "rtl";
}

type Span = StyledSpan<PdfTextStyle>;
interface Face extends FontFace {
  name: string;
  /** The font to draw with, registered with pdfkit on the first call. */
  font: () => Font;
}

const PLACEHOLDER_COLOR = "#8a94a3";

/** Placeholder label of a run of characters no font has: "U+E000", or "U+E000 U+E001 U+E002 …" past three. */
function codePointLabel(text: string): string {
  const codes = Array.from(text, (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`);
  return codes.length > 3 ? `${codes.slice(0, 3).join(" ")} …` : codes.join(" ");
}

/** The piece's text in drawing order for pdfkit (see the module comment). */
function drawingText(text: string, level: number): string {
  return level % 2 === 1 && !hasStrongRtl(text) ? Array.from(text).reverse().join("") : text;
}

/** Draws paragraphs of styled text on one pdfkit document; pages are added as lines reach the bottom margin. */
export class PdfTextWriter {
  private readonly chains: Record<PdfFontStyle, Face[]>;
  /** Per embedded font, the subset glyphs whose ToUnicode entry was already looked at. */
  private readonly reversedGlyphs = new WeakMap<object, Set<number>>();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    fonts: PdfFonts,
  ) {
    const chain = (style: PdfFontStyle, mains: Font[], fallbacks: readonly PdfFallbackFont[]): Face[] =>
      [...mains.map((font): PdfFallbackFont => ({ font })), ...fallbacks].map((f, i) => {
        const name = `${style}#${i}`;
        let drawn: Font | undefined;
        // The font is registered with pdfkit on first use; pdfkit embeds (a subset of) only the fonts actually drawn.
        const font = () => {
          if (!drawn) {
            drawn = f.load ? f.load() : f.font;
            doc.registerFont(name, drawn as unknown as Uint8Array);
          }
          return drawn;
        };
        return { name, font, prefers: f.prefers, hasGlyph: (cp: number) => f.font.hasGlyphForCodePoint(cp) };
      });
    this.chains = {
      regular: chain("regular", [fonts.regular], fonts.fallbacks.regular),
      bold: chain("bold", [fonts.bold], fonts.fallbacks.bold),
      // DejaVu Sans Oblique and Mono lack Arabic (and Mono Hebrew): upright DejaVu Sans comes next.
      italic: chain("italic", [fonts.italic, fonts.regular], fonts.fallbacks.regular),
      mono: chain("mono", [fonts.mono, fonts.regular], fonts.fallbacks.regular),
    };
    // The main fonts are registered now: the caller may select them by name (`regular#0`).
    for (const faces of Object.values(this.chains)) faces[0]!.font();
  }

  /** Line height (points) of the main font at this size, as pdfkit's currentLineHeight(true). */
  lineHeight(size: number): number {
    const font = this.chains.regular[0]!.font();
    return ((font.ascent - font.descent) / font.unitsPerEm) * size;
  }

  private select(style: PdfTextStyle, face: number): void {
    const chosen = this.chains[style.font][face]!;
    chosen.font();
    this.doc.font(chosen.name).fontSize(style.size);
  }

  private placeholderSize(style: PdfTextStyle): number {
    return style.size * 0.5;
  }

  private measure = (piece: { face: number; style: PdfTextStyle }, text: string): number => {
    if (piece.face === PLACEHOLDER) {
      this.chains.mono[0]!.font();
      this.doc.font(this.chains.mono[0]!.name).fontSize(this.placeholderSize(piece.style));
      return this.doc.widthOfString(codePointLabel(text)) + 4;
    }
    this.select(piece.style, piece.face);
    return this.doc.widthOfString(text);
  };

  private layout(spans: readonly Span[], width: number, direction?: "ltr" | "rtl") {
    const clean = spans.map((s) => ({ ...s, text: s.text.replace(/\t/g, " ") })).filter((s) => s.text.length > 0);
    return layoutParagraph(clean, { width, facesOf: (style) => this.chains[style.font], measure: this.measure, direction });
  }

  /** Width (points) of a text on one line, as drawn. */
  widthOf(spans: readonly Span[]): number {
    return Math.max(0, ...this.layout(spans, Number.POSITIVE_INFINITY).lines.map((l) => l.width));
  }

  /**
   * Draws a paragraph from doc.y down, line by line inside [x, x + width], adding a page when a line
   * would cross the bottom margin; leaves doc.y under the last line and doc.x at `x`.
   */
  paragraph(spans: readonly Span[], options: PdfParagraphOptions): void {
    const { doc } = this;
    let laid = this.layout(spans, options.width, options.direction);
    if (options.singleLine && laid.lines.length > 1) laid = this.fitOneLine(spans, options);
    for (const line of laid.lines) {
      const size = Math.max(...line.pieces.map((p) => p.style.size), spans[0]?.style.size ?? 10);
      const height = this.lineHeight(size);
      if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
      const top = doc.y;
      const rightAligned = options.align === "end" || (options.align !== "start" && laid.direction === "rtl");
      const left = rightAligned ? options.x + options.width - line.width : options.x;
      this.drawLine(line, left, top, size);
      doc.y = top + height;
    }
    if (laid.lines.length === 0) doc.y += this.lineHeight(spans[0]?.style.size ?? 10);
    // Leave the main font current, so moveDown() keeps using its line height.
    this.chains.regular[0]!.font();
    doc.font(this.chains.regular[0]!.name).fontSize(spans[spans.length - 1]?.style.size ?? 10);
    doc.x = options.x;
  }

  /** The longest start of the text that fits one line with "…" after it. */
  private fitOneLine(spans: readonly Span[], options: PdfParagraphOptions) {
    const total = spans.reduce((n, s) => n + s.text.length, 0);
    const cut = (length: number): Span[] => {
      const out: Span[] = [];
      let left = length;
      for (const span of spans) {
        if (left <= 0) break;
        let text = span.text.slice(0, left);
        // Never cut a surrogate pair in two.
        if (/[\uD800-\uDBFF]$/.test(text)) text = text.slice(0, -1);
        out.push({ ...span, text });
        left -= span.text.length;
      }
      const last = out[out.length - 1];
      if (last) last.text = `${last.text.trimEnd()}…`;
      return out;
    };
    let lo = 0;
    let hi = total;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.layout(cut(mid), options.width, options.direction).lines.length <= 1) lo = mid;
      else hi = mid - 1;
    }
    return this.layout(cut(lo), options.width, options.direction);
  }

  private drawLine(line: LaidLine<PdfTextStyle>, left: number, top: number, size: number): void {
    const { doc } = this;
    const main = this.chains.regular[0]!.font();
    const baseline = top + (main.ascent / main.unitsPerEm) * size;
    for (const piece of line.pieces) {
      const { style } = piece;
      const x = left + piece.x;
      if (piece.face === PLACEHOLDER) {
        this.drawPlaceholder(piece.text, x, baseline, piece.width, style);
        continue;
      }
      this.select(style, piece.face);
      const font = this.chains[style.font][piece.face]!.font();
      const y = baseline - (font.ascent / font.unitsPerEm) * style.size;
      doc.fillColor(style.color);
      const options: PDFKit.Mixins.TextOptions = { lineBreak: false, underline: !!style.underline };
      if (style.link) options.link = style.link;
      if (style.goTo) options.goTo = style.goTo;
      doc.text(drawingText(piece.text, piece.level), x, y, options);
      if (piece.level % 2 === 1) this.reverseLigatureText();
    }
  }

  /**
   * A right-to-left piece is written in visual order, and readers (PDF.js, Poppler) turn each text
   * item back to logical order by reversing its characters, which would also reverse the characters
   * of a ligature (lam-alef "لا" read as "ال"). So the ToUnicode entry of a right-to-left ligature is
   * written reversed. This reaches into pdfkit's EmbeddedFont (`unicode`: code points per subset
   * glyph); it does nothing if that shape changes.
   */
  private reverseLigatureText(): void {
    const font = (this.doc as unknown as { _font?: { unicode?: unknown } })._font;
    const unicode = font?.unicode;
    if (!font || !Array.isArray(unicode)) return;
    let done = this.reversedGlyphs.get(font);
    if (!done) this.reversedGlyphs.set(font, (done = new Set()));
    unicode.forEach((codePoints: unknown, gid) => {
      if (done.has(gid) || !Array.isArray(codePoints) || codePoints.length < 2) return;
      done.add(gid);
      if (hasStrongRtl(String.fromCodePoint(...(codePoints as number[])))) unicode[gid] = [...(codePoints as number[])].reverse();
    });
  }

  private drawPlaceholder(text: string, x: number, baseline: number, width: number, style: PdfTextStyle): void {
    const { doc } = this;
    const boxTop = baseline - style.size * 0.75;
    doc.save().lineWidth(0.5).strokeColor(PLACEHOLDER_COLOR).rect(x + 0.5, boxTop, width - 1, style.size * 0.95).stroke().restore();
    const size = this.placeholderSize(style);
    const mono = this.chains.mono[0]!.font();
    doc.font(this.chains.mono[0]!.name).fontSize(size).fillColor(PLACEHOLDER_COLOR);
    const y = baseline - style.size * 0.28 - (mono.ascent / mono.unitsPerEm) * size * 0.75;
    doc.text(codePointLabel(text), x + 2, y, { lineBreak: false });
  }
}
