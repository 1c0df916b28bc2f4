import { z } from "zod";
import { MAX_CURSOR_LENGTH } from "@/lib/domain/claim-cursor";
import { markdownTooComplex } from "@/lib/domain/markdown-limits";

export const idSchema = z.string().trim().min(1, "Missing id.").max(64, "Invalid id.").regex(/^[A-Za-z0-9_-]+$/, "Invalid id.");

export const versionSchema = z.coerce
  .number({ error: "Missing version." })
  .int("Invalid version.")
  .min(1, "Invalid version.")
  .max(2_147_483_647, "Invalid version.");

/**
 * True when `value` can be stored and read back as typed on both databases: well-formed UTF-16 (no lone
 * surrogate, which has no UTF-8 encoding — SQLite and PostgreSQL both fail on it) and no NUL (U+0000,
 * which PostgreSQL's text type refuses). Linear in the string's length.
 */
export function isStorableText(value: string): boolean {
  return !UNSTORABLE_CHARACTER.test(value);
}
/** With the u flag a surrogate pair is one code point, so \p{Cs} matches only lone surrogates. */
const UNSTORABLE_CHARACTER = /[\p{Cs}\u0000]/u;

/** The field message for text that fails isStorableText. */
export function unstorableTextMessage(label: string): string {
  return `${label} contains a character that cannot be saved (a NUL byte or a broken Unicode surrogate). Remove it and try again.`;
}

/** A string schema that refuses NULs and lone surrogates, with a message naming the field. */
export function storableString(label: string, params?: { error?: string }) {
  return z.string(params).refine(isStorableText, unstorableTextMessage(label));
}

/** `text` with CRLF and lone CR line breaks as LF (what a browser sends from a textarea, read as typed). */
export function lineBreaksAsLf(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/**
 * A required text of at most `max` UTF-16 units after trimming. `multiline: true` first turns CRLF and
 * lone CR line breaks into LF: a browser submits a textarea's line breaks as CRLF (HTML Standard, form
 * submission's newline normalisation), which would count each typed line break twice toward `max`.
 */
export function requiredText(label: string, max: number, { multiline = false }: { multiline?: boolean } = {}) {
  const text = storableString(label, { error: `${label} is required.` });
  return (multiline ? text.overwrite(lineBreaksAsLf) : text)
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max.toLocaleString("en-US")} characters.`);
}

/**
 * A Markdown field (comment, rationale): requiredText with line breaks as LF, and within the Markdown limits of
 * lib/domain/markdown-limits.ts (nesting, emphasis runs), with a message naming the limit.
 */
export function markdownText(label: string, max: number) {
  return requiredText(label, max, { multiline: true }).superRefine((value, ctx) => {
    const tooComplex = markdownTooComplex(value, label);
    if (tooComplex) ctx.addIssue({ code: "custom", message: tooComplex, input: value });
  });
}

export function optionalText(label: string, max: number) {
  return storableString(label)
    .trim()
    .max(max, `${label} must be at most ${max.toLocaleString("en-US")} characters.`)
    .optional()
    .transform((v) => (v ? v : undefined));
}

/**
 * The dates a desk stores (publication dates, due dates, token expiry): from 1800-01-01 to 2199-12-31
 * UTC. JavaScript dates reach year 275760, but PostgreSQL timestamps and ISO strings with four-digit
 * years do not, so a date outside this range is refused with a message rather than failing on save.
 */
export const SANE_DATE_MIN = new Date("1800-01-01T00:00:00Z");
export const SANE_DATE_MAX = new Date("2199-12-31T23:59:59Z");
export const SANE_DATE_MESSAGE = "Enter a date between 1800 and 2199.";

/** True when `date` is a real date within SANE_DATE_MIN…SANE_DATE_MAX. */
export function isSaneDate(date: Date): boolean {
  const t = date.getTime();
  return !Number.isNaN(t) && t >= SANE_DATE_MIN.getTime() && t <= SANE_DATE_MAX.getTime();
}

/** Only http and https links are accepted anywhere (no javascript:, data:, file: …). */
export const httpUrlSchema = z
  .string({ error: "URL is required." })
  .trim()
  .min(1, "URL is required.")
  .max(2048, "URL must be at most 2,048 characters.")
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
    } catch {
      return false;
    }
  }, "Enter a full http:// or https:// address.");

/** A calendar date (YYYY-MM-DD) from a date input, or empty. */
export const optionalDateSchema = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .refine((v) => v === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))), "Enter a valid date.")
  .transform((v) => (v ? new Date(`${v}T23:59:59Z`) : undefined))
  .refine((d) => d === undefined || isSaneDate(d), SANE_DATE_MESSAGE);

const CURSOR_MESSAGE = "This cursor is not valid; start again without one.";

/**
 * An opaque keyset cursor (lib/domain/claim-cursor.ts), parsed into its key by `decode`; a string the
 * decoder refuses is an issue, like any other bad input.
 */
export function cursorSchema<K>(decode: (value: string) => K | null) {
  return z
    .string()
    .max(MAX_CURSOR_LENGTH, CURSOR_MESSAGE)
    .transform((value, ctx) => {
      const key = decode(value);
      if (key === null) {
        ctx.addIssue({ code: "custom", message: CURSOR_MESSAGE });
        return z.NEVER;
      }
      return key;
    });
}
/** "" from an empty form field or URL parameter counts as absent. */
export const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/**
 * Reads a page's filters from URL search parameters: parameters that do not parse are dropped (and
 * named, so the page can say so) instead of dropping the whole view; a repeated parameter uses its
 * first value, except the keys in `once`, whose repeated values go to the schema as a list (for the
 * schema to refuse, as the REST API refuses them: e.g. the search `q`, which has no "first" meaning).
 * `reasons` gives each dropped parameter the schema's message for it (e.g. q → "Search at most 200
 * characters."), for the page to say why.
 */
export function parseSearchParams<S extends z.ZodType<Record<string, unknown>>>(
  schema: S,
  params: Record<string, string | string[] | undefined>,
  once: readonly string[] = [],
): { filter: z.output<S>; ignored: string[]; reasons: Record<string, string> } {
  const raw: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value) && value.length > 1 && once.includes(key)) {
      raw[key] = value;
      continue;
    }
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") raw[key] = first;
  }
  const first = schema.safeParse(raw);
  if (first.success) return { filter: first.data, ignored: [], reasons: {} };
  const reasons: Record<string, string> = {};
  for (const issue of first.error.issues) {
    const key = String(issue.path[0] ?? "");
    if (key && !(key in reasons)) reasons[key] = issue.message;
  }
  const ignored = Object.keys(reasons);
  for (const key of ignored) delete raw[key];
  const second = schema.safeParse(raw);
  if (second.success) return { filter: second.data, ignored, reasons };
  return { filter: schema.parse({}), ignored: [...ignored, ...Object.keys(raw)], reasons };
}
