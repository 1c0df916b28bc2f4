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
   * Numeric value in `unit`. For DATE: milliseconds since the epoch (UTC) of
   * the start of the named day/month/year.
   */
  value: number;
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

/** Date patterns: "August 24, 2025", "24 August 2025", "August 2025", "in 2024". */
const DATE_MDY = new RegExp(String.raw`\b(${MONTH_RE})\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`, "gi");
const DATE_DMY = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(${MONTH_RE})\s*,?\s+(\d{4})\b`, "gi");
const DATE_MY = new RegExp(String.raw`\b(${MONTH_RE})\s+(?:of\s+)?(\d{4})\b`, "gi");
const DATE_Y = /\b(in|since|by|until|from|before|after|during|of|early|late|mid|summer|spring|winter|autumn|fall|year)\s+((?:1[89]|20)\d{2})\b(?![,.]?\d)(?!\s*(?:%|percent|[a-z]+s\b))/gi;

function findDates(s: string, out: RawMatch[]): void {
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
    if (/s$/.test(lw) && !/ss$/.test(lw) && k >= 0) break;
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
    if (!cur && /[\p{L}\d-]/u.test(prevChar) && !/^\s/.test(m[0])) continue;
    if (!vague && /^(st|nd|rd|th)\b/i.test(s.slice(end))) continue;
    // Skip what is already a date.
    if (raw.some((r) => r.q.kind === "DATE" && start < r.e && end > r.s)) continue;
    // A lone year-like number (1800–2100) not followed by a unit is a date reference handled above.
    if (!cur && !scaleWord && !pct && numeral && /^(1[89]|20)\d{2}$/.test(numeral)) {
      const after = countedNoun(s, end);
      if (!after || PHRASE_STOP.has(after.unit.toLowerCase())) {
        raw.push({ s: start, e: end, q: { kind: "DATE", comparator: "=", value: Date.UTC(Number(numeral), 0, 1), unit: "date", display: numeral } });
        continue;
      }
    }
    let value: number;
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
    // Spelled-out "one" is usually a pronoun / determiner; keep it only with a unit or scale.
    const cmpBefore = comparatorBefore(s, cur ? start : m.index);
    if (cmpBefore && comparator === "=") {
      comparator = cmpBefore.cmp;
      start = cmpBefore.start;
    }
    const numText = numeral ?? "";
    // Identifiers such as "Article 51", "Section 230": a capitalised word right before a bare number.
    // Only the last 64 characters: the unanchored regex over the whole prefix was quadratic in a long word.
    const prevWord = /([\p{L}]+)\s+$/u.exec(s.slice(Math.max(0, m.index - 64), m.index))?.[1] ?? "";
    const identifierLike =
      !cur && !scaleWord && !pct && !vague && /^\p{Lu}/u.test(prevWord) && !MONTHS.some((mo) => mo.startsWith(prevWord.toLowerCase().slice(0, 3)) && prevWord.length >= 3) && !cmpBefore;

    let kind: QuantityKind;
    let unit: string;
    let display: string;
    const sym = COMPARATOR_SYMBOL[comparator];
    const prefix = comparator === "=" ? "" : `${sym} `;
    if (pct) {
      kind = "PERCENT";
      unit = pct.startsWith("percentage") ? "pp" : "%";
      display = `${prefix}${formatNumber(value)}${unit === "%" ? "%" : " percentage points"}`;
    } else if (cur) {
      kind = "MONEY";
      unit = CURRENCY_SYMBOLS[cur] ?? "USD";
      display = `${prefix}${cur === "US$" ? "$" : cur}${formatNumber(value)}`;
    } else {
      const nextWordM = /^(?:\s+|-)([\p{L}°][\p{L}/^0-9'’-]*)/u.exec(s.slice(end));
      const nextWord = nextWordM?.[1] ?? "";
      const currencyWord = CURRENCY_WORDS[nextWord.toLowerCase()];
      const phys = nextWord ? physicalUnit(nextWord) : null;
      const calendar = CALENDAR_UNITS[nextWord.toLowerCase()];
      if (currencyWord) {
        kind = "MONEY";
        unit = currencyWord;
        end += nextWordM![0].length;
        display = `${prefix}${formatNumber(value)} ${unit}`;
      } else if (phys) {
        end += nextWordM![0].length;
        unit = phys.units;
        kind = phys.kind === "length" ? "LENGTH" : phys.kind === "time" ? "DURATION" : "OTHER";
        display = `${prefix}${formatNumber(value)} ${unit}${convertDisplay(value, unit)}`;
      } else if (calendar) {
        end += nextWordM![0].length;
        unit = calendar;
        kind = "DURATION";
        display = `${prefix}${formatNumber(value)} ${unit}`;
      } else {
        if (identifierLike) continue;
        const noun = countedNoun(s, end);
        if (!noun && /^(one)$/i.test(numText)) continue;
        if (noun && /^(one)$/i.test(numText) && !scaleWord) continue;
        kind = "COUNT";
        unit = noun ? displayNoun(noun.unit) : "";
        if (noun) end = noun.end;
        display = `${prefix}${formatNumber(value)}${unit ? ` ${unit}` : ""}`;
      }
    }
    raw.push({ s: start, e: end, q: { kind, comparator, value, unit, display } });
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
