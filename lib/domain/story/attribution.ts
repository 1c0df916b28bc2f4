/**
 * Who an article credits with a report ("Reuters reported", "according to the Wall Street Journal,
 * which first reported …") and whether two names mean the same source or claimant.
 *
 * A credit is a named source next to a reporting phrase, in three strengths:
 * - FIRST: "X, which first reported", "X, which was the first to report", "first reported by X",
 *   "X first reported / was the first to report / broke the story";
 * - REPORTED: "X reported / revealed / disclosed", "as X revealed", "reported by X";
 * - ACCORDING: "according to X".
 * A name is a run of capitalised words (with "of", "for", "de" … inside, "the" before it), so
 * "The Wall Street Journal", "Reuters", "DW", "The New York Times". Generic subjects that are
 * capitalised only because they start a sentence ("Officials reported", "Critics revealed") are no
 * source. Plain regular expressions, each bounded, linear in the text length.
 */
import { isBmpOnly, utf16ToCodePointTable } from "../extraction/codepoints";

export type CreditStrength = "FIRST" | "REPORTED" | "ACCORDING";

/** A source credited in an article's text. */
export interface SourceCredit {
  /** The source as written, leading "the" capitalised: "The Wall Street Journal", "Reuters". */
  source: string;
  strength: CreditStrength;
  /** The reporting words as written ("which"/"who" left out): "first reported", "reported", "According to". */
  phrase: string;
  /** Code-point span of the whole credit (name and phrase) in the text, end exclusive. */
  start: number;
  end: number;
  /** The sentence holding the credit (white space collapsed, at most 300 code points). */
  quote: string;
}

const RANK: Record<CreditStrength, number> = { FIRST: 3, REPORTED: 2, ACCORDING: 1 };

const WORD = String.raw`\p{Lu}[\p{L}\p{M}'’.&-]*`;
/** A source name: capitalised words, small linking words inside, optional leading "the". */
const NAME = String.raw`((?:[Tt]he\s+)?${WORD}(?:\s+(?:(?:of|for|and|de|du|la|le|al)\s+)?${WORD}){0,5})`;
const REPORT_VERB = String.raw`(?:reported|revealed|disclosed|broke)`;

/** Patterns with the name in group 1 and the reporting words in group 2 (or group 1 / 2 swapped, see `nameFirst`). */
const PATTERNS: { re: RegExp; strength: CreditStrength; nameFirst: boolean }[] = [
  { re: new RegExp(String.raw`${NAME},?\s+((?:which|who)\s+(?:was\s+)?(?:the\s+)?first\s+(?:to\s+)?(?:report|reveal|disclose|break)\w*|which\s+broke\s+the\s+(?:story|news))`, "gu"), strength: "FIRST", nameFirst: true },
  { re: new RegExp(String.raw`\b((?:first|originally)\s+${REPORT_VERB}\s+by)\s+${NAME}`, "gu"), strength: "FIRST", nameFirst: false },
  { re: new RegExp(String.raw`${NAME}\s+(was\s+the\s+first\s+to\s+(?:report|reveal)|first\s+${REPORT_VERB}|broke\s+the\s+(?:story|news))`, "gu"), strength: "FIRST", nameFirst: true },
  { re: new RegExp(String.raw`${NAME}\s+((?:has\s+|had\s+)?(?:reported|revealed|disclosed|reports|reveals))\b`, "gu"), strength: "REPORTED", nameFirst: true },
  { re: new RegExp(String.raw`\b((?:reported|revealed|disclosed)\s+by)\s+${NAME}`, "gu"), strength: "REPORTED", nameFirst: false },
  { re: new RegExp(String.raw`\b([Aa]ccording\s+to)\s+${NAME}`, "gu"), strength: "ACCORDING", nameFirst: false },
];

/** Capitalised words that name nobody in particular (sentence starts, pronouns, generic groups). */
const GENERIC =
  /^(?:the\s+)?(?:it|he|she|they|we|this|that|these|those|some|many|most|others?|officials?|analysts?|critics?|observers?|sources?|witnesses?|residents?|reporters?|journalists?|media|authorities|experts?|researchers?|investigators?|police|documents?|reports?|data|figures|studies|study|survey|local\s+media|state\s+media|news|everyone|nobody|somebody|someone|as|but|and|yet|so|then|when|while|also|later|earlier|previously|first|on|in|at)$/i;
/** Words that may start a sentence before a name and are not part of it ("As Reuters reported"). */
const LEADING_NOISE = /^(?:As|But|And|Yet|So|Then|When|While|Also|Later|Earlier|Previously|On|In|At|Now)\s+/;

