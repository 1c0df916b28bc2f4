import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { PUBLIC_SITE_HEADER } from "./lib/domain/public-fact-check";
import { refuseServerActionBody } from "./lib/domain/request-limits";
import { contentSecurityPolicy, hstsMaxAgeSeconds, newCspNonce, parseHstsMode, servedOverHttps, strictTransportSecurity } from "./lib/domain/security-headers";
import { decodeSessionToken } from "./lib/server/auth/session-token";

/**
 * Runs before every page, server action and route handler but the few its matcher leaves out (the JSON
 * API /api/v1/…, the health check, evidence file transfers: see `config` below) (Next 16's proxy,
 * formerly middleware):
 * - a nonce-based Content-Security-Policy per response; the request carries it too, so Next puts the
 *   nonce on its own scripts (every page is rendered per request: the root layout reads the session);
 * - Strict-Transport-Security when served over HTTPS (HSTS=auto|on|off, HSTS_MAX_AGE_SECONDS);
 * - people whose role must use two-factor sign-in and who have not set it up (session claim `mfa`)
 *   are sent to /account/two-factor;
 * - an oversized server-action body is refused with 413 in the API's error shape, before Next reads it;
 * - requests for the public fact-check site (/fact-checks…) are marked (PUBLIC_SITE_HEADER) so the root
 *   layout renders them without reading the session: the same for every visitor, no cookie. The
 *   header is removed from every other request, so a client cannot set it.
 */
const TWO_FACTOR_PAGE = "/account/two-factor";
/** Paths someone who must set up two-factor may still open. */
const OPEN_DURING_SETUP = [TWO_FACTOR_PAGE, "/api/auth/", "/login", "/fact-checks", "/set-password/"];

export async function proxy(request: NextRequest) {
  const refusal = refuseServerActionBody(request.method, request.headers);
  if (refusal) return NextResponse.json(refusal.body, { status: refusal.status, headers: { "Cache-Control": "no-store" } });
  const nonce = newCspNonce();
  const csp = contentSecurityPolicy(nonce, { development: process.env.NODE_ENV === "development" });
  const { pathname } = request.nextUrl;

  let response: NextResponse;
  const mustSetUp = !OPEN_DURING_SETUP.some((p) => pathname === p || pathname.startsWith(p)) && (await needsTwoFactorSetup(request));
  if (mustSetUp) {
    response = NextResponse.redirect(new URL(TWO_FACTOR_PAGE, publicOrigin(request)), 307);
  } else {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("content-security-policy", csp);
    if (pathname === "/fact-checks" || pathname.startsWith("/fact-checks/")) requestHeaders.set(PUBLIC_SITE_HEADER, "1");
    else requestHeaders.delete(PUBLIC_SITE_HEADER);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  response.headers.set("Content-Security-Policy", csp);
  // x-forwarded-proto is the socket's scheme unless a trusted proxy set it (lib/server/client-ip.ts).
  const https = servedOverHttps(request.headers, request.nextUrl.href);
  const hsts = strictTransportSecurity(parseHstsMode(process.env.HSTS), https, hstsMaxAgeSeconds(process.env.HSTS_MAX_AGE_SECONDS));
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

/**
 * The origin the browser used: Host (or X-Forwarded-Host / -Proto, which reach the app only from
 * trusted proxies, see lib/server/client-ip.ts). request.nextUrl may name the server's own hostname
 * (e.g. localhost for 127.0.0.1), whose cookies the browser would not send.
 */
function publicOrigin(request: NextRequest): string {
  // A chain of trusted proxies lists hosts nearest-client first.
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host") || request.nextUrl.host;
  const proto = request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(":", "");
  return `${proto === "https" ? "https" : "http"}://${host}`;
}

async function needsTwoFactorSetup(request: NextRequest): Promise<boolean> {
  if (!process.env.NEXTAUTH_SECRET) return false;
  try {
    // The derived key is kept per secret (session-token.ts): no key derivation per request.
    const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET, decode: decodeSessionToken });
    return token?.mfa === 1;
  } catch {
    return false;
  }
}

export const config = {
  matcher: [
    {
      // Evidence file uploads and downloads skip the proxy: Next buffers (and past 10 MB silently cuts)
      // the body of every request a proxy sees (experimental.proxyClientMaxBodySize), while these routes
      // stream it to disk under their own cap. They set their own headers and check the session (and
      // the two-factor rule, lib/server/auth.ts requireUser) themselves. The health check
      // (app/api/health) reads no session and sets its own headers. So does the token-authenticated JSON
      // API (/api/v1/…): it serves no HTML (no nonce to give), every answer gets its own policy and HSTS
      // from lib/server/api-request.ts (withApiSecurityHeaders), its bodies are capped by the routes
      // (readJsonBody) rather than buffered here, and the one route that also takes a session cookie
      // (reports) refuses, through requireUser, someone who must set up two-factor first. This saves
      // each API request the proxy's work (nonce, session decryption, header copies: ~1.3 ms).
      source: "/((?!_next/static|_next/image|favicon.ico|fonts/|api/health$|api/v1/|claims/[^/]+/evidence/[^/]+/file$).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
