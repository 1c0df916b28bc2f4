/**
 * Paragraph layout for text in any script, independent of the PDF library: the Unicode Bidirectional
 * Algorithm (UAX #9, via bidi-js) for right-to-left runs, a font per run chosen by glyph coverage from
 * a fallback chain, a placeholder for characters no font has, and line breaking at the break
 * opportunities of UAX #14 (via linebreak), with long unbroken runs (URLs, CJK, Thai) broken between
 * grapheme clusters so that no line is wider than the measure.
 *
 * All indices are UTF-16 code units of the paragraph's text; widths are whatever unit `measure`
 * returns (points in the PDF).
 */
import bidiFactory from "bidi-js";
import LineBreaker from "linebreak";

const bidi = bidiFactory();

/** One font of a fallback chain, seen only through its coverage. */
export interface FontFace {
  /** Whether the font has a glyph for this code point (fontkit's hasGlyphForCodePoint). */
  hasGlyph(codePoint: number): boolean;
  /** Characters of the script this face is made for: they go to it before the chain's first face. */
  prefers?: RegExp;
}

/** A piece of the paragraph in one style (the caller's font style, size, colour, link). */
export interface StyledSpan<S> {
  text: string;
  style: S;
}

/** Index into the chain of the face drawing a piece; PLACEHOLDER for a character that no face has. */
export const PLACEHOLDER = -1;

/** A run of the paragraph with one style, one font face and one bidi embedding level. */
export interface TextPiece<S> {
  start: number;
  end: number;
  /** The text to draw, in logical order; a right-to-left mirrored character (bracket) is already swapped. */
  text: string;
  /** Bidi embedding level: odd is right to left. */
  level: number;
  face: number;
  style: S;
}

export interface PlacedPiece<S> extends TextPiece<S> {
  /** Offset from the line's start edge (left), in visual order. */
  x: number;
  width: number;
}

export interface LaidLine<S> {
  /** Width of the line without its trailing white space. */
  width: number;
  /** The pieces in logical order, each with its visual position. */
  pieces: PlacedPiece<S>[];
}

export interface LaidParagraph<S> {
  /** The paragraph direction, from its first strong character (UAX #9 rules P2–P3). */
  direction: "ltr" | "rtl";
  lines: LaidLine<S>[];
}

export interface LayoutOptions<S> {
  /** The widest a line may be. */
  width: number;
  /** The fallback chain of each style; face 0 is the style's main font. */
  facesOf(style: S): readonly FontFace[];
  /** The width of `text` drawn with the piece's face and style (the face is PLACEHOLDER for a placeholder). */
  measure(piece: { face: number; style: S }, text: string): number;
  /** Force a direction instead of taking it from the text. */
  direction?: "ltr" | "rtl";
}

/** Marks, joiners, variation selectors and emoji modifiers belong with the character before them. */
const ATTACHED = /^[\p{M}\p{Default_Ignorable_Code_Point}\p{Emoji_Modifier}]$/u;
/** Characters of no particular script (spaces, punctuation, digits): they stay in the font before them. */
const COMMON = /^[\p{Script=Common}\p{Script=Inherited}]$/u;
const WHITESPACE = /\s/u;

/**
 * The face of every UTF-16 code unit: a white-space character goes to the main face (0) when it has
 * it; any other character to the first face that prefers its script and has it, else (if it is attached or of no script) to the face before it when that face has it, else to
 * the first face of the chain that has it, else PLACEHOLDER.
 */
export function chooseFaces(text: string, faces: readonly FontFace[]): Int16Array {
  const result = new Int16Array(text.length);
  const preferences = preferencesOf(faces);
  // Per code point, the preferred face and the first face that has it (a chain has ~500 faces: a
  // text of characters no font has must not cost 500 look-ups per character).
  let memo = lookupCache.get(faces);
  if (!memo) lookupCache.set(faces, (memo = new Map()));
  const lookup = (codePoint: number, char: string) => {
    let found = memo.get(codePoint);
    if (!found) {
      const preferring = preferences.find((p) => p.test(char));
      found = {
        preferred: preferring ? faces.findIndex((f) => f.prefers === preferring && f.hasGlyph(codePoint)) : -1,
        first: faces.findIndex((f) => f.hasGlyph(codePoint)),
      };
      memo.set(codePoint, found);
    }
    return found;
  };
  let previous = PLACEHOLDER;
  for (let i = 0; i < text.length; ) {
    const codePoint = text.codePointAt(i)!;
    const char = String.fromCodePoint(codePoint);
    let face = PLACEHOLDER;
    if (codePoint < 0x80 && faces[0]!.hasGlyph(codePoint)) {
      // ASCII, the bulk of most reports: the main font (no fallback prefers it).
      face = 0;
    } else if (ATTACHED.test(char)) {
      face = previous === PLACEHOLDER ? 0 : previous;
    } else if (WHITESPACE.test(char) && faces[0]!.hasGlyph(codePoint)) {
      // Spaces come from the main font: fallback fonts' spaces vary (Noto Emoji's is 1.27 em wide).
      face = 0;
    } else {
      const { preferred, first } = lookup(codePoint, char);
      face = preferred;
      if (face < 0 && previous !== PLACEHOLDER && COMMON.test(char) && faces[previous]!.hasGlyph(codePoint)) face = previous;
      if (face < 0) face = first;
      if (face < 0) face = WHITESPACE.test(char) ? 0 : PLACEHOLDER;
    }
    result.fill(face, i, i + char.length);
    previous = face;
    i += char.length;
  }
  return result;
}

