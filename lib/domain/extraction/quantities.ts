/**
 * Quantity normalisation: finds numbers with their comparator ("up to",
 * "more than", …), scale ("billion") and unit in a sentence, classifies them
 * (length, count, percent, money, date, duration, other) and renders a short
 * display string. Physical units are recognised and converted with
 * js-quantities.
 */
import Qty from "js-quantities";
import { isBmpOnly, utf16ToCodePointTable } from "./codepoints";

export type QuantityKind = "LENGTH" | "COUNT" | "PERCENT" | "MONEY" | "DATE" | "DURATION" | "OTHER";
export type Comparator = "<" | "<=" | "=" | ">=" | ">" | "~";

export interface NormalizedQuantity {
  /** The matched text, e.g. "up to 190 miles". */
  text: string;
  /** Code-point offsets (relative to the article when an offset is passed). */
  start: number;
  end: number;
  kind: QuantityKind;
  comparator: Comparator;
  /**
   * Numeric value in `unit`. For DATE (unit "date"): milliseconds since the epoch (UTC) of
   * the start of the named day/month/year; for a day named without its year (unit "month-day",
   * "Feb. 12"): month × 100 + day (212).
   */
  value: number;
  /** Upper end of a range ("10-15%", "between 2,000 and 3,000 troops"), in `unit`; absent for a single value. */
  high?: number;
  /** Unit: js-quantities unit ("mi", "km", "kg", "h"…), "%", "pp", ISO currency code, counted noun, or "date". */
  unit: string;
  /** Human-readable normal form, e.g. "≤ 190 mi ≈ 305.8 km", "> 3,000 missiles", "$1.2 billion", "2025-08-24". */
  display: string;
}

const COMPARATOR_SYMBOL: Record<Comparator, string> = { "<": "<", "<=": "≤", "=": "=", ">=": "≥", ">": ">", "~": "~" };

/** Comparator phrases, longest first so that "no more than" wins over "more than". */
const COMPARATOR_PHRASES: [string, Comparator][] = (
  [
    ["no more than", "<="],
    ["not more than", "<="],
    ["no fewer than", ">="],
    ["no less than", ">="],
    ["not less than", ">="],
    ["a maximum of", "<="],
    ["a minimum of", ">="],
    ["as many as", "<="],
    ["as much as", "<="],
    ["as few as", ">="],
    ["as little as", ">="],
    ["in excess of", ">"],
    ["upwards of", ">"],
    ["greater than", ">"],
    ["more than", ">"],
    ["higher than", ">"],
    ["larger than", ">"],
    ["fewer than", "<"],
    ["less than", "<"],
    ["lower than", "<"],
    ["smaller than", "<"],
    ["at least", ">="],
    ["at most", "<="],
    ["up to", "<="],
    ["close to", "~"],
    ["an estimated", "~"],
    ["approximately", "~"],
    ["roughly", "~"],
    ["around", "~"],
    ["about", "~"],
    ["nearly", "~"],
    ["almost", "~"],
    ["some", "~"],
    ["over", ">"],
    ["above", ">"],
    ["exceeding", ">"],
    ["under", "<"],
    ["below", "<"],
    ["exactly", "="],
    ["precisely", "="],
    ["~", "~"],
    ["≈", "~"],
    ["≥", ">="],
    ["≤", "<="],
    [">", ">"],
    ["<", "<"],
  ] as [string, Comparator][]
).sort((a, b) => b[0].length - a[0].length);

const SCALE: Record<string, number> = {
  hundred: 1e2,
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  mn: 1e6,
  m: 1e6,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
  tn: 1e12,
};

const SMALL_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70,
  eighty: 80, ninety: 90, dozen: 12,
};

/** Vague plurals: "thousands of jobs" → more than 1,000 jobs. */
const VAGUE_PLURALS: Record<string, number> = { dozens: 12, hundreds: 100, thousands: 1e3, millions: 1e6, billions: 1e9 };

