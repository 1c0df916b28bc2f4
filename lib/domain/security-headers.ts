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
