/**
 * Offsets in ClaimLedger are Unicode code points (DESIGN.md §2), so an emoji counts as one
 * position whatever its UTF-16 length. These helpers convert between the two.
 */
import { reanchorSpan } from "./extraction/anchor";
import { codePointLength, codePointToUtf16, cpSlice } from "./extraction/codepoints";

export { codePointLength } from "./extraction/codepoints";
export { ANCHOR_CONTEXT, buildAnchor, buildAnchors, type TextAnchor } from "./extraction/anchor";

/** Slice by code-point offsets [start, end). */
export function sliceCodePoints(text: string, start: number, end?: number): string {
  return cpSlice(text, start, end ?? Number.MAX_SAFE_INTEGER);
}

export interface TextSegment {
  text: string;
  /** index of the highlighted span this segment belongs to, or null for plain text */
  spanIndex: number | null;
}

/**
 * Split text into plain and highlighted segments for display, each code point shown once. Spans are
 * code-point ranges. A span inside a longer one is shown within it (the longer one's segments before
 * and after it keep the longer one's index: a claim made from a phrase of a suggested sentence stays
 * visible); of two spans that only overlap, the one starting first keeps the shared part. Out-of-range
 * parts are clipped and empty spans dropped. O(boundaries × spans open at once).
 */
export function segmentText(text: string, spans: readonly { start: number; end: number }[]): TextSegment[] {
  // Offsets convert to UTF-16 indices without splitting the text into code points (identity when
  // the text has no surrogate pairs): an 85 KB article is not copied into an array per request.
  const total = codePointLength(text);
  const toU = codePointToUtf16(text);
  const slice = (from: number, to: number) => text.slice(toU(from), toU(to));
  const order = spans
    .map((s, i) => ({ start: Math.max(0, s.start), end: Math.min(total, s.end), i }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end || a.i - b.i);
  const boundaries = [...new Set([0, total, ...order.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const segments: TextSegment[] = [];
  const open: typeof order = [];
  let next = 0;
  for (let k = 0; k + 1 < boundaries.length; k++) {
    const from = boundaries[k]!;
    const to = boundaries[k + 1]!;
    while (next < order.length && order[next]!.start <= from) open.push(order[next++]!);
    for (let j = open.length - 1; j >= 0; j--) if (open[j]!.end <= from) open.splice(j, 1);
    // The first-starting open span, unless another open span lies inside it (then the innermost).
    let shown: (typeof order)[number] | undefined = open[0];
    for (const span of open) if (shown && span !== shown && span.start >= shown.start && span.end <= shown.end) shown = span;
    const spanIndex = shown ? shown.i : null;
    const last = segments[segments.length - 1];
    if (last && last.spanIndex === spanIndex) last.text += slice(from, to);
    else segments.push({ text: slice(from, to), spanIndex });
  }
  return segments;
}


/**
 * Where a stored claim sits in its article text: its offsets while the quote is still found there,
 * otherwise the span re-found from its quote and prefix/suffix context (offsets that drifted, e.g.
 * after a line-ending or Unicode normalisation of the snapshot). Null when the quote is gone.
 */
export function locateClaimSpan(
  text: string,
  claim: { start: number; end: number; quote: string; prefix: string; suffix: string },
): { start: number; end: number } | null {
  return reanchorSpan(text, claim);
}
