import "server-only";
import { cache } from "react";
import { getServerSession, type NextAuthOptions } from "next-auth";
import { getToken, type JWT } from "next-auth/jwt";
import { cookies } from "next/headers";
import CredentialsProvider from "next-auth/providers/credentials";
import { AppError } from "@/lib/domain/errors";
import { isRole } from "@/lib/domain/roles";
import { Prisma } from "@/lib/generated/sqlite/client";
import { safeRedirectUrl } from "@/lib/domain/safe-redirect";
import { signInSchema } from "@/lib/validation/auth";
import { decodeSessionToken, encodeSessionToken } from "./auth/session-token";
import { verifySecondFactor } from "./auth/two-factor";
import { clientIp } from "./client-ip";
import { getDb } from "./db";
import { readRows } from "./direct-read";
import { endAllSessions, recordSignIn } from "./users";
import { env } from "./env";
import { logger } from "./logger";
import { assertLoginAllowed, recordFailedLogin, recordSuccessfulLogin } from "./login-rate-limit";
import { burnPasswordCheck, verifyPassword } from "./passwords";
import type { Actor } from "./permissions";
import { securityEvent } from "./security-log";
import { getMfaRequiredRoles } from "./settings";

export const INVALID_CREDENTIALS = "Invalid email or password.";
/** The answer to a right password on an account with two-factor on, when no code was sent. */
export const TWO_FACTOR_REQUIRED = "Enter the 6-digit code from your authenticator app, or one of your recovery codes.";
export const TWO_FACTOR_INVALID = "That code is not right. Enter the current 6-digit code, or one of your recovery codes.";

/** Idle timeout and absolute lifetime of a session, in seconds (SESSION_IDLE_MINUTES, SESSION_MAX_HOURS). */
export const SESSION_IDLE_SECONDS = env.SESSION_IDLE_MINUTES * 60;
export const SESSION_MAX_SECONDS = env.SESSION_MAX_HOURS * 60 * 60;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Checks an email/password pair, then the second factor when the account has two-factor on.
 * Unknown emails and wrong passwords take the same path and time and give the same answer; failures
 * (also wrong codes) count towards the limits of login-rate-limit.ts, and an attempt on an account
 * under a distributed attack first waits the delay those limits ask for. `secondFactor` is a TOTP
 * code or a recovery code. Throws AppError UNAUTHENTICATED (INVALID_CREDENTIALS, TWO_FACTOR_REQUIRED,
 * TWO_FACTOR_INVALID) or RATE_LIMITED; writes the security log.
 */
export async function authenticate(rawEmail: string, password: string, ip: string, secondFactor?: string) {
  const parsed = signInSchema.safeParse({ email: rawEmail, password });
  if (!parsed.success) throw new AppError("UNAUTHENTICATED", INVALID_CREDENTIALS);
  const email = parsed.data.email;
  const { delayMs } = await assertLoginAllowed(email, ip);
  if (delayMs > 0) await sleep(delayMs);
  const db = await getDb();
  const user = await db.user.findUnique({ where: { email } });
  const valid = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  if (!user || !valid || !user.active) {
    await recordFailedLogin(email, ip);
    securityEvent("login_failed", { email, ip, userId: user?.id, reason: !user ? "unknown_email" : !valid ? "wrong_password" : "inactive" });
    throw new AppError("UNAUTHENTICATED", INVALID_CREDENTIALS);
  }
  if (user.totpEnabledAt) {
    if (!secondFactor?.trim()) {
      securityEvent("login_mfa_required", { userId: user.id, ip });
      throw new AppError("UNAUTHENTICATED", TWO_FACTOR_REQUIRED);
    }
    if (!(await verifySecondFactor(db, user.id, secondFactor))) {
      await recordFailedLogin(email, ip);
      securityEvent("login_mfa_failed", { userId: user.id, email, ip });
      throw new AppError("UNAUTHENTICATED", TWO_FACTOR_INVALID);
    }
  }
  await recordSuccessfulLogin(email, ip);
  securityEvent("login_succeeded", { userId: user.id, ip, reason: user.totpEnabledAt ? "password_and_totp" : "password" });
  await recordSignIn(user.id);
  return user;
}

