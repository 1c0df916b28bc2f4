/**
 * Boilerplate detection for web articles: bylines, navigation/teaser blocks
 * ("Editor's Picks", "Trending Stories", "More"), photo captions, calls to
 * action, and headings. Works on lines of the original text.
 */

/** A line that on its own marks the start of page furniture after the article body. */
const FOOTER_MARKER =
  /^(?:more|more stories|more from [\p{L} ]+|related|related (?:articles|stories|posts|news|coverage)|read more|read next|editor['’]?s picks?|trending|trending (?:stories|now|news)|most (?:read|popular|viewed)|popular (?:stories|posts)|recommended(?: for you)?|you may also like|you might also like|also read|author|about the author|share this(?: article| story)?|comments?|leave a (?:comment|reply)|tags?|advertisement|sponsored(?: content)?|latest (?:news|stories)|top stories)\s*:?$/iu;

/** Standalone short labels that are never claims. */
const LABEL_LINE = /^(?:author|editor|advertisement|sponsored|share|print|email|comments?|tags?|photo|video|listen|subscribe)\s*:?$/iu;

const BYLINE = /^(?:by|written by|reporting by|words by|author)\s*[:\-–—]?\s*\p{Lu}/u;

const CAPTION =
  /\[(?:photo|image|picture|video|graphic|illustration|file photo)\b[^\]]*\]|\((?:photo|image|picture|credit|file photo)s?\s*[:/][^)]*\)|^(?:photo|image|picture|credit|caption|file photo|source)s?\s*:|\b(?:getty images|ap photo|afp via getty|reuters\/[\p{L} ]+$|photo credit|photo by|image credit)\b/iu;

const CALL_TO_ACTION =
  /\b(?:show your support|support (?:us|our (?:work|journalism))|if you like our work|subscribe (?:to|now|today)|sign up (?:for|to)|our newsletter|follow us on|share this (?:article|story)|click here|donate (?:now|today)|become a (?:member|subscriber|patron)|all rights reserved|cookie policy|privacy policy|terms of (?:use|service))\b/iu;

/** Ends like a sentence: . ! ? … (optionally followed by closing quotes/brackets). */
const TERMINAL = /[.!?…]["'”’)\]]*$/u;

export type BoilerplateReason =
  | "footer"
  | "byline"
  | "caption"
  | "call-to-action"
  | "heading"
  | "teaser"
  | "label"
  | "no-words";

export interface LineInfo {
  /** UTF-16 offsets of the line (without the line break). */
  start: number;
  end: number;
  text: string;
  /** Why the whole line is boilerplate, or null. */
  boilerplate: BoilerplateReason | null;
}

/** Number of words (runs of letters/digits, joined by apostrophes or hyphens). */
export function wordCount(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const wordChar =
      (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && !(c >= 0x2000 && c <= 0x2bff) && !(c >= 0x3000 && c <= 0x303f) && !(c >= 0xd800 && c <= 0xdfff));
    const joiner = inWord && (c === 39 || c === 0x2019 || c === 45) && i + 1 < s.length && /[\p{L}\p{N}]/u.test(s[i + 1]!);
    if (wordChar || joiner) {
      if (!inWord) n++;
      inWord = true;
    } else inWord = false;
  }
  return n;
}

/** Cheap pre-filters so the long patterns only run on lines that could match. */
const CAPTION_HINT = /photo|image|picture|credit|caption|getty|source|reuters|video|graphic|illustration/i;
const CTA_HINT = /support|subscribe|sign up|newsletter|follow us|share this|click here|donate|become a|rights reserved|policy|terms of/i;

/**
 * Classifies each line of the text. `hasVerb(lineStart, lineEnd)` tells
 * whether the line contains a verb (from the POS tagger).
 */
export function classifyLines(text: string, hasVerb: (start: number, end: number) => boolean): LineInfo[] {
  const lines: LineInfo[] = [];
  const re = /[^\n\r\u2028\u2029]+/g;
  for (const m of text.matchAll(re)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (!t) continue;
    lines.push({ start: m.index + lead, end: m.index + lead + t.length, text: t, boilerplate: null });
  }
  const wordCounts = lines.map((l) => wordCount(l.text));
  // Footer: the first footer marker line in the latter part of the text ends the body.
  let footerFrom = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if ((wordCounts[i] ?? 0) <= 6 && l.start >= text.length * 0.3 && i > 0 && FOOTER_MARKER.test(l.text)) {
      footerFrom = i;
      break;
    }
  }
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const t = l.text;
    const words = wordCounts[i] ?? 0;
    const terminal = TERMINAL.test(t);
    let why: BoilerplateReason | null = null;
    if (footerFrom >= 0 && i >= footerFrom) why = "footer";
    else if (words === 0) why = "no-words";
    else if (words <= 3 && LABEL_LINE.test(t)) why = "label";
    else if (BYLINE.test(t) && (words <= 12 || /\.\.\.|…/.test(t))) why = "byline";
    else if (CAPTION_HINT.test(t) && CAPTION.test(t)) why = "caption";
    else if (words <= 25 && CTA_HINT.test(t) && CALL_TO_ACTION.test(t)) why = "call-to-action";
    else if ((t.endsWith("...") || t.endsWith("…")) && /\p{L}\s*(?:\.\.\.|…)$/u.test(t)) why = "teaser"; // truncated link-preview text
    else if (!terminal) {
      const letters = t.replace(/[^\p{L}]/gu, "");
      const lowerOnly = letters.length > 0 && letters === letters.toLowerCase();
      const capitalised = (t.match(/(?:^|\s)\p{Lu}/gu) ?? []).length;
      const verb = hasVerb(l.start, l.end);
      if (!verb) why = "heading";
      else if (words <= 6) why = "heading"; // short unpunctuated line: a headline or label
      else if (lowerOnly) why = "caption"; // alt text / image caption pasted as a line
      else if (words <= 14 && capitalised / words >= 0.6) why = "heading"; // Title Case headline
    }
    l.boilerplate = why;
  }
  return lines;
}
