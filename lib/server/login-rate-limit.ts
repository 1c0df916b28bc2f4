import "server-only";
import { AppError } from "@/lib/domain/errors";
import { isOverLimit, rateLimiter } from "./rate-limit-store";
import { securityEvent } from "./security-log";

/**
 * Brute-force protection that nobody can turn against a chosen account (OWASP ASVS 5.0 V6.3.1,
 * NIST SP 800-63B §5.2.2). Failed sign-ins are counted in 15-minute windows:
 * - per account AND address: 10 failures block that pair (only the guesser, not the account owner
 *   signing in from elsewhere) until the window ends;
 * - per address: 50 failures across accounts block that address (password spraying);
 * - per account from all addresses: after 20 failures each further attempt on the account is
 *   delayed — 500 ms per failure over 20, at most 5 s — whatever the password, but never refused,
 *   so a distributed guesser is slowed while the owner still gets in.
 * Counters live where rate-limit-store.ts puts them (the database on PostgreSQL).
 */
export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const LOGIN_LIMITS = { perAccountAndAddress: 10, perAddress: 50, accountFreeFailures: 20 } as const;
export const LOGIN_DELAY_STEP_MS = 500;
export const LOGIN_DELAY_MAX_MS = 5_000;

const perPair = rateLimiter({ keyPrefix: "login_pair", points: LOGIN_LIMITS.perAccountAndAddress, duration: LOGIN_WINDOW_SECONDS });
const perAddress = rateLimiter({ keyPrefix: "login_ip", points: LOGIN_LIMITS.perAddress, duration: LOGIN_WINDOW_SECONDS });
// Counts without ever refusing (a huge point budget); only its count is read.
const perAccount = rateLimiter({ keyPrefix: "login_account", points: 1_000_000, duration: LOGIN_WINDOW_SECONDS });

const pairKey = (email: string, ip: string) => `${email}|${ip}`;

function blockedError(msBeforeNext: number): AppError {
  const minutes = Math.max(1, Math.ceil(msBeforeNext / 60_000));
  return new AppError("RATE_LIMITED", `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, {
    retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)),
  });
}

/** The delay (ms) an attempt on an account waits after `failures` failures from all addresses. */
export function accountDelayMs(failures: number): number {
  const over = failures - LOGIN_LIMITS.accountFreeFailures;
  return over <= 0 ? 0 : Math.min(LOGIN_DELAY_MAX_MS, over * LOGIN_DELAY_STEP_MS);
}

/**
 * Before checking a password: throws AppError RATE_LIMITED (with retryAfterSeconds) when this
 * account+address pair or this address is blocked; otherwise returns how long (ms) to wait before
 * answering, from the account's failures across all addresses.
 */
export async function assertLoginAllowed(email: string, ip: string): Promise<{ delayMs: number }> {
  const [pair, address, account] = await Promise.all([perPair.get(pairKey(email, ip)), perAddress.get(ip), perAccount.get(email)]);
  for (const [res, limit] of [
    [pair, "account_and_address"],
    [address, "address"],
  ] as const) {
    if (res && res.remainingPoints <= 0) {
      const error = blockedError(res.msBeforeNext);
      securityEvent("login_rate_limited", { email, ip, limit, retryAfterSeconds: error.retryAfterSeconds });
      throw error;
    }
  }
  const delayMs = accountDelayMs(account?.consumedPoints ?? 0);
  if (delayMs > 0) securityEvent("login_delayed", { email, ip, delayMs, limit: "account" });
  return { delayMs };
}

/** Counts a failed sign-in against the pair, the address and the account. Never throws for "over". */
export async function recordFailedLogin(email: string, ip: string): Promise<void> {
  const results = await Promise.allSettled([perPair.consume(pairKey(email, ip)), perAddress.consume(ip), perAccount.consume(email)]);
  for (const result of results) {
    if (result.status === "rejected" && !isOverLimit(result.reason)) throw result.reason;
  }
}

/** A successful sign-in clears that pair's failures (the account-wide count runs out with its window). */
export async function recordSuccessfulLogin(email: string, ip: string): Promise<void> {
  await perPair.delete(pairKey(email, ip));
}