/** True when the account's role must use two-factor sign-in and it has not set it up yet. */
export async function mustSetUpTwoFactor(user: { role: string; totpEnabledAt: Date | null }): Promise<boolean> {
  if (user.totpEnabledAt) return false;
  const { roles } = await getMfaRequiredRoles(await getDb());
  return (roles as string[]).includes(user.role);
}

/**
 * The session token's own claims: uid, sv (sessionVersion), at (sign-in time, s), ra (last
 * re-authentication, s), mfa (1 = must set up two-factor before anything else).
 */
export interface SessionClaims {
  uid?: string;
  sv?: number;
  at?: number;
  ra?: number;
  mfa?: number;
}

/** True while a session signed in at `at` (s) is within its absolute lifetime at `nowMs`. */
export function withinAbsoluteLifetime(at: unknown, nowMs = Date.now()): boolean {
  return typeof at === "number" && at * 1000 <= nowMs + 60_000 && nowMs - at * 1000 < SESSION_MAX_SECONDS * 1000;
}

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  // maxAge is the idle timeout: each request extends it; the absolute lifetime is checked below.
  session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS },
  // next-auth's own cookie format, with the HKDF-derived key kept per secret (auth/session-token.ts).
  jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        code: { label: "Two-factor code", type: "text" },
      },
      async authorize(credentials, req) {
        try {
          const ip = clientIp(req?.headers);
          const user = await authenticate(credentials?.email ?? "", credentials?.password ?? "", ip, credentials?.code);
          const mfaSetup = await mustSetUpTwoFactor(user);
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion, mfaSetup };
        } catch (error) {
          if (error instanceof AppError) throw new Error(error.message);
          logger.error({ err: error }, "authorize failed");
          throw new Error("Sign-in is unavailable right now. Please try again.");
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const signedIn = user as { id: string; sessionVersion?: number; mfaSetup?: boolean };
        token.uid = signedIn.id;
        token.sv = signedIn.sessionVersion ?? 0;
        token.at = Math.floor(Date.now() / 1000);
        token.mfa = signedIn.mfaSetup ? 1 : 0;
      }
      // Past the absolute lifetime the token is emptied: the session is over whatever the activity.
      if (!withinAbsoluteLifetime(token.at)) return {} as JWT;
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid, sv: token.sv, at: token.at, ra: token.ra, mfa: token.mfa } as typeof session;
    },
    async redirect({ url, baseUrl }) {
      // Only same-origin destinations, read as a browser reads them: no open redirect through callbackUrl.
      return safeRedirectUrl(url, baseUrl);
    },
  },
  events: {
    // Logging out ends every session of the user: the JWT's sessionVersion no longer matches.
    async signOut({ token }) {
      const uid = typeof token?.uid === "string" ? token.uid : undefined;
      if (!uid) return;
      await endAllSessions(uid);
    },
  },
};

/**
 * The current session's claims (see SessionClaims), or null when signed out, read once per request
 * (React `cache`). It decrypts the session cookie itself, as next-auth's `getServerSession` does in a
 * server component, without what that adds there: its whole request handler, a second key derivation
 * and the session callback's re-encryption of a cookie a server component cannot set anyway. The
 * cookie only: an Authorization header is not read (getServerSession does not read one either). A
 * token past its idle expiry or its absolute lifetime (as the jwt callback rules), unreadable or made
 * with another secret gives null.
 */