const preferenceCache = new WeakMap<readonly FontFace[], RegExp[]>();
const lookupCache = new WeakMap<readonly FontFace[], Map<number, { preferred: number; first: number }>>();

/** The distinct `prefers` patterns of a chain (the slices of one family share one), tested once per character. */
function preferencesOf(faces: readonly FontFace[]): RegExp[] {
  let found = preferenceCache.get(faces);
  if (!found) {
    found = [...new Set(faces.map((f) => f.prefers).filter((p): p is RegExp => p !== undefined))];
    preferenceCache.set(faces, found);
  }
  return found;
}

/**
 * Characters that can make a level other than the paragraph's in a left-to-right paragraph: strong
 * right-to-left letters and Arabic digits (Hebrew, Arabic, Syriac, Thaana, NKo… and their presentation
 * forms; the right-to-left planes' surrogates) and the explicit bidi controls (LRM/RLM, ALM, embeddings,
 * isolates). Without any, the whole text is level 0 and the algorithm is skipped.
 */
const MAY_BE_RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud802\ud803\ud83a\ud83b]/;

function embeddingLevels(text: string, direction: "ltr" | "rtl" | undefined): { levels: Uint8Array; paragraphLevel: number } {
  if (direction !== "rtl" && !MAY_BE_RTL.test(text)) return { levels: new Uint8Array(text.length), paragraphLevel: 0 };
  const embedding = bidi.getEmbeddingLevels(text, direction ?? "auto");
  return { levels: embedding.levels, paragraphLevel: embedding.paragraphs[0]?.level ?? (direction === "rtl" ? 1 : 0) };
}

/** Joins spans into one text, each code unit with its span index. */
function joinSpans<S>(spans: readonly StyledSpan<S>[]): { text: string; spanOf: Uint16Array } {
  const text = spans.map((s) => s.text).join("");
  const spanOf = new Uint16Array(text.length);
  let at = 0;
  spans.forEach((span, i) => {
    spanOf.fill(i, at, at + span.text.length);
    at += span.text.length;
  });
  return { text, spanOf };
}

/**
 * Cuts the paragraph into pieces of one style, face and level. A run of characters no font has is one
 * placeholder piece; a mirrored character in a right-to-left run is a piece of its own (its mirror is drawn instead, rule L4);
 * right-to-left words and the spaces between them are pieces of their own.
 */
export function splitPieces<S>(spans: readonly StyledSpan<S>[], facesOf: (style: S) => readonly FontFace[], direction?: "ltr" | "rtl") {
  const { text, spanOf } = joinSpans(spans);
  const embedding = embeddingLevels(text, direction);
  const faceOf = new Int16Array(text.length);
  let at = 0;
  for (const span of spans) {
    faceOf.set(chooseFaces(span.text, facesOf(span.style)), at);
    at += span.text.length;
  }
  const pieces: TextPiece<S>[] = [];
  for (let i = 0; i < text.length; ) {
    const start = i;
    const level = embedding.levels[i]!;
    const face = faceOf[i]!;
    const span = spanOf[i]!;
    const first = String.fromCodePoint(text.codePointAt(i)!);
    const mirror = level % 2 === 1 ? bidi.getMirroredCharacter(first) : null;
    i += first.length;
    if (face !== PLACEHOLDER && !mirror) {
      while (i < text.length && embedding.levels[i] === level && faceOf[i] === face && spanOf[i] === span) {
        const next = String.fromCodePoint(text.codePointAt(i)!);
        if (level % 2 === 1 && bidi.getMirroredCharacter(next)) break;
        // Right to left, each word and each space is a piece: fontkit 2.0.4 loses the advance of a
        // glyph after a decomposed letter (آ) in a longer run, gluing two words together.
        if (level % 2 === 1 && !WHITESPACE.test(next) && WHITESPACE.test(text[i - 1]!)) break;
        i += next.length;
      }
    } else {
      // A placeholder takes the characters no font has that follow it (one box for the run, so a
      // text of thousands of them costs a box per line, not per character).
      while (face === PLACEHOLDER && i < text.length && faceOf[i] === PLACEHOLDER && embedding.levels[i] === level && spanOf[i] === span) {
        i += String.fromCodePoint(text.codePointAt(i)!).length;
      }
    }
    pieces.push({ start, end: i, text: mirror ?? text.slice(start, i), level, face, style: spans[span]!.style });
  }
  const paragraphLevel = embedding.paragraphLevel;
  return { text, pieces, direction: (paragraphLevel % 2 === 1 ? "rtl" : "ltr") as "ltr" | "rtl" };
}

