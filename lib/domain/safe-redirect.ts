/**
 * Where to send a user after sign-in, decided the way a browser will read it: the requested
 * destination is parsed as a URL (WHATWG URL Standard, the parser browsers use, which drops tabs and
 * newlines anywhere and reads `\` as `/` in http URLs) against the app's own origin, and only a
 * same-origin destination is kept. Anything else — another host, `//host`, `/\host`, `javascript:`,
 * control characters that collapse into `//` — gives `null`.
 */

/** The fallback origin when the app's public origin is not configured: never a real host. */
export const PLACEHOLDER_ORIGIN = "http://claimledger.invalid";

/**
 * The same-origin path (path + query + fragment, always starting with exactly one `/`) that
 * `requested` points to when read against `origin`, or null when it leaves the origin, is empty or
 * is not a URL. `origin` is an origin such as "https://desk.example.org" (a trailing path is ignored).
 * Throws nothing.
 */
export function sameOriginPath(requested: string | null | undefined, origin: string): string | null {
  if (typeof requested !== "string" || requested.trim() === "") return null;
  let base: URL;
  let target: URL;
  try {
    base = new URL(origin);
    target = new URL(requested, base.origin);
  } catch {
    return null;
  }
  if (target.origin !== base.origin || (target.protocol !== "http:" && target.protocol !== "https:")) return null;
  const path = `${target.pathname}${target.search}${target.hash}`;
  // A path that itself starts with `//` or `/\` (e.g. from "/.//host") would be read as another host
  // once written into a Location header or a link.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return null;
  return path;
}

/**
 * The absolute URL to send a signed-in user to: `requested` when it stays on `origin`, else
 * `origin` + `fallbackPath`. Throws nothing.
 */
export function safeRedirectUrl(requested: string | null | undefined, origin: string, fallbackPath = "/"): string {
  const base = new URL(origin).origin;
  return `${base}${sameOriginPath(requested, base) ?? fallbackPath}`;
}
