/**
 * The Content-Security-Policy and Strict-Transport-Security values the app sends (proxy.ts).
 * Scripts run only with the request's nonce (CSP Level 3 'nonce-…' + 'strict-dynamic': no
 * 'unsafe-inline', no third-party origins); Next.js puts the nonce on its own script tags after
 * reading it from the request's CSP header. Styles keep 'unsafe-inline' (React style attributes).
 */

/**
 * A fresh nonce: 16 random bytes from the Web Crypto API in base64 (CSP §2.3.1: at least 128 bits,
 * new for every response).
 */
export function newCspNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The CSP for one response. `development` adds 'unsafe-eval', which React's development build
 * needs for its call stacks (never in production).
 */
export function contentSecurityPolicy(nonce: string, { development = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export type HstsMode = "auto" | "on" | "off";

/**
 * The Strict-Transport-Security value (RFC 6797) for a response, or null for none: `on` always, `off`
 * never, `auto` when the request reached the app over HTTPS (directly, or as a trusted proxy says).
 * Browsers ignore the header on plain HTTP anyway (RFC 6797 §7.2).
 */
export function strictTransportSecurity(mode: HstsMode, servedOverHttps: boolean, maxAgeSeconds: number): string | null {
  if (mode === "off" || (mode === "auto" && !servedOverHttps)) return null;
  return `max-age=${Math.max(0, Math.floor(maxAgeSeconds))}; includeSubDomains`;
}

/** HSTS mode from the HSTS setting: `on`, `off`, anything else (unset included) `auto`. */
export function parseHstsMode(value: string | undefined): HstsMode {
  return value === "on" || value === "off" ? value : "auto";
}

/** HSTS max-age in seconds from HSTS_MAX_AGE_SECONDS (default one year, 31,536,000). */
export function hstsMaxAgeSeconds(value: string | undefined): number {
  const seconds = Number(value ?? 31_536_000);
  return Number.isFinite(seconds) ? seconds : 31_536_000;
}

/**
 * Whether the request reached the app over HTTPS: X-Forwarded-Proto "https" (which reaches the app only
 * from trusted proxies, lib/server/client-ip.ts) or an https: request URL.
 */
export function servedOverHttps(headers: Headers, url: string): boolean {
  return headers.get("x-forwarded-proto") === "https" || url.startsWith("https:");
}

/**
 * The policy of every JSON API answer (/api/v1/…, /api/health): nothing may load or run from it, and no
 * page may frame it. The API serves no HTML, so it needs no per-response nonce (the pages' policy,
 * contentSecurityPolicy, is set by proxy.ts).
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * The security headers of an API answer: API_CONTENT_SECURITY_POLICY, and Strict-Transport-Security by
 * the same rule as the pages (`hsts` = the HSTS setting, `maxAge` = HSTS_MAX_AGE_SECONDS).
 */
export function apiSecurityHeaders(https: boolean, settings: { hsts?: string; maxAge?: string }): [string, string][] {
  const hsts = strictTransportSecurity(parseHstsMode(settings.hsts), https, hstsMaxAgeSeconds(settings.maxAge));
  return [["Content-Security-Policy", API_CONTENT_SECURITY_POLICY], ...(hsts ? [["Strict-Transport-Security", hsts] as [string, string]] : [])];
}