export const getSessionClaims = cache(async (): Promise<SessionClaims | null> => {
  // Without NEXTAUTH_SECRET (development only: next-auth refuses to run so in production) next-auth
  // derives a secret of its own: only its handler knows it.
  if (!env.NEXTAUTH_SECRET) return ((await getServerSession(authOptions)) as SessionClaims | null) ?? null;
  const requestCookies = Object.fromEntries((await cookies()).getAll().map((c) => [c.name, c.value]));
  // No headers: getToken would take an Authorization: Bearer value for a missing cookie.
  const token = await getToken({ req: { headers: {}, cookies: requestCookies } as never, secret: env.NEXTAUTH_SECRET, decode: decodeSessionToken });
  // Past the absolute lifetime the jwt callback empties the token: signed out, whatever the activity.
  if (!token || !withinAbsoluteLifetime(token.at)) return null;
  return { uid: token.uid, sv: token.sv, at: token.at, ra: token.ra, mfa: token.mfa } as SessionClaims;
});

/** The columns of the signed-in user's read, as the databases return them (booleans 0/1 on SQLite). */
interface SessionUserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  active: boolean | number | bigint;
  sessionVersion: number | bigint | string;
  mustChangePassword: boolean | number | bigint;
  totpEnabledAt: Date | string | number | null;
}

/**
 * The user a session's claims point to, or null: one hand-written statement (the same SQL on SQLite
 * and PostgreSQL; every page and action pays it), read on the driver (direct-read.ts). Null for claims without uid or sv, past the
 * absolute lifetime (SESSION_MAX_HOURS, from `at`, s) at `nowMs`, for an unknown or deactivated
 * account, a sessionVersion other than the claims' (logout, password or role change, deactivation
 * bump it) or an unknown role. The actor carries mustChangePassword (one-time password still in use)
 * and mustSetUpTwoFactor (claim `mfa` = 1 and two-factor still not set up).
 */
export async function readSessionUser(session: SessionClaims | null, nowMs = Date.now()): Promise<Actor | null> {
  if (!session || typeof session.uid !== "string" || typeof session.sv !== "number") return null;
  if (!withinAbsoluteLifetime(session.at, nowMs)) return null;
  const [user] = await readRows<SessionUserRow>(Prisma.sql`SELECT "id", "email", "name", "role", "active", "sessionVersion", "mustChangePassword", "totpEnabledAt"
    FROM "User" WHERE "id" = ${session.uid}`);
  if (!user || Number(user.active) !== 1 || Number(user.sessionVersion) !== session.sv || !isRole(user.role)) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    ...(Number(user.mustChangePassword) === 1 ? { mustChangePassword: true } : {}),
    // The sign-in found the role requires two-factor and none set up (session claim `mfa`); proxy.ts
    // sends pages to the set-up, and requireUser refuses every other server step until it is done.
    ...(session.mfa === 1 && user.totpEnabledAt === null ? { mustSetUpTwoFactor: true } : {}),
  };
}

/** The signed-in user for this request (readSessionUser of this request's session), or null; once per request. */
export const getCurrentUser = cache(async (): Promise<Actor | null> => readSessionUser(await getSessionClaims()));

/**
 * The signed-in user for a server action. A user still on a one-time password may only change it
 * (`allowPendingPasswordChange`), and one whose role requires two-factor sign-in may only set it up
 * (`allowTwoFactorSetup`); every other step is refused until they have. Throws UNAUTHENTICATED, FORBIDDEN.
 */
export async function requireUser(options: { allowPendingPasswordChange?: boolean; allowTwoFactorSetup?: boolean } = {}): Promise<Actor> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Your session has ended. Please sign in again.");
  if (user.mustChangePassword && !options.allowPendingPasswordChange) {
    throw new AppError("FORBIDDEN", "Choose your own password first: you signed in with a one-time password.");
  }
  if (user.mustSetUpTwoFactor && !options.allowTwoFactorSetup) {
    throw new AppError("FORBIDDEN", "Your role must use two-factor sign-in: set it up at /account/two-factor first.");
  }
  return user;
}