const CURRENCY_SYMBOLS: Record<string, string> = { $: "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB" };
const CURRENCY_WORDS: Record<string, string> = {
  dollar: "USD", dollars: "USD", euro: "EUR", euros: "EUR", rupees: "INR", rubles: "RUB", roubles: "RUB", yen: "JPY",
  yuan: "CNY", hryvnias: "UAH", hryvnia: "UAH",
};

const MONTHS = [
  "january", "february", "march", "april", "may", "june",
  "july", "august", "september", "october", "november", "december",
];
const MONTH_RE = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";

/** js-quantities kinds accepted as physical units. */
const PHYSICAL_KINDS = new Set(["length", "mass", "area", "volume", "time", "speed", "temperature", "power", "energy"]);
/** Words js-quantities knows as units but which are far more often ordinary English. */
const UNIT_BLOCKLIST = new Set([
  "in", "at", "a", "s", "t", "m", "h", "d", "g", "l", "are", "point", "points", "grain", "grains", "cup", "cups",
  "rod", "rods", "stone", "stones", "league", "leagues", "pica", "mil", "dram", "drams", "carat", "slug", "slugs",
  "second", "pint", "pints", "gram", "ft", "rad", "cd", "mol", "ha", "b", "bit", "bits", "byte", "bytes",
]);
/** Units not understood by js-quantities but common in text; kept as plain time words. */
const CALENDAR_UNITS: Record<string, string> = { month: "months", months: "months" };
/** Conversion targets for display (the factors come from js-quantities). */
const DISPLAY_COUNTERPART: Record<string, string> = {
  mi: "km", km: "mi", ft: "m", m: "ft", in: "cm", cm: "in", yd: "m", nmi: "km", lbs: "kg", kg: "lbs",
  tn: "t", t: "tn", gal: "l", l: "gal", mph: "kph", kph: "mph", acre: "hectare", hectare: "acre",
  tempF: "tempC", tempC: "tempF", degF: "degC", degC: "degF", oz: "g", mm: "in",
};

const unitCache = new Map<string, { units: string; kind: string } | null>();

/** Resolves a unit word through js-quantities (cached). */
function physicalUnit(word: string): { units: string; kind: string } | null {
  const w = word.replace(/\.$/, "");
  if (w.length === 0) return null;
  if (unitCache.has(w)) return unitCache.get(w) ?? null;
  let res: { units: string; kind: string } | null = null;
  const lower = w.toLowerCase();
  const candidate = w.length <= 3 ? w : lower; // keep case for abbreviations (km, MW)
  if (!UNIT_BLOCKLIST.has(lower) && /^[A-Za-z°/^0-9-]+$/.test(w)) {
    try {
      const q = Qty.parse(`1 ${candidate}`);
      if (q && PHYSICAL_KINDS.has(q.kind())) res = { units: q.units(), kind: q.kind() };
    } catch {
      res = null;
    }
  }
  if (unitCache.size > 5000) unitCache.clear();
  unitCache.set(w, res);
  return res;
}

/** Words that end a counted-noun phrase. */
const PHRASE_STOP = new Set([
  "of", "that", "which", "who", "whom", "whose", "have", "has", "had", "having", "were", "was", "are", "is", "be",
  "been", "being", "in", "on", "at", "to", "for", "from", "with", "by", "and", "or", "but", "as", "than", "per",
  "a", "an", "the", "this", "these", "those", "their", "its", "his", "her", "our", "your", "my", "will", "would",
  "could", "should", "can", "may", "might", "must", "do", "does", "did", "not", "into", "across", "since",
  "during", "over", "under", "after", "before", "while", "when", "where", "if", "so", "because", "there", "it",
  "they", "we", "he", "she", "you", "i", "ago", "each", "every", "a", "year", "annually", "times", "time",
]);
const MODIFIER_SKIP = new Set(["more", "additional", "extra", "other", "new", "fewer", "less", "or", "so"]);

const numberFormats = new Map<number, Intl.NumberFormat>();
function fmt(n: number, maxFractionDigits: number): string {
  let f = numberFormats.get(maxFractionDigits);
  if (!f) {
    f = new Intl.NumberFormat("en-US", { maximumFractionDigits: maxFractionDigits });
    numberFormats.set(maxFractionDigits, f);
  }
  return f.format(n);
}

