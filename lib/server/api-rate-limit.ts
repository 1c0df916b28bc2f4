import "server-only";
import { AppError } from "@/lib/domain/errors";
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

async function consume(limiter: SharedRateLimiter, key: string, who: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (!isOverLimit(error)) throw error;
    const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    securityEvent("api_rate_limited", { limit: who === "with this token" ? "token" : "address", ...(who === "with this token" ? { tokenId: key } : { ip: key }), retryAfterSeconds: seconds });
    throw new AppError("RATE_LIMITED", `Too many API requests ${who}. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`, {
      retryAfterSeconds: seconds,
    });
  }
}

export function consumeIpRequest(ip: string): Promise<void> {
  return consume(limiters.perIp, ip, "from this address");
}

export function consumeTokenRequest(tokenId: string): Promise<void> {
  return consume(limiters.perToken, tokenId, "with this token");
}
