import "server-only";
import { AppError } from "@/lib/domain/errors";
import { provider } from "./db";
import { env } from "./env";
import { isOverLimit, rateLimiter, type SharedRateLimiter } from "./rate-limit-store";
import { securityEvent } from "./security-log";

/**
 * REST API requests are counted per client address (every request, before the token is looked up, so
 * guessing tokens is throttled too) and per token, in fixed one-minute windows; over the limit the
 * answer is 429 with Retry-After. Counters live where rate-limit-store.ts puts them: in the database
 * on PostgreSQL (several instances count together), in this process on SQLite (one process owns the file).
 */
export const API_RATE_WINDOW_SECONDS = 60;

const limiters = {
  perIp: rateLimiter({ keyPrefix: "api_ip", points: env.API_RATE_LIMIT_PER_IP, duration: API_RATE_WINDOW_SECONDS }),
  perToken: rateLimiter({ keyPrefix: "api_token", points: env.API_RATE_LIMIT_PER_TOKEN, duration: API_RATE_WINDOW_SECONDS }),
};

export const API_RATE_LIMITS = { perIp: env.API_RATE_LIMIT_PER_IP, perToken: env.API_RATE_LIMIT_PER_TOKEN } as const;

function overLimit(who: "address" | "token", key: string, msBeforeNext: number): AppError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  securityEvent("api_rate_limited", { limit: who, ...(who === "token" ? { tokenId: key } : { ip: key }), retryAfterSeconds: seconds });
  const whose = who === "token" ? "with this token" : "from this address";
  return new AppError("RATE_LIMITED", `Too many API requests ${whose}. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`, {
    retryAfterSeconds: seconds,
  });
}

async function consume(limiter: SharedRateLimiter, key: string, who: "address" | "token"): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (!isOverLimit(error)) throw error;
    throw overLimit(who, key, error.msBeforeNext);
  }
}

export function consumeIpRequest(ip: string): Promise<void> {
  return consume(limiters.perIp, ip, "address");
}

export function consumeTokenRequest(tokenId: string): Promise<void> {
  return consume(limiters.perToken, tokenId, "token");
}

/**
 * True when the API's counters are rows of the database's RateLimitCounter table on PostgreSQL: then
 * authenticateApiToken counts both (address and token) in the statement that finds the token
 * (apiRateCounting / checkApiRateCount), instead of one rate-limiter-flexible upsert each.
 */
export function apiRatesCountedInSql(): boolean {
  return provider === "postgresql" && limiters.perIp.store === "database" && limiters.perToken.store === "database";
}

/**
 * The counters' keys and the new window's end for one request, as rate-limiter-flexible's Prisma store
 * names and times them (`<keyPrefix>:<key>`, window API_RATE_WINDOW_SECONDS from `now`): rows written
 * by the SQL count are read by the library (get, delete) and the other way round.
 */
export function apiRateCounting(ip: string, now: Date) {
  return {
    ipKey: `api_ip:${ip}`,
    tokenKeyPrefix: "api_token:",
    windowEnd: new Date(now.getTime() + API_RATE_WINDOW_SECONDS * 1000),
  };
}

/**
 * Refuses a request whose counted points (as the SQL count returned them, after this request) pass
 * the address's or the token's limit: 429 RATE_LIMITED with Retry-After = the window's rest, the same
 * answer and security log line as consumeIpRequest / consumeTokenRequest.
 */
export function checkApiRateCount(who: "address" | "token", key: string, points: number, windowEnd: Date | null, now = new Date()): void {
  const limit = who === "token" ? API_RATE_LIMITS.perToken : API_RATE_LIMITS.perIp;
  if (points <= limit) return;
  throw overLimit(who, key, windowEnd ? Math.max(windowEnd.getTime() - now.getTime(), 0) : 0);
}
