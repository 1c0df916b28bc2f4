/**
 * Limits on the shape of an article's text, checked before claim finding and entity analysis.
 * Their cost grows with the number of sentences and paragraphs, not with the bytes: every sentence is
 * tokenised, scored and tagged on its own, so 2 MB of tiny pieces ("a\n\n", "Ab.\n", "Ab. Ab. …",
 * one-word list items, short CSV-like lines) — 300,000 to 700,000 of them — held a worker past the
 * 30 s time limit, while 2 MB of long sentences (about 15,000–30,000) is analysed in seconds. Such a
 * text is refused at once, in one linear pass, naming the limit.
 */
import { WRAPPED_LINE_MIN } from "./line-wrap";

/*
 * Figures measured with extractClaims + namedEntities (the two analyses an import runs) by hand at
 * load average 12–16 on 2 cores: see MAX_TEXT_PIECES and MAX_TEXT_PARAGRAPHS. A 2 MB text of
 * 68-code-point sentences (scripts/lib/hostile-pages.ts, the bench's plain-text probe) has 29,411 pieces
 * and one paragraph; real reports' sentences are longer (an estimate: 120–150 code points, so
 * 14,000–17,000 in 2 MB); the demo articles (sample-articles) have 14–17 pieces in one paragraph.
 */

/**
 * Sentence-like pieces an imported text may have (see measureTextPieces): 60,000, twice the 29,411
 * of 2 MB of 68-code-point sentences and 3.5× a real 2 MB report's 14,000–17,000. At the limit,
 * 60,000 `Ab. ` took 8.6–9.2 s of claim finding and 2.6–3.7 s of entity analysis (run side by side in
 * two workers) and 60,000 short CSV-like lines 4.7 s + 3.4 s: a third of the 30 s time limit.
 */
export const MAX_TEXT_PIECES = 60_000;

/**
 * Paragraphs (runs of lines between blank lines) an imported text may have: 30,000. Real paragraphs
 * hold hundreds of code points (2 MB: 2,000–7,000 of them); a tiny paragraph costs more than a tiny
 * sentence (each is a unit of its own for the line-wrap and boilerplate rules): 30,000 tiny
 * paragraphs took 3.1 s + 2.7 s.
 */
export const MAX_TEXT_PARAGRAPHS = 30_000;

/** The limits one measurement checks, by name. */
export interface TextLimits {
  pieces: number;
  paragraphs: number;
}

/** The limits of an import (MAX_TEXT_PIECES, MAX_TEXT_PARAGRAPHS). */
export const TEXT_IMPORT_LIMITS: TextLimits = { pieces: MAX_TEXT_PIECES, paragraphs: MAX_TEXT_PARAGRAPHS };

/** What one pass found (counts as TextLimits names them) and the first limit passed (null when none). */
export interface TextMeasurement {
  shape: TextLimits;
  /** The limit passed first, in reading order; the pass stops there, so the other figure is partial. */
  broken: keyof TextLimits | null;
}

const NO_LIMITS: TextLimits = { pieces: Number.POSITIVE_INFINITY, paragraphs: Number.POSITIVE_INFINITY };

/** Space, tab, \r, \v, \f, no-break space and the other Unicode spaces up to U+3000 (UTF-16 code). */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0b || code === 0x0c || code === 0x0d || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x205f || code === 0x3000;
}

/** . ! ? … and the Arabic question mark, Urdu full stop and Devanagari dandas: a piece ends when white space follows one. */
function isTerminal(code: number): boolean {
  return code === 0x2e || code === 0x21 || code === 0x3f || code === 0x2026 || code === 0x061f || code === 0x06d4 || code === 0x0964 || code === 0x0965 || isClosingTerminal(code);
}

/**
 * The ideographic full stop 。, fullwidth ！ ？ and halfwidth ｡: Chinese and Japanese put no space after a
 * sentence, so a piece ends right after one.
 */
function isClosingTerminal(code: number): boolean {
  return code === 0x3002 || code === 0xff01 || code === 0xff1f || code === 0xff61;
}

/**
 * Counts, in one pass linear in `text`'s length, its sentence-like pieces and paragraphs:
 * - a piece is a run of text holding something other than white space, ended by white space after
 *   . ! ? … ؟ ۔ । ॥, right after 。 ！ ？ ｡ (no space follows them in Chinese and Japanese), by a
 *   blank line, or by a line break (\n, U+2028, U+2029) after a line shorter than
 *   WRAPPED_LINE_MIN (45) UTF-16 units — a list item, table row or short line stands alone, while a
 *   break inside hard-wrapped body text (longer lines) does not end a piece;
 * - a paragraph is a run of lines holding something other than white space, ended by a blank line.
 * Abbreviations ("U.S. officials") count as breaks, so real text counts a few pieces too many.
 * Stops as soon as a count passes its figure in `limits` (default: none) and names it in `broken`.
 */
export function measureTextPieces(text: string, limits: TextLimits = NO_LIMITS): TextMeasurement {
  const shape: TextLimits = { pieces: 0, paragraphs: 0 };
  let inPiece = false;
  let inParagraph = false;
  let lineBlank = true;
  let lineStart = 0;
  let afterTerminal = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x2028 || c === 0x2029) {
      if (lineBlank) inParagraph = false;
      if (lineBlank || afterTerminal || i - lineStart < WRAPPED_LINE_MIN) inPiece = false;
      lineBlank = true;
      lineStart = i + 1;
      afterTerminal = false;
      continue;
    }
    if (isSpace(c)) {
      if (afterTerminal) inPiece = false;
      afterTerminal = false;
      continue;
    }
    lineBlank = false;
    afterTerminal = isTerminal(c);
    if (!inParagraph) {
      inParagraph = true;
      if (++shape.paragraphs > limits.paragraphs) return { shape, broken: "paragraphs" };
    }
    if (!inPiece) {
      inPiece = true;
      if (++shape.pieces > limits.pieces) return { shape, broken: "pieces" };
    }
    if (isClosingTerminal(c)) inPiece = false;
  }
  return { shape, broken: null };
}

const count = (n: number) => n.toLocaleString("en-US");

const REFUSALS: Record<keyof TextLimits, (limit: number) => string> = {
  pieces: (n) => `This text has more than ${count(n)} sentences, lines or list items`,
  paragraphs: (n) => `This text has more than ${count(n)} paragraphs`,
};

/**
 * Null when `text` is within `limits` (default TEXT_IMPORT_LIMITS), else the refusal a user reads:
 * which limit, its figure, that nothing was imported and what to do (e.g. "This text has more than
 * 30,000 paragraphs (the limit for an imported text); nothing was imported. Split the document, or
 * import only the part to check."). One measureTextPieces pass.
 */
export function textLimitRefusal(text: string, limits: TextLimits = TEXT_IMPORT_LIMITS): string | null {
  const { broken } = measureTextPieces(text, limits);
  return broken
    ? `${REFUSALS[broken](limits[broken])} (the limit for an imported text); nothing was imported. Split the document, or import only the part to check.`
    : null;
}
