import "server-only";
import http, { type IncomingMessage, type Server } from "node:http";
import proxyAddr from "proxy-addr";

/**
 * The client's address, and which forwarded headers to believe. The TCP peer address is the only
 * thing a client cannot choose; X-Forwarded-For / -Host / -Proto are believed only when the peer is
 * one of TRUSTED_PROXIES (proxy-addr: the same trust rules as Express's `trust proxy`).
 *
 * Next 16 gives route handlers, server actions and pages no access to the socket, and fills
 * X-Forwarded-For with the peer address only when the client sent none. So the server process
 * (instrumentation.ts → installForwardedHeaderGuard) stamps every incoming request, before Next sees
 * it, with the peer address in PEER_HEADER (overwriting anything the client sent under that name)
 * and removes forwarded headers from untrusted peers; Next then fills them from the socket itself,
 * which also makes its server-action origin check compare against the real Host.
 */

/** The request header that carries the TCP peer address inside the app (set by the server only). */
export const PEER_HEADER = "x-claimledger-peer";

/** Headers a client could use to claim another address, host or scheme. */
const FORWARDED_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"] as const;

type Trust = (address: string, hop: number) => boolean;

/**
 * A trust function for a TRUSTED_PROXIES value: comma-separated IPv4/IPv6 addresses, CIDR ranges or
 * proxy-addr's names `loopback`, `linklocal`, `uniquelocal`. Empty → trusts nothing.
 * Throws TypeError (from proxy-addr) for an entry that is not an address or range.
 */
export function compileTrustedProxies(value: string): Trust {
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.length === 0 ? () => false : proxyAddr.compile(entries);
}

let trust: Trust | undefined;
function configuredTrust(): Trust {
  // Read at first use so the CLI, tests and the server all see the same configuration.
  trust ??= compileTrustedProxies(process.env.TRUSTED_PROXIES ?? "");
  return trust;
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined> | undefined)?.[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/**
 * The client address for a request's headers (a Fetch `Headers` or Node's header object): the peer
 * address stamped by the server, or — when the peer is a trusted proxy — the nearest untrusted
 * address in its X-Forwarded-For chain. "unknown" when the request did not pass through the server's
 * guard (e.g. a handler called directly in a test). Used to key rate limits and in the security log.
 */
export function clientIp(headers: unknown, trustedProxies: Trust = configuredTrust()): string {
  const peer = headerValue(headers, PEER_HEADER);
  if (!peer) return "unknown";
  const forwardedFor = headerValue(headers, "x-forwarded-for");
  const fake = { headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {}, connection: { remoteAddress: peer }, socket: { remoteAddress: peer } };
  return proxyAddr(fake as unknown as IncomingMessage, trustedProxies);
}

/**
 * Stamps one incoming Node request: PEER_HEADER = the socket's address (a client-sent value is
 * replaced), and the forwarded headers are dropped unless the peer is a trusted proxy.
 */
export function guardForwardedHeaders(req: IncomingMessage, trustedProxies: Trust = configuredTrust()): void {
  const peer = req.socket?.remoteAddress ?? "";
  req.headers[PEER_HEADER] = peer;
  if (peer && trustedProxies(peer, 0)) return;
  for (const name of FORWARDED_HEADERS) delete req.headers[name];
}

const INSTALLED = Symbol.for("claimledger.forwardedHeaderGuard");

/**
 * Makes every HTTP server of this process run guardForwardedHeaders on each request before any
 * listener (Next's handler) sees it. Idempotent. Called once from instrumentation.ts.
 */
export function installForwardedHeaderGuard(): void {
  const proto = http.Server.prototype as Server & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  const emit = proto.emit;
  proto.emit = function emitGuarded(this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") guardForwardedHeaders(args[0] as IncomingMessage);
    return (emit as (...all: unknown[]) => boolean).apply(this, [event, ...args]);
  } as typeof proto.emit;
  proto[INSTALLED] = true;
}
