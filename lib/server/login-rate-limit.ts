import "server-only";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "@/lib/domain/errors";

/**
 * Brute-force protection without permanent lockout: failed logins are counted per account and per
 * IP address in sliding 15-minute windows; the block lifts by itself.
 */
const perAccount = new RateLimiterMemory({ keyPrefix: "login_account", points: 10, duration: 15 * 60 });
const perIp = new RateLimiterMemory({ keyPrefix: "login_ip", points: 50, duration: 15 * 60 });

function blockedError(res: RateLimiterRes): AppError {
  const minutes = Math.max(1, Math.ceil(res.msBeforeNext / 60_000));
  return new AppError("RATE_LIMITED", `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
}

export async function assertLoginAllowed(email: string, ip: string): Promise<void> {
  const [account, address] = await Promise.all([perAccount.get(email), perIp.get(ip)]);
  for (const res of [account, address]) {
    if (res && res.remainingPoints <= 0) throw blockedError(res);
  }
}

export async function recordFailedLogin(email: string, ip: string): Promise<void> {
  await Promise.allSettled([perAccount.consume(email), perIp.consume(ip)]);
}

export async function recordSuccessfulLogin(email: string): Promise<void> {
  await perAccount.delete(email);
}
