import "server-only";
import { cookies, headers } from "next/headers";
import { AppError } from "@/lib/domain/errors";
import { getSessionClaims, SESSION_IDLE_SECONDS, type SessionClaims } from "../auth";
import { clientIp } from "../client-ip";
import { getDb } from "../db";
import { env } from "../env";
import { assertLoginAllowed, recordFailedLogin } from "../login-rate-limit";
import { verifyPassword } from "../passwords";
import type { Actor } from "../permissions";
import { securityEvent } from "../security-log";
import { decodeSessionToken, encodeSessionToken } from "./session-token";
import { verifySecondFactor } from "./two-factor";

/**
 * Re-authentication before sensitive steps (OWASP ASVS 5.0 V7.5): creating an API token today;
 * changing a role, a password or an e-mail (engineer 15's screens) call assertRecentAuthentication
 * too. A session counts as recently authenticated for REAUTH_MINUTES after signing in or after
 * confirming the password (and the TOTP code when two-factor is on) again; that moment is kept in the
 * session token (claim `ra`).
 */
export const REAUTH_REQUIRED_MESSAGE = "Confirm it's you: enter your password (and your two-factor code, if you use one) to continue.";

/** True when the later of sign-in (`at`) and re-authentication (`ra`), in s, is within `minutes` of `nowMs`. */
export function isRecentlyAuthenticated(claims: Pick<SessionClaims, "at" | "ra">, nowMs = Date.now(), minutes = env.REAUTH_MINUTES): boolean {
  const last = Math.max(claims.at ?? 0, claims.ra ?? 0) * 1000;
  return last > 0 && nowMs - last < minutes * 60_000;
}

/**
 * Throws AppError REAUTHENTICATION_REQUIRED (401) unless the current session of `actor` signed in or
 * re-authenticated within REAUTH_MINUTES. `claims` defaults to the current request's session.
 */
export async function assertRecentAuthentication(actor: Actor, claims?: SessionClaims | null): Promise<void> {
  const session = claims === undefined ? await getSessionClaims() : claims;
  if (session && session.uid === actor.id && isRecentlyAuthenticated(session)) return;
  throw new AppError("REAUTHENTICATION_REQUIRED", REAUTH_REQUIRED_MESSAGE, {
    fields: { currentPassword: ["Enter your password to confirm."] },
  });
}

/**
 * Checks the actor's password and, when two-factor is on, a TOTP or recovery code. Failures count
 * towards the sign-in limits of the actor's account from this address. Throws AppError VALIDATION
 * (fields currentPassword / currentCode) or RATE_LIMITED. Writes the security log.
 */
export async function verifyReauthentication(actor: Actor, input: { password: string; code?: string }, ip: string): Promise<void> {
  const { delayMs } = await assertLoginAllowed(actor.email, ip);
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { passwordHash: true, totpEnabledAt: true } });
  const fail = async (field: "currentPassword" | "currentCode", message: string, reason: string): Promise<never> => {
    await recordFailedLogin(actor.email, ip);
    securityEvent("reauth_failed", { userId: actor.id, ip, reason });
    throw new AppError("VALIDATION", message, { fields: { [field]: [message] } });
  };
  if (!(await verifyPassword(user.passwordHash, input.password))) await fail("currentPassword", "That password is not right.", "wrong_password");
  if (user.totpEnabledAt) {
    if (!input.code?.trim()) await fail("currentCode", "Enter the code from your authenticator app, or a recovery code.", "code_missing");
    if (!(await verifySecondFactor(db, actor.id, input.code ?? ""))) await fail("currentCode", "That code is not right.", "wrong_code");
  }
  securityEvent("reauth_succeeded", { userId: actor.id, ip });
}

/** next-auth v4's session cookie name (secure prefix when the app is served over https). */
function sessionCookieName(): { name: string; secure: boolean } {
  const secure = env.NEXTAUTH_URL?.startsWith("https://") ?? false;
  return { name: `${secure ? "__Secure-" : ""}next-auth.session-token`, secure };
}

/**
 * Merges `patch` into the current session token and sets the re-encoded cookie (server actions
 * only: they may set cookies). Throws UNAUTHENTICATED when there is no valid session cookie.
 */
export async function patchSessionToken(patch: Partial<SessionClaims>): Promise<void> {
  const secret = env.NEXTAUTH_SECRET;
  const jar = await cookies();
  const { name, secure } = sessionCookieName();
  const raw = jar.get(name)?.value;
  const token = raw && secret ? await decodeSessionToken({ token: raw, secret }).catch(() => null) : null;
  if (!token || !secret) throw new AppError("UNAUTHENTICATED", "Your session has ended. Please sign in again.");
  const value = await encodeSessionToken({ token: { ...token, ...patch }, secret, maxAge: SESSION_IDLE_SECONDS });
  jar.set(name, value, { httpOnly: true, sameSite: "lax", path: "/", secure, expires: new Date(Date.now() + SESSION_IDLE_SECONDS * 1000) });
}

/** The client address of the current server-action request. */
export async function requestIp(): Promise<string> {
  return clientIp(await headers());
}

/**
 * For a sensitive server action: passes when the session is recent; otherwise checks the password
 * (and code) the form sent, marks the session as re-authenticated and passes; otherwise throws
 * REAUTHENTICATION_REQUIRED. `form.currentPassword` / `form.currentCode` are the form's fields.
 */
export async function ensureRecentAuthentication(actor: Actor, form: { currentPassword?: string; currentCode?: string }): Promise<void> {
  const claims = await getSessionClaims();
  if (claims && claims.uid === actor.id && isRecentlyAuthenticated(claims)) return;
  if (!form.currentPassword) await assertRecentAuthentication(actor, claims);
  await verifyReauthentication(actor, { password: form.currentPassword ?? "", code: form.currentCode }, await requestIp());
  await patchSessionToken({ ra: Math.floor(Date.now() / 1000) });
}
