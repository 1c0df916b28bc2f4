import "server-only";
import { Prisma } from "@/lib/generated/sqlite/client";
import { foldSearchText, isOlderSearchFold, searchFoldKey } from "@/lib/domain/search-fold";
import { writeDriverOf, type Db } from "./db";
import { logger } from "./logger";
import { PRISMA_TRANSACTION_OPTIONS } from "./transaction";

/**
 * Writes the folded search words of the claims stored before the fold changed (lib/domain/search-fold.ts):
 * Claim.searchText and Claim.claimantSearch, which SQLite's FTS5 table and PostgreSQL's "searchVector"
 * index (their triggers and generated column follow each write). It runs once per fold: the Setting
 * row `searchFold` holds the fold's key (version and ICU data, searchFoldKey()) it last wrote, and the
 * migration that changed the fold (202612080003_search_fold) deleted it. Only an older key is refolded
 * (isOlderSearchFold): instances on different Node.js/ICU never fold back each other's words. One
 * instance at a time: on PostgreSQL a session advisory lock (REFOLD_LOCK_KEY) on a client of its own;
 * SQLite's file has one server process. A maintenance task of the
 * server itself (no user acts, no audit event: the claims' text, version and updatedAt stay as they
 * are); a claim reworded meanwhile keeps what its rewording wrote (each write checks the text it folded).
 */

/** Claims read and written per transaction. */
export const REFOLD_BATCH = 500;
const SETTING_KEY = "searchFold";
/** The PostgreSQL advisory lock (pg_try_advisory_lock's bigint) held by the one instance refolding ("clfr"). */
export const REFOLD_LOCK_KEY = 0x636c6672;

/**
 * What one refold did: `skipped` when the stored words were already of this fold (or a newer one) or
 * another instance is refolding (`busy`); `refolded` claims changed; `left` claims another transaction
 * held locked (PostgreSQL), left for a later run — the key is then not recorded.
 */
export interface RefoldResult {
  skipped: boolean;
  refolded: number;
  busy?: boolean;
  left?: number;
}

type Row = { id: string; text: string; claimant: string | null; searchText: string; claimantSearch: string };

/** Runs `work` holding the refold's advisory lock on PostgreSQL (a client of its own); null when another session holds it. */
async function underRefoldLock<T>(db: Db, work: () => Promise<T>): Promise<T | null> {
  const driver = writeDriverOf(db);
  if (driver.provider === "sqlite") return work();
  const client = await driver.pool.connect();
  let broken: Error | undefined;
  try {
    const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1) AS "got"', [REFOLD_LOCK_KEY]);
    if (!rows[0]?.got) return null;
    try {
      return await work();
    } finally {
      // A failed unlock discards the client: its session ends, and the lock with it.
      await client.query("SELECT pg_advisory_unlock($1)", [REFOLD_LOCK_KEY]).catch((error: unknown) => {
        broken = error instanceof Error ? error : new Error(String(error));
      });
    }
  } finally {
    client.release(broken);
  }
}

/**
 * Folds every claim's text and claimant again and writes those whose stored words differ, REFOLD_BATCH
 * claims per transaction in id order (Prisma's limits of the app's steps, PRISMA_TRANSACTION_OPTIONS),
 * then records the fold's key; nothing when the key recorded is this fold's or a newer one (unless
 * `force`, which still never records an older key over a newer one), or when another instance holds
 * the refold's lock (`busy`). On PostgreSQL each batch locks its rows with SKIP LOCKED: a claim another
 * transaction holds is left (`left`) for a later run rather than waited for, so the refold neither
 * waits on nor deadlocks with the desk's steps. Bounded: at most one pass over the claims counted at
 * the start (claims written meanwhile are folded by their own write). Throws what the database throws
 * (the key is then not recorded, so a later run tries again).
 */
export async function refoldClaimSearch(db: Db, options: { force?: boolean; batch?: number } = {}): Promise<RefoldResult> {
  const done = await underRefoldLock(db, () => refoldUnderLock(db, options));
  return done ?? { skipped: true, refolded: 0, busy: true };
}

/** The fold key a Setting value holds (stored as a JSON string); null when it holds none. */
function recordedKey(value: string | null): string | null {
  if (value === null) return null;
  try {
    const key: unknown = JSON.parse(value);
    return typeof key === "string" ? key : null;
  } catch {
    return null;
  }
}

