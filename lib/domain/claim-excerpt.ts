/**
 * The passage of an article a claim page shows: the claim's own paragraph and its neighbours, not the
 * whole snapshot (an article of 500 claims is ~85 KB, and a server-rendered page sends its text twice:
 * in the HTML and in the React flight payload). The article page shows the whole text.
 */
import { isBmpOnly } from "./extraction/codepoints";

export interface ClaimExcerpt {
  /** text before the claim: the rest of its paragraph and up to `paragraphs` paragraphs before it */
  before: string;
  /** the claim's passage itself */
  quote: string;
  /** text after the claim, likewise */
  after: string;
  /** true when text of the article precedes `before` (the page says so with "…") */
  clippedStart: boolean;
  /** true when text of the article follows `after` */
  clippedEnd: boolean;
}

/** Paragraphs of context on each side of the claim's paragraph. */
export const EXCERPT_PARAGRAPHS = 1;
/** At most this many UTF-16 code units of context on each side (a long paragraph is cut at a space). */
export const EXCERPT_MAX_CONTEXT = 1_200;

/**
 * UTF-16 index of code-point offset `cp` in `text` (offsets are code points, DESIGN.md §2), clamped
 * to the text. Scans only up to the offset, and not at all for text without surrogates.
 */
function utf16Index(text: string, cp: number, bmpOnly: boolean): number {
  if (cp <= 0) return 0;
  if (bmpOnly) return Math.min(cp, text.length);
  let i = 0;
  for (let n = 0; n < cp && i < text.length; n++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return i;
}

/** Start of the paragraph `extra` paragraphs before the one holding index `at` (paragraphs are lines). */
function paragraphStart(text: string, at: number, extra: number): number {
  let start = text.lastIndexOf("\n", at - 1) + 1;
  for (let k = 0; k < extra && start > 0; k++) {
    let i = start - 1;
    while (i > 0 && text[i - 1] === "\n") i--; // blank lines between paragraphs
    start = text.lastIndexOf("\n", i - 1) + 1;
  }
  return start;
}

/** End (exclusive) of the paragraph `extra` paragraphs after the one holding index `at`. */
function paragraphEnd(text: string, at: number, extra: number): number {
  const next = (from: number) => {
    const nl = text.indexOf("\n", from);
    return nl < 0 ? text.length : nl;
  };
  let end = next(at);
  for (let k = 0; k < extra && end < text.length; k++) {
    let i = end;
    while (i < text.length && text[i] === "\n") i++;
    end = i < text.length ? next(i) : end;
  }
  return end;
}

const isLowSurrogate = (text: string, i: number) => i > 0 && i < text.length && (text.charCodeAt(i) & 0xfc00) === 0xdc00;

/**
 * The excerpt around a claim at code-point offsets [start, end) of `text`: the rest of its paragraph
 * and `paragraphs` paragraphs (lines) on each side, each side at most `maxContext` UTF-16 code units,
 * cut at a space (never inside a surrogate pair). Offsets outside the text are clamped; an empty span
 * gives an empty quote. Pure: no errors thrown.
 */
export function claimExcerpt(
  text: string,
  span: { start: number; end: number },
  options: { paragraphs?: number; maxContext?: number } = {},
): ClaimExcerpt {
  const paragraphs = options.paragraphs ?? EXCERPT_PARAGRAPHS;
  const maxContext = options.maxContext ?? EXCERPT_MAX_CONTEXT;
  const bmpOnly = isBmpOnly(text);
  const us = utf16Index(text, span.start, bmpOnly);
  const ue = Math.max(us, utf16Index(text, span.end, bmpOnly));
  let from = paragraphStart(text, us, paragraphs);
  if (us - from > maxContext) {
    from = us - maxContext;
    const space = text.indexOf(" ", from);
    from = space >= 0 && space < us ? space + 1 : from;
    if (isLowSurrogate(text, from)) from++;
  }
  let to = paragraphEnd(text, ue, paragraphs);
  if (to - ue > maxContext) {
    to = ue + maxContext;
    const space = text.lastIndexOf(" ", to);
    to = space > ue ? space : to;
    if (isLowSurrogate(text, to)) to--;
  }
  // Blank lines at the excerpt's edges carry nothing.
  while (from < us && text[from] === "\n") from++;
  while (to > ue && text[to - 1] === "\n") to--;
  return {
    before: text.slice(from, us),
    quote: text.slice(us, ue),
    after: text.slice(ue, to),
    clippedStart: from > 0,
    clippedEnd: to < text.length,
  };
}