/** Whether the text has a strong right-to-left letter (bidi class R or AL: Hebrew, Arabic, Syriac, Thaana…). */
export function hasStrongRtl(text: string): boolean {
  for (const char of text) {
    const type = bidi.getBidiCharTypeName(char);
    if (type === "R" || type === "AL") return true;
  }
  return false;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** The part [from, to) of a piece (its text is swapped only for one-character mirrored pieces). */
function slice<S>(piece: TextPiece<S>, text: string, from: number, to: number): TextPiece<S> {
  const start = Math.max(from, piece.start);
  const end = Math.min(to, piece.end);
  const mirrored = piece.text !== text.slice(piece.start, piece.end);
  return { ...piece, start, end, text: mirrored ? piece.text : text.slice(start, end) };
}

/**
 * Lays a paragraph out in lines no wider than `options.width`: breaks at UAX #14 opportunities, a
 * word wider than a line between grapheme clusters; required breaks (new lines) end a line. Each
 * line's pieces are ordered visually by rule L2 (reverse every run at or above each odd level) and
 * placed left to right; trailing white space is not drawn.
 */
export function layoutParagraph<S>(spans: readonly StyledSpan<S>[], options: LayoutOptions<S>): LaidParagraph<S> {
  const { text, pieces, direction } = splitPieces(spans, options.facesOf, options.direction);
  const measureRange = (from: number, to: number): number => {
    let width = 0;
    // Binary search for the first piece ending after `from`; pieces are in text order.
    let lo = 0;
    let hi = pieces.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pieces[mid]!.end <= from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < pieces.length && pieces[i]!.start < to; i++) {
      const part = slice(pieces[i]!, text, from, to);
      width += options.measure(part, part.text);
    }
    return width;
  };
  const trimEnd = (from: number, to: number): number => {
    let end = to;
    while (end > from && WHITESPACE.test(text[end - 1]!)) end--;
    return end;
  };

  const lines: [number, number][] = [];
  let lineStart = 0;
  let lineEnd = 0;
  let lineWidth = 0;
  const closeLine = () => {
    lines.push([lineStart, lineEnd]);
    lineStart = lineEnd;
    lineWidth = 0;
  };
  const breaker = new LineBreaker(text);
  let wordStart = 0;
  for (let brk = breaker.nextBreak(); brk; brk = breaker.nextBreak()) {
    const wordEnd = brk.position;
    const inkEnd = trimEnd(wordStart, wordEnd);
    const inkWidth = measureRange(wordStart, inkEnd);
    if (lineEnd > lineStart && lineWidth + inkWidth > options.width) closeLine();
    if (inkWidth > options.width) {
      // Too wide for any line: break between grapheme clusters (each measured alone, so the cost
      // stays linear in the word's length).
      for (const { segment, index } of graphemes.segment(text.slice(wordStart, inkEnd))) {
        const start = wordStart + index;
        const width = measureRange(start, start + segment.length);
        if (lineWidth + width > options.width && lineEnd > lineStart) closeLine();
        lineEnd = start + segment.length;
        lineWidth += width;
      }
      lineEnd = wordEnd;
      lineWidth += measureRange(inkEnd, wordEnd);
    } else {
      lineEnd = wordEnd;
      lineWidth += measureRange(wordStart, wordEnd);
    }
    if (brk.required) closeLine();
    wordStart = wordEnd;
  }
  if (lineEnd > lineStart || lines.length === 0) closeLine();

  return {
    direction,
    lines: lines.map(([from, to]) => placeLine(pieces, text, from, trimEnd(from, to), options)),
  };
}

function placeLine<S>(pieces: readonly TextPiece<S>[], text: string, from: number, to: number, options: LayoutOptions<S>): LaidLine<S> {
  const parts = pieces
    .filter((p) => p.end > from && p.start < to)
    .map((p) => slice(p, text, from, to))
    .filter((p) => !/^[\r\n\u2028\u2029]+$/.test(p.text));
  // Rule L2: from the highest level down to the lowest odd one, reverse each run at that level or higher.
  const visual = [...parts];
  const levels = visual.map((p) => p.level);
  const highest = Math.max(0, ...levels);
  const lowestOdd = Math.min(...levels.filter((l) => l % 2 === 1), highest + 1);
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < visual.length; ) {
      if (visual[i]!.level < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < visual.length && visual[j]!.level >= level) j++;
      visual.splice(i, j - i, ...visual.slice(i, j).reverse());
      i = j;
    }
  }
  let x = 0;
  const placed = new Map<TextPiece<S>, PlacedPiece<S>>();
  for (const part of visual) {
    const width = options.measure(part, part.text);
    placed.set(part, { ...part, x, width });
    x += width;
  }
  return { width: x, pieces: parts.map((p) => placed.get(p)!) };
}