async function refoldUnderLock(db: Db, options: { force?: boolean; batch?: number }): Promise<RefoldResult> {
  const key = searchFoldKey();
  const recorded = (await db.setting.findUnique({ where: { key: SETTING_KEY } }))?.value ?? null;
  const older = isOlderSearchFold(recordedKey(recorded), key);
  if (!options.force && !older) return { skipped: true, refolded: 0 };
  const postgres = writeDriverOf(db).provider === "postgresql";
  const batch = options.batch ?? REFOLD_BATCH;
  const pages = Math.ceil((await db.claim.count()) / batch) + 1;
  let refolded = 0;
  let left = 0;
  let after = "";
  for (let page = 0; page < pages; page++) {
    const rows: Row[] = await db.claim.findMany({
      where: { id: { gt: after } },
      orderBy: { id: "asc" },
      take: batch,
      select: { id: true, text: true, claimant: true, searchText: true, claimantSearch: true },
    });
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    const stale = rows
      .map((r) => ({ ...r, want: foldSearchText(r.text), wantClaimant: r.claimant === null ? "" : foldSearchText(r.claimant) }))
      .filter((r) => r.want !== r.searchText || r.wantClaimant !== r.claimantSearch);
    if (stale.length > 0) {
      await db.$transaction(async (tx) => {
        let mine = stale;
        if (postgres) {
          const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Claim" WHERE "id" IN (${Prisma.join(stale.map((r) => r.id))}) ORDER BY "id" FOR UPDATE SKIP LOCKED`;
          const ids = new Set(locked.map((r) => r.id));
          mine = stale.filter((r) => ids.has(r.id));
          left += stale.length - mine.length;
        }
        for (const r of mine) {
          const sameClaimant = r.claimant === null ? Prisma.sql`"claimant" IS NULL` : Prisma.sql`"claimant" = ${r.claimant}`;
          refolded += await tx.$executeRaw`UPDATE "Claim" SET "searchText" = ${r.want}, "claimantSearch" = ${r.wantClaimant} WHERE "id" = ${r.id} AND "text" = ${r.text} AND ${sameClaimant}`;
        }
      }, PRISMA_TRANSACTION_OPTIONS);
    }
    if (rows.length < batch) break;
  }
  if (left > 0) return { skipped: false, refolded, left };
  if (older) await db.setting.upsert({ where: { key: SETTING_KEY }, create: { key: SETTING_KEY, value: JSON.stringify(key) }, update: { value: JSON.stringify(key), version: { increment: 1 } } });
  return { skipped: false, refolded };
}

/** Attempts of the refold at the server's start, and the wait before the second (ms; doubled before each next one). */
export const REFOLD_ATTEMPTS = 6;
export const REFOLD_FIRST_DELAY_MS = 5_000;

/**
 * The server's start (instrumentation.ts): refolds in the background and logs what it did. A failure,
 * a claim left locked or another instance's lock is tried again after REFOLD_FIRST_DELAY_MS, doubled
 * each time (5, 10, 20, 40, 80 s: about 2.5 minutes in all), at most REFOLD_ATTEMPTS times, on timers
 * that do not keep the process alive; then an error is logged naming `npm run search:refold`
 * (searches keep working on the words stored before). Never throws. `options` are for tests.
 */
export async function refoldClaimSearchAtStart(
  db: Db,
  options: { attempts?: number; firstDelayMs?: number; refold?: (db: Db) => Promise<RefoldResult> } = {},
): Promise<void> {
  const attempts = options.attempts ?? REFOLD_ATTEMPTS;
  const refold = options.refold ?? refoldClaimSearch;
  let delay = options.firstDelayMs ?? REFOLD_FIRST_DELAY_MS;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const result = await refold(db);
      if (!result.busy && !result.left) {
        if (!result.skipped) logger.info({ refolded: result.refolded, fold: searchFoldKey() }, "claim search words folded again");
        return;
      }
      logger.info({ attempt, busy: result.busy ?? false, left: result.left ?? 0 }, "claim search words: refold not finished, trying again later");
    } catch (error) {
      logger.warn({ err: error, attempt }, "claim search words could not be folded again");
    }
    if (attempt === attempts) break;
    await new Promise<void>((resolve) => setTimeout(resolve, delay).unref());
    delay *= 2;
  }
  logger.error({ attempts }, "claim search words were not folded again: run `npm run search:refold`");
}