/** "3,000", "1.2 billion", "305.8". */
export function formatNumber(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e12 && abs % 1e10 === 0) return `${fmt(n / 1e12, 2)} trillion`;
  if (abs >= 1e9 && abs % 1e7 === 0) return `${fmt(n / 1e9, 2)} billion`;
  if (abs >= 1e6 && abs % 1e4 === 0) return `${fmt(n / 1e6, 2)} million`;
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 1 ? 2 : 4;
  return fmt(n, digits);
}

function parseNumeral(s: string): number | null {
  const t = s.replace(/,/g, "").trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(t) || /^\.\d+$/.test(t)) return Number(t);
  if (t in SMALL_NUMBERS) return SMALL_NUMBERS[t] ?? null;
  const m = /^(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](one|two|three|four|five|six|seven|eight|nine)$/.exec(t);
  if (m) return (SMALL_NUMBERS[m[1]!] ?? 0) + (SMALL_NUMBERS[m[2]!] ?? 0);
  return null;
}

interface RawMatch {
  s: number; // UTF-16 start within sentence
  e: number; // UTF-16 end
  q: Omit<NormalizedQuantity, "text" | "start" | "end">;
}

const NUM = String.raw`(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)`;
const WORD_NUM = String.raw`(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a dozen)`;
const SCALE_RE = String.raw`(?:hundred|thousand|million|billion|trillion|bn|mn|tn|[kmb](?![a-z]))`;

const NUMBER_RE = new RegExp(
  String.raw`(?:(US\$|[$€£¥₹₽])\s?)?(${NUM}|\b${WORD_NUM}\b)(?:\s?(${SCALE_RE})\b)?(?:\s?(%|percent\b|per cent\b|percentage points?\b))?|\b(dozens|hundreds|thousands|millions|billions)\s+of\b`,
  "giu",
);
/** Cheap test for anything NUMBER_RE could match. */
const QUICK_NUMBER = /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|dozens?|hundreds|thousands|millions|billions)\b/i;

