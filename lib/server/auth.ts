import "server-only";
import { cache } from "react";
import { getServerSession, type NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { AppError } from "@/lib/domain/errors";
import { isRole } from "@/lib/domain/roles";
import { signInSchema } from "@/lib/validation/auth";
import { clientIp } from "./client-ip";
import { getDb } from "./db";
import { endAllSessions, recordSignIn } from "./users";
import { env } from "./env";
import { logger } from "./logger";
import { assertLoginAllowed, recordFailedLogin, recordSuccessfulLogin } from "./login-rate-limit";
import { burnPasswordCheck, verifyPassword } from "./passwords";
import type { Actor } from "./permissions";

export const INVALID_CREDENTIALS = "Invalid email or password.";

/**
 * Checks an email/password pair. Unknown emails and wrong passwords take the same path and time and
 * give the same answer; failures count towards the per-account and per-IP limits.
 */
export async function authenticate(rawEmail: string, password: string, ip: string) {
  const parsed = signInSchema.safeParse({ email: rawEmail, password });
  if (!parsed.success) throw new AppError("UNAUTHENTICATED", INVALID_CREDENTIALS);
  const email = parsed.data.email;
  await assertLoginAllowed(email, ip);
  const db = await getDb();
  const user = await db.user.findUnique({ where: { email } });
  const valid = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  if (!user || !valid || !user.active) {
    await recordFailedLogin(email, ip);
    logger.info({ event: "login_failed", email, ip }, "login failed");
    throw new AppError("UNAUTHENTICATED", INVALID_CREDENTIALS);
  }
  await recordSuccessfulLogin(email);
  await recordSignIn(user.id);
  return user;
}

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        try {
          const user = await authenticate(credentials?.email ?? "", credentials?.password ?? "", clientIp(req?.headers));
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
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
        token.uid = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid, sv: token.sv } as typeof session;
    },
    async redirect({ url, baseUrl }) {
      // Only same-origin destinations: no open redirect through callbackUrl.
      if (url.startsWith("/") && !url.startsWith("//")) return `${baseUrl}${url}`;
      try {
        if (new URL(url).origin === baseUrl) return url;
      } catch {}
      return baseUrl;
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
 * The signed-in user for this request, or null. The session token is only a pointer: the user is
 * re-read, and a deactivated account or a bumped sessionVersion (logout, password or role change,
 * deactivation) ends the session here.
 */
export const getCurrentUser = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions)) as { uid?: unknown; sv?: unknown } | null;
  if (!session || typeof session.uid !== "string" || typeof session.sv !== "number") return null;
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: session.uid } });
  if (!user || !user.active || user.sessionVersion !== session.sv || !isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, ...(user.mustChangePassword ? { mustChangePassword: true } : {}) };
});

/**
 * The signed-in user for a server action. A user still on a one-time password may only change it
 * (`allowPendingPasswordChange`); every other step is refused until they have.
 */
export async function requireUser(options: { allowPendingPasswordChange?: boolean } = {}): Promise<Actor> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Your session has ended. Please sign in again.");
  if (user.mustChangePassword && !options.allowPendingPasswordChange) {
    throw new AppError("FORBIDDEN", "Choose your own password first: you signed in with a one-time password.");
  }
  return user;
}
