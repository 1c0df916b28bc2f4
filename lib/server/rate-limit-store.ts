import "server-only";
import { RateLimiterMemory, RateLimiterPrisma, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getDb, provider, type Db } from "./db";
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
 * rate-limiter-flexible's Prisma store with its counting step in one statement: the library's store
 * sends two per request (a DELETE of the key's expired row, then an upsert that increments the
 * points), this one a single hand-written upsert (the same SQL on SQLite and PostgreSQL) that starts a
 * new window when the stored one has expired and adds the points otherwise — the same counting, one
 * statement less on every API request. `_upsert` is the store's documented extension point (a custom
 * store implements `_upsert`, `_get` and `_delete`); a forced expiry goes to the library's own.
 */
class OneStatementPrismaLimiter extends RateLimiterPrisma {
  constructor(
    options: ConstructorParameters<typeof RateLimiterPrisma>[0],
    private readonly db: Db,
  ) {
    super(options);
  }

  _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<unknown> {
    if (forceExpire) return (RateLimiterPrisma.prototype as unknown as { _upsert: OneStatementPrismaLimiter["_upsert"] })._upsert.call(this, key, points, msDuration, true);
    const now = new Date();
    const expire = msDuration > 0 ? new Date(now.getTime() + msDuration) : null;
    return this.db.$queryRaw<{ key: string; points: number; expire: Date | null }[]>`INSERT INTO "RateLimitCounter" ("key", "points", "expire") VALUES (${key}, ${points}, ${expire})
      ON CONFLICT ("key") DO UPDATE SET
        "points" = CASE WHEN "RateLimitCounter"."expire" IS NOT NULL AND "RateLimitCounter"."expire" <= ${now} THEN EXCLUDED."points" ELSE "RateLimitCounter"."points" + EXCLUDED."points" END,
        "expire" = CASE WHEN "RateLimitCounter"."expire" IS NOT NULL AND "RateLimitCounter"."expire" <= ${now} THEN EXCLUDED."expire" ELSE "RateLimitCounter"."expire" END
      RETURNING "key", "points", "expire"`.then(([row]) => ({ ...row!, points: Number(row!.points) }));
  }
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
      return new OneStatementPrismaLimiter({ ...this.options, storeClient: db, tableName: "rateLimitCounter", insuranceLimiter: memory }, db);
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