/** A clock time right after a number: "10:30", "3 p.m.", "9am". */
const CLOCK_AFTER = /^(?::\d{2}\b|\s?(?:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b|o['’]clock\b|GMT\b|UTC\b|[ECMP][SD]T\b))/i;
/** A label right before a number: "No. 3", "Nos. 4", "#3", "№ 5", "Vol. 2", "Art. 5". */
const LABEL_BEFORE = /(?:(?<![\p{L}])(?:No|Nos|Nr|Num|Vol|Art|Sec|Ch|Fig|Para|Pt|Reg|Ref|Pp?)\.|#|№)\s*$/iu;
/** Capitalised words before a number that do not make it an identifier ("A 1,000-plus crowd", "The 300 soldiers"). */
const SENTENCE_START_WORDS = new Set(["A", "An", "The", "Some", "About", "Around", "Nearly", "Almost", "Only", "Just", "All", "Over", "Under", "Roughly", "Another", "These", "Those", "Its", "Their", "His", "Her", "Our", "With", "Of", "In", "On", "By", "For", "And", "But", "Or", "To", "From", "At", "Between", "Exactly", "Precisely"]);
/** Unit symbols too ambiguous as words ("in", "h", "g") but unambiguous glued to a number ("8ft", "24h", "500g"). */
const GLUED_ONLY_UNITS = new Set(["ft", "in", "g", "h", "l", "s", "t", "ha", "cd", "mil"]);

const gluedUnitCache = new Map<string, { units: string; kind: string } | null>();

/** Resolves a glued-only unit symbol through js-quantities (cached: the symbols are a fixed handful). */
function gluedOnlyUnit(word: string): { units: string; kind: string } | null {
  if (!GLUED_ONLY_UNITS.has(word)) return null;
  const hit = gluedUnitCache.get(word);
  if (hit !== undefined) return hit && { ...hit };
  let res: { units: string; kind: string } | null;
  try {
    const q = Qty.parse(`1 ${word}`);
    res = q && PHYSICAL_KINDS.has(q.kind()) ? { units: q.units(), kind: q.kind() } : null;
  } catch {
    res = null;
  }
  gluedUnitCache.set(word, res);
  return res && { ...res };
}

/** "N-M" right after a number (a score, a vote or a range). */
const PAIR_AFTER = /^\s?[-–]\s?\d+/;
const SCORE_AFTER = /^\s*(?:votes?|victory|win|wins|loss|defeat|decision|majority|ruling|verdict|score|scoreline|lead|draw|tie|split|result|home|away)\b/i;
const SCORE_BEFORE = /\b(?:won|win|wins|lost|lose|loses|beat|beats|defeated|drew|draw|tied|leads?|led|trails?|trailed|voted|vote of|score of|scored)\s+(?:by\s+)?$/i;
/** Upper end of a range after a number: "-15%", "–15 million", " to 15 percent". */
const RANGE_DASH = new RegExp(String.raw`^(?:\s?[-–—]\s?|\s+to\s+)(?:US\$|[$€£¥₹₽])?(${NUM})(?:\s?(${SCALE_RE}))?(?:\s?(%|percent\b|per cent\b|percentage points?\b))?`, "iu");
const RANGE_AND = new RegExp(String.raw`^\s+and\s+(?:US\$|[$€£¥₹₽])?(${NUM})(?:\s?(${SCALE_RE}))?(?:\s?(%|percent\b|per cent\b|percentage points?\b))?`, "iu");
/** "a week", "per day", "each month" after a time unit: a frequency. */
const RATE_AFTER = /^\s+(?:a|an|per|each|every)\s+(day|week|month|year|hour|minute|fortnight)\b/i;
/** js-quantities time units shown as words ("5 days", not "5 d"). */
const TIME_WORDS: Record<string, string> = { s: "seconds", min: "minutes", h: "hours", d: "days", wk: "weeks", y: "years", yr: "years", decade: "decades", century: "centuries" };
/** Plural nouns without an -s. */
const IRREGULAR_PLURALS = new Set(["people", "children", "men", "women", "police", "personnel", "staff", "cattle", "sheep", "fish", "deer", "aircraft", "livestock", "troops", "feet", "teeth", "mice", "geese", "crew", "infantry", "militia", "civilians"]);

function isPluralNoun(word: string): boolean {
  const w = word.toLowerCase();
  return IRREGULAR_PLURALS.has(w) || (/s$/.test(w) && !/(?:ss|us|is)$/.test(w));
}

/** Date patterns: "August 24, 2025", "24 August 2025", "August 2025", "in 2024". */
const DATE_MDY = new RegExp(String.raw`\b(${MONTH_RE})\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`, "gi");
const DATE_DMY = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(${MONTH_RE})\s*,?\s+(\d{4})\b`, "gi");
const DATE_MY = new RegExp(String.raw`\b(${MONTH_RE})\s+(?:of\s+)?(\d{4})\b`, "gi");
const DATE_Y = /\b(in|since|by|until|from|before|after|during|of|early|late|mid|summer|spring|winter|autumn|fall|year)\s+((?:1[89]|20)\d{2})\b(?![,.]?\d)(?!\s*(?:%|percent|[a-z]+s\b))/gi;

/** A day named without its year: "Feb. 12", "12 February" (month capitalised, so "may 12" stays a verb). */
const MONTH_CS = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";
const DATE_MD = new RegExp(String.raw`\b(${MONTH_CS})\s+(\d{1,2})(?:st|nd|rd|th)?\b(?![,.]?\d)`, "g");
const DATE_DM = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(${MONTH_CS})(?![\p{L}])`, "gu");
const MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function findDates(s: string, out: RawMatch[]): void {
  if (/\d/.test(s)) {
    const monthDay = (start: number, end: number, name: string, day: number) => {
      const month = MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().replace(/\.$/, "").slice(0, 3)));
      if (month < 0 || day < 1 || day > 31) return;
      out.push({ s: start, e: end, q: { kind: "DATE", comparator: "=", value: (month + 1) * 100 + day, unit: "month-day", display: `${MONTH_ABBR[month]} ${day}` } });
    };
    for (const m of s.matchAll(DATE_MD)) monthDay(m.index, m.index + m[0].length, m[1]!, Number(m[2]));
    for (const m of s.matchAll(DATE_DM)) monthDay(m.index, m.index + m[0].length, m[2]!, Number(m[1]));
  }
  if (!/\d{4}/.test(s)) return;
  const mdy = DATE_MDY;
  const dmy = DATE_DMY;
  const my = DATE_MY;
  const y = DATE_Y;
  const monthIndex = (name: string): number => {
    const n = name.toLowerCase().replace(/\.$/, "");
    return MONTHS.findIndex((m) => m.startsWith(n.slice(0, 3)));
  };
  const push = (start: number, end: number, year: number, month: number | null, day: number | null): void => {
    if (month !== null && (month < 0 || month > 11)) return;
    if (day !== null && (day < 1 || day > 31)) return;
    const value = Date.UTC(year, month ?? 0, day ?? 1);
    const iso = new Date(value).toISOString().slice(0, day !== null ? 10 : month !== null ? 7 : 4);
    out.push({ s: start, e: end, q: { kind: "DATE", comparator: "=", value, unit: "date", display: iso } });
  };
  for (const m of s.matchAll(mdy)) push(m.index, m.index + m[0].length, Number(m[3]), monthIndex(m[1]!), Number(m[2]));
  for (const m of s.matchAll(dmy)) push(m.index, m.index + m[0].length, Number(m[3]), monthIndex(m[2]!), Number(m[1]));
  for (const m of s.matchAll(my)) push(m.index, m.index + m[0].length, Number(m[2]), monthIndex(m[1]!), null);
  for (const m of s.matchAll(y)) {
    const start = m.index + m[0].length - m[2]!.length;
    push(start, m.index + m[0].length, Number(m[2]), null, null);
  }
}

/** Finds a comparator phrase ending right before UTF-16 index `at` (allowing spaces). */
const COMPARATOR_BY_PHRASE = new Map(COMPARATOR_PHRASES);
const COMPARATOR_RE = new RegExp(
  `(?<![\\p{L}])(${COMPARATOR_PHRASES.map(([p]) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})\\s*$`,
  "u",
);

/** Finds a comparator phrase ending right before UTF-16 index `at` (allowing spaces). */
function comparatorBefore(s: string, at: number): { start: number; cmp: Comparator } | null {
  const before = s.slice(Math.max(0, at - 24), at).toLowerCase();
  const m = COMPARATOR_RE.exec(before);
  if (!m) return null;
  const cmp = COMPARATOR_BY_PHRASE.get(m[1]!);
  return cmp ? { start: at - before.length + m.index, cmp } : null;
}

/** Next word(s) after index `at`: returns the counted noun phrase's head and its end. */
function countedNoun(s: string, at: number): { unit: string; end: number } | null {
  const re = /^(\s+|-)([\p{L}][\p{L}'’-]*)/u;
  let pos = at;
  let unit = "";
  let end = at;
  for (let k = 0; k < 4; k++) {
    const m = re.exec(s.slice(pos));
    if (!m) break;
    const w = m[2]!;
    const lw = w.toLowerCase();
    if (PHRASE_STOP.has(lw)) break;
    pos += m[0].length;
    if (MODIFIER_SKIP.has(lw) && unit === "") continue;
    unit = w;
    end = pos;
    // A plural noun usually ends the phrase ("3,000 extended-range missiles").
    if ((/s$/.test(lw) && !/ss$/.test(lw)) || IRREGULAR_PLURALS.has(lw)) break;
  }
  return unit ? { unit, end } : null;
}

/** Counted-noun head shown in the display (last hyphen part of a compound, as in the text). */
function displayNoun(w: string): string {
  return w;
}

function convertDisplay(value: number, units: string): string {
  const target = DISPLAY_COUNTERPART[units];
  if (!target) return "";
  try {
    const converted = Qty(value, units).to(target).scalar;
    const shown = Qty(converted, target).units();
    return ` ≈ ${formatNumber(Math.round(converted * 10) / 10)} ${shown}`;
  } catch {
    return "";
  }
}

/**
 * Finds quantities in a sentence. `offset` (code points) is added to the
 * returned start/end so they can be made relative to the whole article.
 */
export function parseQuantities(sentence: string, offset = 0): NormalizedQuantity[] {
  const s = sentence;
  const raw: RawMatch[] = [];
  findDates(s, raw);

  if (!QUICK_NUMBER.test(s)) return finish(s, raw, offset);
  for (const m of s.matchAll(NUMBER_RE)) {
    let start = m.index;
    let end = m.index + m[0].length;
    const vague = m[5];
    const cur = m[1];
    const numeral = m[2];
    const scaleWord = m[3]?.toLowerCase();
    const pct = m[4]?.toLowerCase();
    if (!vague && !numeral) continue;
    // Skip numbers glued to letters (F-16, G7, COVID-19) and ordinals (21st).
    const prevChar = s[start - 1] ?? " ";
    if (!cur && /[\p{L}\d\-–—]/u.test(prevChar) && !/^\s/.test(m[0])) continue;
    if (!vague && /^(st|nd|rd|th)\b/i.test(s.slice(end))) continue;
    // Skip what is already a date.
    if (raw.some((r) => r.q.kind === "DATE" && start < r.e && end > r.s)) continue;
    const rest = s.slice(end);
    if (numeral && !vague) {
      // Clock times ("10:30", "3 p.m.") and labels ("No. 3", "#4", "Vol. 2") are not amounts.
      if (CLOCK_AFTER.test(rest) || /\d[:.]$/.test(s.slice(0, start)) && /\d:$/.test(s.slice(0, start))) continue;
      if (!cur && LABEL_BEFORE.test(s.slice(Math.max(0, start - 12), start))) continue;
      // Scores and votes ("a 7-2 vote", "won 3-1"): neither number is an amount.
      const pair = PAIR_AFTER.exec(rest);
      if (pair && !cur && !pct && (SCORE_AFTER.test(rest.slice(pair[0].length)) || SCORE_BEFORE.test(s.slice(Math.max(0, start - 24), start)))) continue;
    }
    // A year-like number (1800–2100, no thousands separator) is a DATE unless it counts a plural noun
    // or carries a unit ("2,000 troops", "2000 troops" count; "the 2026 fiscal year", "a 2024 report" are dates).
    if (!cur && !scaleWord && !pct && numeral && /^(1[89]|20)\d{2}$/.test(numeral) && !/^\s?(?:[-–]|to\b)\s?\d/.test(rest) && !/^\+/.test(rest)) {
      const after = countedNoun(s, end);
      const word = /^\s+([\p{L}°][\p{L}/^0-9'’-]*)/u.exec(rest)?.[1] ?? "";
      const counts = isPluralNoun(word) || (after && !PHRASE_STOP.has(after.unit.toLowerCase()) && isPluralNoun(after.unit));
      if (!counts && !(word && (physicalUnit(word) || CURRENCY_WORDS[word.toLowerCase()] || CALENDAR_UNITS[word.toLowerCase()]))) {
        raw.push({ s: start, e: end, q: { kind: "DATE", comparator: "=", value: Date.UTC(Number(numeral), 0, 1), unit: "date", display: numeral } });
        continue;
      }
    }
    // Year spans ("2020-2024", "2019 to 2023") are dates.
    const years = numeral && !cur && !pct ? /^(?:\s?[-–]\s?|\s+to\s+)((?:1[89]|20)\d{2})\b/.exec(rest) : null;
    if (years && /^(1[89]|20)\d{2}$/.test(numeral!)) {
      end += years[0].length;
      raw.push({ s: start, e: end, q: { kind: "DATE", comparator: "=", value: Date.UTC(Number(numeral), 0, 1), unit: "date", display: `${numeral}–${years[1]}` } });
      continue;
    }
    let value: number;
    let high: number | undefined;
    let comparator: Comparator = "=";
    if (vague) {
      value = VAGUE_PLURALS[vague.toLowerCase()] ?? 0;
      comparator = ">";
    } else {
      const n = parseNumeral(numeral!.replace(/^a dozen$/i, "dozen"));
      if (n === null) continue;
      value = n;
      if (scaleWord) {
        // Single-letter scales only count when glued to the number or after a currency ("$5m").
        if (scaleWord.length === 1 && !cur) {
          end = m.index + m[0].length - (m[3]?.length ?? 0);
          end = end - (/\s/.test(s.charAt(end - 1)) ? 1 : 0);
        } else value *= SCALE[scaleWord] ?? 1;
      }
    }
    // Ranges: "10-15%", "$10-15 million", "10 to 15 percent", "between 2,000 and 3,000 troops".
    let unitScale = scaleWord && (scaleWord.length > 1 || cur) ? (SCALE[scaleWord] ?? 1) : 1;
    const between = !vague && /\bbetween\s+(?:US\$|[$€£¥₹₽])?$/i.exec(s.slice(Math.max(0, m.index - 12), m.index));
    const rangeRe = between ? RANGE_AND : RANGE_DASH;
    const range = !vague && !pct && (!scaleWord || unitScale > 1) ? rangeRe.exec(s.slice(end)) : null;
    if (range && !pct) {
      const upper = parseNumeral(range[1]!);
      // "52-48" with the larger number first and no unit: a tally, not a range.
      if (upper !== null && upper <= value / unitScale && !range[2] && !range[3] && !between) continue;
      const upperScale = range[2] ? (SCALE[range[2].toLowerCase()] ?? 1) : null;
      if (upper !== null) {
        if (upperScale !== null && upperScale > 1 && unitScale === 1) {
          unitScale = upperScale;
          value *= upperScale;
        }
        high = upper * (upperScale ?? unitScale);
        end += range[0].length;
        if (between) start = m.index - between[0].length + (between[0].length - between[0].trimStart().length);
      }
    }
    const rangePct = high !== undefined && range?.[3] ? range[3].toLowerCase() : undefined;
    // Open upper bounds: "3,000+ rockets", "3,000-plus rockets" (≥).
    const plus = /^(?:\+|-plus\b)/i.exec(s.slice(end));
    // Units written without a space: "300km", "120km/h", "50kg".
    const glued = !pct && !rangePct && !plus && (!scaleWord || unitScale === 1) ? /^([A-Za-zµ°][A-Za-z/²³^0-9]*)/.exec(s.slice(end)) : null;
    const gluedUnit = glued ? (physicalUnit(glued[1]!) ?? gluedOnlyUnit(glued[1]!)) : null;
    if (glued && !gluedUnit && !cur && !/^(?:st|nd|rd|th)$/i.test(glued[1]!)) continue; // "5G", "3D", "4x4": names, not amounts
    // Spelled-out "one" is usually a pronoun / determiner; keep it only with a unit or scale.
    const cmpBefore = between ? null : comparatorBefore(s, cur ? start : m.index);
    if (cmpBefore && comparator === "=") {
      comparator = cmpBefore.cmp;
      start = cmpBefore.start;
    }
    if (plus && comparator === "=") {
      comparator = ">=";
      end += plus[0].length;
    }
    const amount = (n: number) => {
      if (high === undefined) return formatNumber(n);
      const [low, top] = [formatNumber(n), formatNumber(high)];
      const scale = / (?:thousand|million|billion|trillion)$/.exec(top)?.[0];
      return scale && low.endsWith(scale) ? `${low.slice(0, -scale.length)}–${top}` : `${low}–${top}`;
    };
    const numText = numeral ?? "";
    // Identifiers such as "Article 51", "Section 230": a capitalised word right before a bare number.
    // Only the last 64 characters: the unanchored regex over the whole prefix was quadratic in a long word.
    const prevWord = /([\p{L}]+)\s+$/u.exec(s.slice(Math.max(0, m.index - 64), m.index))?.[1] ?? "";
    const identifierLike =
      !cur && !scaleWord && !pct && !vague && /^\p{Lu}/u.test(prevWord) && !SENTENCE_START_WORDS.has(prevWord) && !MONTHS.some((mo) => mo.startsWith(prevWord.toLowerCase().slice(0, 3)) && prevWord.length >= 3) && !cmpBefore;

    let kind: QuantityKind;
    let unit: string;
    let display: string;
    const sym = COMPARATOR_SYMBOL[comparator];
    const prefix = comparator === "=" ? "" : `${sym} `;
    const percentWord = pct ?? rangePct;
    if (percentWord) {
      kind = "PERCENT";
      unit = percentWord.startsWith("percentage") ? "pp" : "%";
      display = `${prefix}${amount(value)}${unit === "%" ? "%" : " percentage points"}`;
    } else if (cur) {
      kind = "MONEY";
      unit = CURRENCY_SYMBOLS[cur] ?? "USD";
      display = `${prefix}${cur === "US$" ? "$" : cur}${amount(value)}`;
    } else {
      const nextWordM = gluedUnit ? glued : /^(?:\s+|-)([\p{L}°][\p{L}/^0-9'’-]*)/u.exec(s.slice(end));
      const nextWord = nextWordM?.[1] ?? "";
      const currencyWord = CURRENCY_WORDS[nextWord.toLowerCase()];
      const phys = gluedUnit ?? (nextWord ? physicalUnit(nextWord) : null);
      const calendar = CALENDAR_UNITS[nextWord.toLowerCase()];
      const rate = RATE_AFTER.exec(s.slice(end + (nextWordM?.[0].length ?? 0)));
      if (currencyWord) {
        kind = "MONEY";
        unit = currencyWord;
        end += nextWordM![0].length;
        display = `${prefix}${amount(value)} ${unit}`;
      } else if ((phys?.kind === "time" || calendar) && rate) {
        // "five days a week", "12 hours per day": a frequency, not a duration.
        end += nextWordM![0].length + rate[0].length;
        kind = "OTHER";
        unit = `${TIME_WORDS[phys?.units ?? ""] ?? nextWord.toLowerCase()} per ${rate[1]!.toLowerCase()}`;
        display = `${prefix}${amount(value)} ${TIME_WORDS[phys?.units ?? ""] ?? nextWord.toLowerCase()} ${rate[0].trim().toLowerCase()}`;
      } else if (phys) {
        end += nextWordM![0].length;
        unit = phys.units;
        kind = phys.kind === "length" ? "LENGTH" : phys.kind === "time" ? "DURATION" : "OTHER";
        display = `${prefix}${amount(value)} ${phys.kind === "time" ? (TIME_WORDS[unit] ?? unit) : unit}${high === undefined ? convertDisplay(value, unit) : ""}`;
      } else if (calendar) {
        end += nextWordM![0].length;
        unit = calendar;
        kind = "DURATION";
        display = `${prefix}${amount(value)} ${unit}`;
      } else {
        if (identifierLike && high === undefined) continue;
        const noun = countedNoun(s, end);
        if (!noun && /^(one)$/i.test(numText)) continue;
        if (noun && /^(one)$/i.test(numText) && !scaleWord) continue;
        kind = "COUNT";
        unit = noun ? displayNoun(noun.unit) : "";
        if (noun) end = noun.end;
        display = `${prefix}${amount(value)}${unit ? ` ${unit}` : ""}`;
      }
    }
    raw.push({ s: start, e: end, q: { kind, comparator, value, ...(high !== undefined ? { high } : {}), unit, display } });
  }

  return finish(s, raw, offset);
}

/** Removes overlapping matches and converts offsets to code points. */
function finish(s: string, raw: RawMatch[], offset: number): NormalizedQuantity[] {
  if (raw.length === 0) return [];
  // Drop overlaps (keep the earliest, then longest).
  raw.sort((a, b) => a.s - b.s || b.e - a.e);
  const kept: RawMatch[] = [];
  for (const r of raw) {
    const last = kept[kept.length - 1];
    if (last && r.s < last.e) continue;
    kept.push(r);
  }
  const table = isBmpOnly(s) ? null : utf16ToCodePointTable(s);
  return kept.map((r) => ({
    text: s.slice(r.s, r.e),
    start: offset + (table ? (table[r.s] ?? 0) : r.s),
    end: offset + (table ? (table[r.e] ?? 0) : r.e),
    ...r.q,
  }));
}
