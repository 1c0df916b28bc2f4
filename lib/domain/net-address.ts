/**
 * Server-side fetches must never reach the machine itself or the private network behind it
 * (DESIGN.md §5). This decides whether a resolved IP address is globally routable unicast, using
 * ipaddr.js's special-range tables (IANA IPv4/IPv6 Special-Purpose Address Registries, RFC 6890)
 * instead of hand-written prefixes.
 */
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/** IPv6 global unicast is allocated from 2000::/3 only (RFC 4291 §2.4); everything else is special. */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parse("2000::");

/**
 * Whether `address` (a literal IPv4 or IPv6 address, as DNS returns it) may be fetched: true only for
 * globally routable unicast. IPv4 must fall in none of ipaddr.js's special ranges (private, loopback,
 * link-local, carrier-grade NAT, reserved, documentation, multicast, broadcast, AMT, AS112…). IPv6 must
 * lie in 2000::/3 and in none of its special ranges; every form that embeds an IPv4 address
 * (IPv4-compatible `::a.b.c.d`, RFC 6145 `::ffff:0:a.b.c.d`, NAT64 `64:ff9b::/96` and `64:ff9b:1::/48`,
 * 6to4 `2002::/16`, Teredo `2001::/32`) is refused, except IPv4-mapped `::ffff:a.b.c.d`, which some
 * resolvers return for a v4 answer and which is judged by its embedded IPv4 address.
 * Never throws; anything that is not a literal IP address (node:net `isIP`) is refused.
 */
export function isPublicAddress(address: string): boolean {
  // Only the literal forms DNS answers use (no classful "1.2.3", octal or hex IPv4 shorthands).
  if (isIP(address) === 0) return false;
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return false;
  }
  if (parsed.kind() === "ipv4") return parsed.range() === "unicast";
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().range() === "unicast";
  return v6.match(GLOBAL_UNICAST_V6, 3) && v6.range() === "unicast";
}
