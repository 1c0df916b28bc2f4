import "server-only";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "@/lib/domain/errors";
import { env } from "./env";

/**
 * REST API requests are counted per client address (every request, before the token is looked up, so
 * guessing tokens is throttled too) and per token, in fixed one-minute windows; over the limit the
 * answer is 429 with Retry-After. Counters live in this process (one app process owns a SQLite file;
 * several PostgreSQL instances each count their own share).
 */
export const API_RATE_WINDOW_SECONDS = 60;

interface ApiLimiters {
  perIp: RateLimiterMemory;
  perToken: RateLimiterMemory;
}

// Kept on globalThis so every route bundle of the server shares one set of counters.
const globalForLimits = globalThis as unknown as { claimledgerApiLimiters?: ApiLimiters };
const limiters: ApiLimiters = (globalForLimits.claimledgerApiLimiters ??= {
  perIp: new RateLimiterMemory({ keyPrefix: "api_ip", points: env.API_RATE_LIMIT_PER_IP, duration: API_RATE_WINDOW_SECONDS }),
  perToken: new RateLimiterMemory({ keyPrefix: "api_token", points: env.API_RATE_LIMIT_PER_TOKEN, duration: API_RATE_WINDOW_SECONDS }),
});

export const API_RATE_LIMITS = { perIp: env.API_RATE_LIMIT_PER_IP, perToken: env.API_RATE_LIMIT_PER_TOKEN } as const;

async function consume(limiter: RateLimiterMemory, key: string, who: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
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
