import "server-only";
import { hkdfSync, randomUUID } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";

/**
 * The session cookie's encryption, in next-auth v4's own format, with the derived key kept per
 * secret instead of derived again on every call.
 *
 * next-auth v4 (4.24) encrypts its JWT session as a JWE (`alg: "dir"`, `enc: "A256GCM"`) under a
 * 32-byte key it derives from NEXTAUTH_SECRET with HKDF-SHA256 (RFC 5869; salt = the cookie salt, ""
 * for the session, info "NextAuth.js Generated Encryption Key" plus " (salt)" when there is a salt),
 * and derives it again on every encode and decode: the proxy's `getToken`, the page's session read and
 * the session callback's re-encryption each paid one asynchronous HKDF per request. The key depends on
 * the secret and salt only, so remembering it in the process is pure CPU memoisation: every instance
 * derives the same key, cookies made by next-auth's own encode open here and the other way round
 * (session-token.test.ts checks both ways).
 */
const keys = new Map<string, Uint8Array>();
/** Secrets are few (one, plus the old one during a rotation); the cap only guards against misuse. */
const MAX_KEYS = 8;
/** Clock tolerance of `exp`/`iat`, in seconds: next-auth's own decode allows 15. */
const CLOCK_TOLERANCE_S = 15;
/** next-auth's default session lifetime (30 days, in s) when the caller names none. */
const DEFAULT_MAX_AGE_S = 30 * 24 * 60 * 60;

/** The 32-byte A256GCM key for `secret` and `salt`, derived once per process. */
export function sessionEncryptionKey(secret: string | Buffer, salt = ""): Uint8Array {
  const id = `${typeof secret === "string" ? `s:${secret}` : `b:${secret.toString("hex")}`}\u0000${salt}`;
  const known = keys.get(id);
  if (known) return known;
  const info = `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`;
  const key = new Uint8Array(hkdfSync("sha256", secret, salt, info, 32));
  if (keys.size >= MAX_KEYS) keys.clear();
  keys.set(id, key);
  return key;
}

/**
 * Encrypts a session token (next-auth's `jwt.encode`): claims plus iat, exp (now + `maxAge` s) and a
 * random jti, as a compact JWE string.
 */
export async function encodeSessionToken({ token = {}, secret, maxAge = DEFAULT_MAX_AGE_S, salt = "" }: JWTEncodeParams): Promise<string> {
  const nowS = Math.floor(Date.now() / 1000);
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt(nowS)
    .setExpirationTime(nowS + maxAge)
    .setJti(randomUUID())
    .encrypt(sessionEncryptionKey(secret, salt));
}

/**
 * Decrypts a session token (next-auth's `jwt.decode`): its claims, or null for no token. Throws (as
 * next-auth's does) for a token that is malformed, made with another secret, tampered with or
 * expired (`exp` past by more than 15 s).
 */
export async function decodeSessionToken({ token, secret, salt = "" }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, sessionEncryptionKey(secret, salt), { clockTolerance: CLOCK_TOLERANCE_S });
  return payload as JWT;
}
