/**
 * Hard-wrapped text (wire copy, e-mail, text copied out of a PDF) breaks lines inside a paragraph at
 * ~60–80 columns. Such a single line break is not a sentence boundary; a blank line, a heading, a list
 * item, or a line that ends like a sentence still ends the unit. All decisions look only at the two
 * lines around the break (linear in the text length).
 */

/** A list item, Markdown heading, quote, table row or rule at the start of a line. */
const BLOCK_START = /^[ \t]*(?:[-*+•·–—]\s|\d{1,3}[.)]\s|[a-z][.)]\s|#{1,6}\s|>|\||={3,}|-{3,}|_{3,})/u;
/** Ends like a sentence or a label: . ! ? … : (optionally followed by closing quotes/brackets). */
const ENDS_UNIT = /[.!?…:]["'”’)\]]*$/u;
/** Words a broken line may start with (lower case, a digit, or continuing punctuation). */
const CONTINUES = /^[\p{Ll}\p{N}(“"'‘$€£%&,;]/u;
/** A line this long is body text wrapped by the sender, not a heading (columns, UTF-16 units). */
export const WRAPPED_LINE_MIN = 45;
/** How much longer than the line before a wrapped line may be (one long word), in UTF-16 units. */
export const WRAP_SLACK = 16;

/** \n \v \f \r, U+2028, U+2029 (the line breaks), by UTF-16 code. */
function isLineBreak(code: number): boolean {
  return (code >= 0x0a && code <= 0x0d) || code === 0x2028 || code === 0x2029;
}

/**
 * Whether the white space `text[gapStart, gapEnd)` (between two tokens, containing at least one line
 * break) ends a unit. It does not when the gap holds exactly one line break, the line before it does not
 * end like a sentence, neither line is a heading/list item/quote/table row, and the line after it either
 * starts like a continuation (lower case, digit, opening quote…) or the line before is long enough
 * (≥ WRAPPED_LINE_MIN) to be wrapped body text and the line after is no longer than it plus
 * WRAP_SLACK (a heading is followed by a longer paragraph). `\r\n` counts as one break.
 */
export function isUnitBreak(text: string, gapStart: number, gapEnd: number): boolean {
  let breaks = 0;
  for (let i = gapStart; i < gapEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) continue;
    if (isLineBreak(c)) breaks++;
  }
  if (breaks !== 1) return true;
  let lineStart = gapStart;
  while (lineStart > 0 && !isLineBreak(text.charCodeAt(lineStart - 1))) lineStart--;
  const previous = text.slice(lineStart, gapStart).trimEnd();
  let lineEnd = gapEnd;
  while (lineEnd < text.length && !isLineBreak(text.charCodeAt(lineEnd))) lineEnd++;
  const next = text.slice(gapEnd, lineEnd);
  const nextTrimmed = next.trimStart();
  if (!previous || !nextTrimmed) return true;
  if (ENDS_UNIT.test(previous)) return true;
  if (BLOCK_START.test(next) || /^[ \t]*#{1,6}\s/.test(previous)) return true;
  if (CONTINUES.test(nextTrimmed)) return false;
  // Before a capitalised word: wrapped body text has a long line before and a line no longer than the
  // wrap width after; a heading is followed by a longer (often unwrapped) paragraph.
  const before = previous.trimStart().length;
  return !(before >= WRAPPED_LINE_MIN && next.trimEnd().length <= before + WRAP_SLACK);
}
