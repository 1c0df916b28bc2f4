/**
 * A long article shown in parts. The article page renders one part at a time, so a page's size is
 * bounded whatever the article's (an article may hold 2 MB: rendered whole, its page was 4–12 MB,
 * the text sent once as HTML and again in React's payload, and each view of it slowed every other
 * user's pages). Parts cut at a paragraph break, else a line break, else a space, in the last half
 * of a part's room; only a text with none there is cut mid-word (never inside a grapheme cluster).
 */

/** Most code points one part of an article holds (a long feature is 30,000–60,000). */
export const ARTICLE_PART_CODE_POINTS = 60_000;

/** One part: `start`/`end` in code points of the whole text, `unitStart`/`unitEnd` the same in UTF-16 units. */
export interface ArticlePart {
  start: number;
  end: number;
  unitStart: number;
  unitEnd: number;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a);

/** True when a regional indicator (U+1F1E6..U+1F1FF, half of a flag) starts at UTF-16 index `at`. */
function isRegionalIndicatorAt(text: string, at: number): boolean {
  return at >= 0 && text.charCodeAt(at) === 0xd83c && text.charCodeAt(at + 1) >= 0xdde6 && text.charCodeAt(at + 1) <= 0xddff;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * A cut with no break to cut at: moved back to the last grapheme cluster boundary (Unicode UAX #29,
 * via Intl.Segmenter) at or before UTF-16 index `unit`, so a flag, an emoji sequence or a letter with
 * its combining marks stays whole; `[unit, cp]` itself when there is none after `floor` within
 * 64 units. Returns [UTF-16 index, code point].
 */
function atGrapheme(text: string, floor: number, unit: number, cp: number): [number, number] {
  // Flags are pairs of regional indicators, paired from the start of their run: a window starting
  // inside a run would pair them wrongly, so count the run back instead (at most the part's length).
  if (isRegionalIndicatorAt(text, unit - 2) || isRegionalIndicatorAt(text, unit)) {
    let before = 0;
    for (let at = unit - 2; at >= floor && isRegionalIndicatorAt(text, at); at -= 2) before++;
    return before % 2 === 1 && unit - 2 > floor ? [unit - 2, cp - 1] : [unit, cp];
  }
  const from = Math.max(floor, unit - 64);
  let boundary = -1;
  for (const { index } of graphemes.segment(text.slice(from, unit + 64))) {
    if (from + index > unit) break;
    // Index 0 is a boundary only at the part's start; elsewhere the window may begin mid-cluster.
    if (index > 0 || from === floor) boundary = from + index;
  }
  if (boundary <= floor || boundary === unit) return [unit, cp];
  let dropped = 0;
  for (const _ of text.slice(boundary, unit)) dropped++;
  return [boundary, cp - dropped];
}

/**
 * The parts of `text`, in order, covering it exactly with no overlap (their slices joined give the
 * text back); each holds 1..`maxCodePoints` code points. An empty text is one empty part.
 * Linear in the text's length, no copy of it.
 * @throws RangeError when maxCodePoints is not a positive integer.
 */
export function articleParts(text: string, maxCodePoints: number = ARTICLE_PART_CODE_POINTS): ArticlePart[] {
  if (!Number.isInteger(maxCodePoints) || maxCodePoints < 1) throw new RangeError("maxCodePoints must be a positive integer");
  const parts: ArticlePart[] = [];
  let unitStart = 0;
  let start = 0;
  while (unitStart < text.length || parts.length === 0) {
    // Break candidates just after a paragraph break, a line break and a space: [unit, code point].
    let paragraph: [number, number] | null = null;
    let line: [number, number] | null = null;
    let space: [number, number] | null = null;
    const half = start + Math.ceil(maxCodePoints / 2);
    let unit = unitStart;
    let cp = start;
    while (unit < text.length && cp - start < maxCodePoints) {
      const c = text.charCodeAt(unit);
      unit += isHigh(c) && unit + 1 < text.length && isLow(text.charCodeAt(unit + 1)) ? 2 : 1;
      cp += 1;
      if (cp < half) continue;
      if (c === 0x0a) {
        if (unit >= 2 && text.charCodeAt(unit - 2) === 0x0a) paragraph = [unit, cp];
        line = [unit, cp];
      } else if (isSpace(c)) space = [unit, cp];
    }
    const [unitEnd, end] = unit >= text.length ? [unit, cp] : (paragraph ?? line ?? space ?? atGrapheme(text, unitStart, unit, cp));
    parts.push({ start, end, unitStart, unitEnd });
    unitStart = unitEnd;
    start = end;
  }
  return parts;
}

/** Index of the part holding code point `offset` (the last part for an offset at or past the end). */
export function partIndexAt(parts: readonly ArticlePart[], offset: number): number {
  let low = 0;
  let high = parts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (parts[mid]!.start <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