function tidySource(raw: string): string | null {
  let name = raw.replace(/\s+/g, " ").trim();
  for (let i = 0; i < 2; i++) name = name.replace(LEADING_NOISE, "");
  name = name.replace(/['’]s$/, "").replace(/[.,]+$/, "");
  if (!name || GENERIC.test(name)) return null;
  return name.replace(/^the\s+/, "The ");
}

/** The sentence around UTF-16 index `at`: from the previous sentence end or line break to the next. */
function sentenceAround(text: string, at: number): string {
  const before = text.slice(Math.max(0, at - 600), at);
  const cut = Math.max(before.lastIndexOf("\n"), ...[". ", "! ", "? "].map((p) => before.lastIndexOf(p)));
  const start = cut < 0 ? Math.max(0, at - 600) : at - before.length + cut + (before[cut] === "\n" ? 1 : 2);
  const after = text.slice(at, at + 600);
  const ends = [/[.!?](?=\s|$)/.exec(after), /\n/.exec(after)].filter((m): m is RegExpExecArray => m !== null);
  const end = ends.length ? at + Math.min(...ends.map((m) => m.index + (m[0] === "\n" ? 0 : 1))) : at + after.length;
  const quote = text.slice(start, end).replace(/\s+/g, " ").trim();
  const chars = Array.from(quote);
  return chars.length > 300 ? `${chars.slice(0, 299).join("")}…` : quote;
}

/**
 * Every source credited in `text` (any length), in text order; a name credited by two overlapping
 * patterns ("according to the Wall Street Journal, which first reported") appears once, with the
 * stronger credit. Offsets are code points. Never throws.
 */
export function findSourceCredits(text: string): SourceCredit[] {
  const found: (SourceCredit & { u16: number })[] = [];
  // UTF-16 index → code point index, one table for all matches (identity for BMP-only text).
  const table = isBmpOnly(text) ? null : utf16ToCodePointTable(text);
  const cp = (u16: number) => (table ? (table[u16] ?? 0) : u16);
  for (const { re, strength, nameFirst } of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const rawName = nameFirst ? m[1]! : m[2]!;
      const phrase = (nameFirst ? m[2]! : m[1]!).replace(/\s+/g, " ").replace(/^(?:which|who) /, "");
      const source = tidySource(rawName);
      if (!source) continue;
      // A name-first credit starts at the name as tidied ("As Politico revealed" → "Politico revealed").
      const skipped = nameFirst ? Math.max(0, m[0].toLowerCase().indexOf(source.toLowerCase())) : 0;
      const u16 = m.index + skipped;
      found.push({ source, strength, phrase, start: cp(u16), end: cp(m.index + m[0].length), quote: sentenceAround(text, u16), u16 });
    }
  }
  found.sort((a, b) => a.start - b.start || RANK[b.strength] - RANK[a.strength]);
  const kept: SourceCredit[] = [];
  // Kept credits are in start order; only those starting within the longest span so far can overlap.
  let longest = 0;
  for (const { u16: _u16, ...credit } of found) {
    let overlapping = -1;
    for (let j = kept.length - 1; j >= 0 && kept[j]!.start + longest > credit.start; j--) {
      const k = kept[j]!;
      if (k.start < credit.end && credit.start < k.end && sameName(k.source, credit.source)) {
        overlapping = j;
        break;
      }
    }
    if (overlapping < 0) kept.push(credit);
    else if (RANK[credit.strength] > RANK[kept[overlapping]!.strength]) kept[overlapping] = credit;
    longest = Math.max(longest, credit.end - credit.start);
  }
  return kept;
}

/**
 * The article's main credit: the strongest (FIRST over REPORTED over ACCORDING), earliest first; null
 * when the text credits nobody.
 */
export function primaryCredit(credits: readonly SourceCredit[]): SourceCredit | null {
  let best: SourceCredit | null = null;
  for (const c of credits) if (!best || RANK[c.strength] > RANK[best.strength]) best = c;
  return best;
}

const TITLE_WORDS = new Set(["the", "mr", "mrs", "ms", "dr", "of", "and", "for"]);

function nameWords(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/['’]s\b/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !TITLE_WORDS.has(w));
}

/**
 * Whether two names (sources or claimants) mean the same one: equal words ignoring case, "the",
 * punctuation and possessives; or every word of one inside the other ("Hegseth" and "Defense Secretary
 * Pete Hegseth", "Reuters" and "Thomson Reuters"); or one is the initials of the other ("WSJ" and
 * "The Wall Street Journal"). Empty names are never the same.
 */
export function sameName(a: string, b: string): boolean {
  const wa = nameWords(a);
  const wb = nameWords(b);
  if (wa.length === 0 || wb.length === 0) return false;
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  if (short.every((w) => long.includes(w))) return true;
  const initials = (ws: string[]) => ws.map((w) => w[0]).join("");
  return (short.length === 1 && short[0] === initials(long)) || (long.length === 1 && long[0] === initials(short));
}
