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
 * Split text into plain and highlighted segments for display. Spans are code-point ranges;
 * overlapping spans are clipped so that each code point is shown once.
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
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: TextSegment[] = [];
  let pos = 0;
  for (const span of order) {
    const start = Math.max(span.start, pos);
    if (start >= span.end) continue;
    if (start > pos) segments.push({ text: slice(pos, start), spanIndex: null });
    segments.push({ text: slice(start, span.end), spanIndex: span.i });
    pos = span.end;
  }
  if (pos < total) segments.push({ text: slice(pos, total), spanIndex: null });
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
