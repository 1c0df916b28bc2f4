/**
 * Text anchors for claim spans: a quote with some context on each side, and
 * re-anchoring of a span after the surrounding text has been edited.
 * All offsets are Unicode code points.
 */
import { codePointLength, codePointToUtf16, utf16ToCodePointTable } from "./codepoints";

export interface TextAnchor {
  /** The anchored text. */
  quote: string;
  /** Up to `context` code points before the span. */
  prefix: string;
  /** Up to `context` code points after the span. */
  suffix: string;
}

export interface AnchoredSpan {
  start: number;
  end: number;
  quote: string;
  prefix?: string;
  suffix?: string;
}

export const ANCHOR_CONTEXT = 32;

/** Builds an anchor for the code-point span [start, end) of `text`. */
export function buildAnchor(text: string, start: number, end: number, context = ANCHOR_CONTEXT): TextAnchor {
  return buildAnchors(text, [{ start, end }], context)[0]!;
}

/**
 * Anchors for several code-point spans of one text, in the order given: the same anchors as
 * buildAnchor span by span, but the text's code-point map is built once for all of them (none at
 * all for text without surrogate pairs), so the cost is one pass over the text, not one per span —
 * an import of a 2 MB article with 40 claims took ~3 s of the request thread, inside its write
 * transaction, when every span scanned the whole text and allocated a table of its length.
 */
export function buildAnchors(text: string, spans: readonly { start: number; end: number }[], context = ANCHOR_CONTEXT): TextAnchor[] {
  if (spans.length === 0) return [];
  const toU = codePointToUtf16(text);
  const total = codePointLength(text);
  return spans.map(({ start, end }) => {
    const s = Math.max(0, Math.min(start, total));
    const e = Math.max(s, Math.min(end, total));
    return {
      quote: text.slice(toU(s), toU(e)),
      prefix: text.slice(toU(Math.max(0, s - context)), toU(s)),
      suffix: text.slice(toU(e), toU(Math.min(total, e + context))),
    };
  });
}

/** Length of the common suffix of a and b (UTF-16 units). */
function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
/** Length of the common prefix of a and b (UTF-16 units). */
function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

const MAX_OCCURRENCES = 10_000;

/**
 * Picks the occurrence of `quote` in `hay` whose surroundings best match
 * prefix/suffix; ties go to the occurrence nearest `hint` (UTF-16 index).
 * Returns the UTF-16 start or -1.
 */
function bestOccurrence(hay: string, quote: string, prefix: string, suffix: string, hint: number): number {
  if (!quote) return -1;
  let best = -1;
  let bestScore = -Infinity;
  let from = 0;
  for (let k = 0; k < MAX_OCCURRENCES; k++) {
    const i = hay.indexOf(quote, from);
    if (i < 0) break;
    const before = hay.slice(Math.max(0, i - prefix.length), i);
    const after = hay.slice(i + quote.length, i + quote.length + suffix.length);
    const ctx = commonSuffix(before, prefix) + commonPrefix(after, suffix);
    // Context dominates; distance from the old position breaks ties.
    const score = ctx * 1e9 - Math.abs(i - hint);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
    from = i + 1;
  }
  return best;
}

interface Normalized {
  text: string;
  /** map[i] = UTF-16 index in the original of normalised char i; map[len] = original length. */
  map: number[];
}

const QUOTE_MAP: Record<string, string> = {
  "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
  "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
  "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
  "\u2026": "...",
};

/** Whitespace collapsed to one space, typographic quotes/dashes made plain, with an index map. */
function normalize(s: string): Normalized {
  let out = "";
  const map: number[] = [];
  let inSpace = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (/\s/u.test(ch)) {
      if (!inSpace) {
        out += " ";
        map.push(i);
      }
      inSpace = true;
      continue;
    }
    inSpace = false;
    const rep = QUOTE_MAP[ch] ?? ch;
    for (let r = 0; r < rep.length; r++) {
      out += rep[r];
      map.push(i);
    }
  }
  map.push(s.length);
  return { text: out, map };
}

/**
 * Finds the span again in an edited text:
 * 1. the old offsets, if the quote is still there;
 * 2. otherwise the occurrence of the quote whose prefix/suffix context matches best;
 * 3. otherwise the same search on whitespace/quote/dash-normalised text.
 * Returns code-point offsets, or null when the quote cannot be found.
 */
export function reanchorSpan(text: string, span: AnchoredSpan): { start: number; end: number } | null {
  const quote = span.quote;
  if (!quote) return null;
  const toU = codePointToUtf16(text);
  // The common case first (the stored offsets still hold), without a code-point table of the text.
  const total = codePointLength(text);
  if (span.start >= 0 && span.end <= total && span.start <= span.end) {
    const us = toU(span.start);
    const ue = toU(span.end);
    if (text.slice(us, ue) === quote) return { start: span.start, end: span.end };
  }
  const table = utf16ToCodePointTable(text);
  const prefix = span.prefix ?? "";
  const suffix = span.suffix ?? "";
  const hint = toU(Math.max(0, Math.min(span.start, total)));
  const exact = bestOccurrence(text, quote, prefix, suffix, hint);
  if (exact >= 0) return { start: table[exact] ?? 0, end: table[exact + quote.length] ?? 0 };

  const nt = normalize(text);
  const nq = normalize(quote).text.trim();
  if (!nq) return null;
  const np = normalize(prefix).text;
  const ns = normalize(suffix).text;
  // Hint in normalised coordinates: first normalised index at or after the old UTF-16 start.
  let nHint = 0;
  while (nHint < nt.map.length - 1 && (nt.map[nHint] ?? 0) < hint) nHint++;
  let found = bestOccurrence(nt.text, nq, np, ns, nHint);
  if (found < 0) {
    // Last resort: case-insensitive (only when lower-casing keeps lengths, so the index map stays valid).
    const lt = nt.text.toLowerCase();
    const lq = nq.toLowerCase();
    if (lt.length !== nt.text.length || lq.length !== nq.length) return null;
    found = bestOccurrence(lt, lq, np.toLowerCase(), ns.toLowerCase(), nHint);
    if (found < 0) return null;
  }
  const u16Start = nt.map[found] ?? 0;
  const lastCharU16 = nt.map[found + nq.length - 1] ?? u16Start;
  // End just after the original character that produced the last normalised char.
  const cp = text.codePointAt(lastCharU16) ?? 0;
  const u16End = lastCharU16 + (cp > 0xffff ? 2 : 1);
  return { start: table[u16Start] ?? 0, end: table[u16End] ?? 0 };
}
