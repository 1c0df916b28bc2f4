/**
 * Verdict colours as inline styles may use them. A verdict scale's colour is typed by an admin
 * (lib/validation/settings.ts) and drawn as `style="background:…"` on every verdict label; a value such
 * as `red;position:fixed;inset:0` would add declarations, and `url(…)` would load something.
 */

/** The grey drawn for a verdict whose stored colour is not a plain CSS colour value. */
export const FALLBACK_VERDICT_COLOR = "#555555";

/** `#hex` (3, 4, 6 or 8 digits), a colour keyword, or one rgb()/hsl()-style function of numbers. */
const PLAIN_CSS_COLOR = /^(?:#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})|[a-z]{3,30}|(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\([0-9a-z.,%+\-\s/]{1,60}\))$/i;
/** Keywords that are not colours, or that pull a value from elsewhere. */
const NOT_A_COLOR = /^(?:url|var|attr|env|expression|inherit|initial|unset|revert|none)$/i;

/** True when `value` (trimmed) is one plain CSS colour value (PLAIN_CSS_COLOR) and nothing else. */
export function isPlainCssColor(value: string): boolean {
  const color = value.trim();
  return PLAIN_CSS_COLOR.test(color) && !NOT_A_COLOR.test(color);
}

/**
 * A stored colour ready for an inline style: the trimmed value when isPlainCssColor, else
 * FALLBACK_VERDICT_COLOR (also for null/undefined), so a colour written into the database by other
 * means than the scale editor cannot add declarations or load anything.
 */
export function plainCssColor(value: string | null | undefined): string {
  return value != null && isPlainCssColor(value) ? value.trim() : FALLBACK_VERDICT_COLOR;
}
