/**
 * Whether two claims that say "the same thing" (one claim cluster) agree on their numbers and dates.
 * The quantities come from lib/domain/extraction/quantities.ts (`parseQuantities`: value, unit,
 * comparator, range); this module only decides agreement.
 *
 * How figures are compared (rules, not tuned on the demo):
 * - Only quantities of the same dimension meet: lengths with lengths (any units, converted with
 *   js-quantities, e.g. miles → km), money in the same currency, percentages with percentages,
 *   percentage points with percentage points, durations with durations, counts of the same counted
 *   noun ("missiles" = "missile"; a bare number only with a bare number).
 * - A written figure stands for an interval: its rounding tolerance is half the place value of its last
 *   non-zero digit ("190" → ±5, "300" → ±50, "3,000" → ±500, "305.8" → ±0.05), capped at 5 % of the
 *   value, so "300 km" means 285…315 km and "190 miles" 185…195 mi (297.7…313.8 km): the same length.
 *   "about/around/nearly" widen it to at least ±10 %; "more than / at least / over" open it upwards
 *   ("more than 2,500" = 2,375…∞, so "3,000" agrees), "up to / less than" downwards; a range
 *   "2,000–3,000" spans both ends.
 * - Two figures agree when their intervals overlap. Two claims contradict on a dimension when both
 *   give figures of that dimension and no figure of one agrees with any figure of the other.
 * - Dates are compared by day: only dates naming a month and a day ("August 24", "24 Aug 2025",
 *   "August 24, 2025"); the year counts only when both give it. Months or years alone are not compared.
 */
import Qty from "js-quantities";
import { parseQuantities, type NormalizedQuantity } from "../extraction/quantities";

/** Largest rounding tolerance, as a share of the value (5 %). */
export const ROUNDING_CAP = 0.05;
/** Least tolerance of an approximate figure ("about 3,000"), as a share of the value (10 %). */
export const APPROXIMATE_SHARE = 0.1;

/** A quantity as an interval in its own unit, with the key of what it measures. */
export interface QuantityInterval {
  quantity: NormalizedQuantity;
  /** "LENGTH", "MONEY:USD", "COUNT:missile", "PERCENT:%", … : only intervals with equal keys are compared. */
  key: string;
  /** Bounds in `quantity.unit` (−Infinity / Infinity when open). */
  low: number;
  high: number;
}

/** A disagreement on one dimension: the first figure of each side. */
export interface ValueDisagreement {
  kind: "QUANTITY" | "DATE";
  a: NormalizedQuantity;
  b: NormalizedQuantity;
}

/**
 * Half the place value of the last non-zero digit of `value` ("190" → 5, "3,000" → 500, "2.5" → 0.05),
 * 0 for 0. Works on the value as a decimal number with up to 6 fractional digits.
 */
export function roundingHalfUnit(value: number): number {
  const abs = Math.abs(value);
  if (abs === 0 || !Number.isFinite(abs)) return 0;
  let place = 10 ** Math.floor(Math.log10(abs));
  // Step down until the value is a whole multiple of the place (within floating error).
  while (place > 1e-6) {
    const ratio = abs / place;
    if (Math.abs(ratio - Math.round(ratio)) < 1e-6) break;
    place /= 10;
  }
  return place / 2;
}

function tolerance(value: number, approximate: boolean): number {
  const abs = Math.abs(value);
  const rounding = Math.min(roundingHalfUnit(value), abs * ROUNDING_CAP);
  return approximate ? Math.max(rounding, abs * APPROXIMATE_SHARE) : rounding;
}

/** Crude singular of a counted noun, lower case: "missiles" → "missile", "batteries" → "battery". */
function singular(noun: string): string {
  const w = noun.toLowerCase().replace(/^.*-/, "");
  if (/ies$/.test(w)) return `${w.slice(0, -3)}y`;
  if (/(?:ss|x|ch|sh)es$/.test(w)) return w.slice(0, -2);
  if (/s$/.test(w) && !/ss$/.test(w)) return w.slice(0, -1);
  return w;
}

