import { z } from "zod";
import { MAX_CURSOR_LENGTH } from "@/lib/domain/claim-cursor";

export const idSchema = z.string().trim().min(1, "Missing id.").max(64, "Invalid id.").regex(/^[A-Za-z0-9_-]+$/, "Invalid id.");

export const versionSchema = z.coerce
  .number({ error: "Missing version." })
  .int("Invalid version.")
  .min(1, "Invalid version.")
  .max(2_147_483_647, "Invalid version.");

export function requiredText(label: string, max: number) {
  return z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max.toLocaleString("en-US")} characters.`);
}

export function optionalText(label: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max.toLocaleString("en-US")} characters.`)
    .optional()
    .transform((v) => (v ? v : undefined));
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
  .transform((v) => (v ? new Date(`${v}T23:59:59Z`) : undefined));

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
 * first value.
 */
export function parseSearchParams<S extends z.ZodType<Record<string, unknown>>>(
  schema: S,
  params: Record<string, string | string[] | undefined>,
): { filter: z.output<S>; ignored: string[] } {
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") raw[key] = first;
  }
  const first = schema.safeParse(raw);
  if (first.success) return { filter: first.data, ignored: [] };
  const ignored = [...new Set(first.error.issues.map((i) => String(i.path[0] ?? "")).filter(Boolean))];
  for (const key of ignored) delete raw[key];
  const second = schema.safeParse(raw);
  if (second.success) return { filter: second.data, ignored };
  return { filter: schema.parse({}), ignored: [...ignored, ...Object.keys(raw)] };
}
