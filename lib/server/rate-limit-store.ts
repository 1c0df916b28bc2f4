import "server-only";
import { RateLimiterMemory, RateLimiterPrisma, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getDb, provider } from "./db";
import { env } from "./env";

/**
 * Rate-limit counters (rate-limiter-flexible) in the right place: in the database (table
 * RateLimitCounter, through rate-limiter-flexible's Prisma store) when several app instances may run —
 * PostgreSQL — so they all count together; in this process's memory on SQLite, where one process owns
 * the file. RATE_LIMIT_STORE overrides the choice. A database store falls back to memory counters
 * while the database cannot be written (rate-limiter-flexible's insurance limiter), so an outage
 * never turns into "everyone is rate-limited".
 */
export type RateLimitStore = "database" | "memory";

export interface LimiterOptions {
  /** Distinguishes this limiter's keys from every other's in the shared table. */
  keyPrefix: string;
  /** Points (attempts) allowed per window. */
  points: number;
  /** Window length in seconds. */
  duration: number;
}

/** The store the app uses: RATE_LIMIT_STORE, or by default the database on PostgreSQL, memory on SQLite. */
export function defaultRateLimitStore(): RateLimitStore {
  if (env.RATE_LIMIT_STORE !== "auto") return env.RATE_LIMIT_STORE;
  return provider === "postgresql" ? "database" : "memory";
}

/**
 * A limiter whose store is created on first use (the Prisma client is ready only asynchronously).
 * Same semantics as rate-limiter-flexible's: consume() rejects with a RateLimiterRes when over the limit.
 */
export class SharedRateLimiter {
  readonly points: number;
  private limiter?: Promise<RateLimiterAbstract>;

  constructor(
    private readonly options: LimiterOptions,
    readonly store: RateLimitStore = defaultRateLimitStore(),
  ) {
    this.points = options.points;
  }

  private resolve(): Promise<RateLimiterAbstract> {
    this.limiter ??= (async () => {
      const memory = new RateLimiterMemory(this.options);
      if (this.store === "memory") return memory;
      const db = await getDb();
      return new RateLimiterPrisma({ ...this.options, storeClient: db, tableName: "rateLimitCounter", insuranceLimiter: memory });
    })();
    return this.limiter;
  }

  /** Counts `points` for `key`; rejects with RateLimiterRes (msBeforeNext = ms until the window ends) when over. */
  async consume(key: string, points = 1): Promise<RateLimiterRes> {
    return (await this.resolve()).consume(key, points);
  }

  /** The key's current count, or null when it has none in the current window. */
  async get(key: string): Promise<RateLimiterRes | null> {
    return (await this.resolve()).get(key);
  }

  /** Forgets the key's count. */
  async delete(key: string): Promise<void> {
    await (await this.resolve()).delete(key);
  }
}

/** True when `error` is rate-limiter-flexible's "over the limit" answer (not a store failure). */
export function isOverLimit(error: unknown): error is RateLimiterRes {
  return error instanceof RateLimiterRes;
}

const globalForLimiters = globalThis as unknown as { claimledgerLimiters?: Map<string, SharedRateLimiter> };

/**
 * The process-wide limiter for `options.keyPrefix` (kept on globalThis so every route bundle of the
 * server shares one set of counters).
 */
export function rateLimiter(options: LimiterOptions): SharedRateLimiter {
  const all = (globalForLimiters.claimledgerLimiters ??= new Map());
  let limiter = all.get(options.keyPrefix);
  if (!limiter) {
    limiter = new SharedRateLimiter(options);
    all.set(options.keyPrefix, limiter);
  }
  return limiter;
}