/** What a quantity measures, or null when it is not compared (dates, "other"). */
function keyOf(q: NormalizedQuantity): string | null {
  switch (q.kind) {
    case "LENGTH":
      return "LENGTH";
    case "DURATION":
      return q.unit === "months" ? "DURATION:months" : "DURATION";
    case "MONEY":
      return `MONEY:${q.unit}`;
    case "PERCENT":
      return `PERCENT:${q.unit}`;
    case "COUNT":
      return `COUNT:${singular(q.unit)}`;
    default:
      return null;
  }
}

/** The interval a quantity stands for (see the module comment), or null when it is not compared. */
export function quantityInterval(q: NormalizedQuantity): QuantityInterval | null {
  const key = keyOf(q);
  if (key === null) return null;
  const top = q.high ?? q.value;
  const approximate = q.comparator === "~";
  const low = q.value - tolerance(q.value, approximate);
  const high = top + tolerance(top, approximate);
  switch (q.comparator) {
    case ">":
    case ">=":
      return { quantity: q, key, low, high: Infinity };
    case "<":
    case "<=":
      return { quantity: q, key, low: -Infinity, high };
    default:
      return { quantity: q, key, low, high };
  }
}

/** `value` in `from` converted to `to` with js-quantities; null when the units are not compatible. */
function convert(value: number, from: string, to: string): number | null {
  if (from === to || !Number.isFinite(value)) return value;
  try {
    return Qty(value, from).to(to).scalar;
  } catch {
    return null;
  }
}

/** Whether two intervals of the same key overlap (physical units are converted into `a`'s unit). */
export function intervalsAgree(a: QuantityInterval, b: QuantityInterval): boolean {
  if (a.key !== b.key) return false;
  let { low, high } = b;
  if (a.quantity.unit !== b.quantity.unit && (a.key === "LENGTH" || a.key === "DURATION")) {
    const l = convert(low, b.quantity.unit, a.quantity.unit);
    const h = convert(high, b.quantity.unit, a.quantity.unit);
    if (l === null || h === null) return false;
    [low, high] = [l, h];
  }
  return low <= a.high && a.low <= high;
}

/** A date named down to the day: month 1–12, day 1–31, year when given. */
interface DayDate {
  quantity: NormalizedQuantity;
  year: number | null;
  month: number;
  day: number;
}

function dayDate(q: NormalizedQuantity): DayDate | null {
  if (q.kind !== "DATE") return null;
  if (q.unit === "month-day") return { quantity: q, year: null, month: Math.floor(q.value / 100), day: q.value % 100 };
  if (q.unit === "date" && /^\d{4}-\d{2}-\d{2}$/.test(q.display)) {
    const d = new Date(q.value);
    return { quantity: q, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  }
  return null;
}

function sameDay(a: DayDate, b: DayDate): boolean {
  return a.month === b.month && a.day === b.day && (a.year === null || b.year === null || a.year === b.year);
}

/**
 * Compares the figures and day dates of two claim texts (each any length, English). Returns one
 * disagreement per dimension on which they contradict (see the module comment), first figures of each
 * side; [] when they agree or share no dimension. Never throws.
 */
export function compareValues(textA: string, textB: string): ValueDisagreement[] {
  const qa = parseQuantities(textA);
  const qb = parseQuantities(textB);
  const out: ValueDisagreement[] = [];

  const ia = qa.map(quantityInterval).filter((x): x is QuantityInterval => x !== null);
  const ib = qb.map(quantityInterval).filter((x): x is QuantityInterval => x !== null);
  for (const key of new Set(ia.map((x) => x.key))) {
    const sa = ia.filter((x) => x.key === key);
    const sb = ib.filter((x) => x.key === key);
    if (sb.length === 0) continue;
    if (!sa.some((x) => sb.some((y) => intervalsAgree(x, y)))) out.push({ kind: "QUANTITY", a: sa[0]!.quantity, b: sb[0]!.quantity });
  }

  const da = qa.map(dayDate).filter((x): x is DayDate => x !== null);
  const db = qb.map(dayDate).filter((x): x is DayDate => x !== null);
  if (da.length > 0 && db.length > 0 && !da.some((x) => db.some((y) => sameDay(x, y)))) {
    out.push({ kind: "DATE", a: da[0]!.quantity, b: db[0]!.quantity });
  }
  return out;
}
