/**
 * Colour contrast for verdict labels: white text is drawn on each rating's colour, so the colour must
 * give a contrast ratio of at least 4.5:1 with it (WCAG 2.2, success criterion 1.4.3 "Contrast
 * (Minimum)", level AA, for normal-size text). The ratio is WCAG's (L1 + 0.05) / (L2 + 0.05) over
 * relative luminances, computed by culori's `wcagContrast`.
 */
import { clampChroma, formatHex, oklch, parse, wcagContrast } from "culori";

/** WCAG 2.2 SC 1.4.3, level AA, normal-size text. */
export const MIN_TEXT_CONTRAST = 4.5;

/** The text colour drawn on verdict labels (globals.css `.verdict-label`). */
export const LABEL_TEXT_COLOR = "#ffffff";

/** A colour as `#rrggbb` (lower case), or null when it is not a CSS colour culori can read. */
export function normaliseHexColor(value: string): string | null {
  const parsed = parse(value.trim());
  return parsed ? formatHex(parsed) : null;
}

/** The WCAG contrast ratio (1 … 21) of two CSS colours, rounded down to 2 decimals. Throws on an unreadable colour. */
export function contrastRatio(background: string, text: string = LABEL_TEXT_COLOR): number {
  const bg = parse(background);
  const fg = parse(text);
  if (!bg || !fg) throw new Error(`not a colour: ${bg ? text : background}`);
  return Math.floor(wcagContrast(bg, fg) * 100) / 100;
}

export type ContrastCheck =
  | { ok: true; ratio: number }
  | { ok: false; ratio: number; suggestion: string; suggestionRatio: number; reason: string };

/**
 * Checks a label colour against the text drawn on it. When it fails, suggests the nearest colour that
 * passes: the same OKLCH hue and chroma (clamped into sRGB) with the smallest lightness change, found
 * by bisection over lightness (30 steps, far below one 8-bit step).
 */
export function checkLabelColor(color: string, text: string = LABEL_TEXT_COLOR, minimum = MIN_TEXT_CONTRAST): ContrastCheck {
  const ratio = contrastRatio(color, text);
  if (ratio >= minimum) return { ok: true, ratio };
  const suggestion = nearestPassingColor(color, text, minimum);
  const suggestionRatio = contrastRatio(suggestion, text);
  return {
    ok: false,
    ratio,
    suggestion,
    suggestionRatio,
    reason: `${normaliseHexColor(color) ?? color} gives ${ratio.toFixed(2)}:1 with the label text; WCAG 2.2 AA needs ${minimum}:1. The nearest colour that passes is ${suggestion} (${suggestionRatio.toFixed(2)}:1).`,
  };
}

/**
 * The colour nearest to `color` (same OKLCH hue, lightness moved as little as possible) whose contrast
 * with `text` is at least `minimum`. Moves away from the text's lightness (darker under white text).
 */
export function nearestPassingColor(color: string, text: string = LABEL_TEXT_COLOR, minimum = MIN_TEXT_CONTRAST): string {
  const start = oklch(parse(color));
  const textLch = oklch(parse(text));
  if (!start || !textLch) throw new Error(`not a colour: ${color}`);
  const darker = (textLch.l ?? 1) > (start.l ?? 0);
  const at = (l: number) => formatHex(clampChroma({ ...start, l }, "oklch"));
  const passes = (l: number) => contrastRatio(at(l), text) >= minimum;
  // The far end (black or white) passes whenever any colour does; bisect between it and the start.
  let near = start.l ?? 0;
  let far = darker ? 0 : 1;
  if (!passes(far)) return at(far);
  for (let i = 0; i < 30; i++) {
    const mid = (near + far) / 2;
    if (passes(mid)) far = mid;
    else near = mid;
  }
  return at(far);
}
