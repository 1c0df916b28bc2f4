import "server-only";
import { logger } from "./logger";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgresql/client";
import { databaseProvider, env } from "./env";
import { resilientSqliteAdapter, type SqliteWriteConnection } from "./sqlite-adapter";

/**
 * The one Prisma client. Two clients are generated from the same models (prisma/models.prisma); the
 * DATABASE_URL scheme picks one at run time, so one build serves SQLite and PostgreSQL.
 * Both expose the same model API; the SQLite client's type is used for both.
 */
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export const provider = databaseProvider();

/** Tests count the SQL statements a use case sends (lib/server/testing/query-counter.ts). */
const log = env.NODE_ENV === "test" ? [{ emit: "event" as const, level: "query" as const }] : undefined;

/**
 * The driver under a client, for transactions run without Prisma (lib/server/driver-transaction.ts):
 * on PostgreSQL the pg pool Prisma's adapter uses, on SQLite the adapter's one connection (null until
 * Prisma has opened it: getDb() does).
 */
export type WriteDriver = { provider: "postgresql"; pool: pg.Pool } | { provider: "sqlite"; connection: () => SqliteWriteConnection | null };
// On globalThis: the production build may load this module more than once, and getDb() hands out the
// client of whichever copy ran first (globalForDb below).
const globalForDrivers = globalThis as unknown as { claimledgerDrivers?: WeakMap<object, WriteDriver> };
const drivers = (globalForDrivers.claimledgerDrivers ??= new WeakMap<object, WriteDriver>());

/** The driver under `db` (a client made by createClient). */
export function writeDriverOf(db: Db): WriteDriver {
  const driver = drivers.get(db);
  if (!driver) throw new Error("This Prisma client was not made by createClient: its driver is unknown.");
  return driver;
}

/**
 * A Prisma client for `url` (default DATABASE_URL). The app uses the one client below; other
 * databases (a restored backup being checked) get their own, which the caller disconnects.
 */
export function createClient(url: string = env.DATABASE_URL): Db {
  if (databaseProvider(url) === "postgresql") {
    // The pool is made here (not by the adapter) so that driver transactions share it.
    // connectionTimeoutMillis: a driver transaction waits for a client at most as long as Prisma's
    // transactions do (maxWait 10 s), then fails as unavailable instead of queueing for ever.
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
    // An idle client's error (the server restarted, the session was terminated) is emitted on the
    // pool: without a listener it would end the process. The pool drops that client by itself.
    pool.on("error", (error) => logger.warn({ err: error }, "database: an idle connection failed"));
    const client = new PostgresClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }), log }) as unknown as Db;
    drivers.set(client, { provider: "postgresql", pool });
    return client;
  }
  // better-sqlite3 does not create folders; `timeout` is SQLite's busy timeout in ms. The wrapper
  // releases the transaction lock when SQLite rolls back by itself (lib/server/sqlite-adapter.ts).
  const adapter = resilientSqliteAdapter({ url, timeout: 5000 });
  const client = new SqliteClient({ adapter, log }) as unknown as Db;
  drivers.set(client, { provider: "sqlite", connection: adapter.writeConnection });
  return client;
}

const globalForDb = globalThis as unknown as { claimledgerDb?: Db; claimledgerDbReady?: Promise<Db> };
const client = globalForDb.claimledgerDb ?? createClient();
if (env.NODE_ENV !== "production") globalForDb.claimledgerDb = client;

/**
 * SQLite runs in WAL mode with a busy timeout and foreign keys on (DESIGN.md §6). The settings are
 * applied and read back once per process; a database that refuses them stops the app.
 */
async function prepareDatabase(db: Db): Promise<Db> {
  if (provider !== "sqlite") return db;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  const settings = await checkSqliteSettings(db);
  if (settings.journalMode !== "wal" || !settings.foreignKeys || settings.busyTimeout < 1000) {
    throw new Error(`SQLite is not configured safely: ${JSON.stringify(settings)}`);
  }
  return db;
}

export async function checkSqliteSettings(db: Db) {
  const [journal] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
  const [fk] = await db.$queryRawUnsafe<{ foreign_keys: bigint | number }[]>("PRAGMA foreign_keys");
  const [busy] = await db.$queryRawUnsafe<{ timeout: bigint | number }[]>("PRAGMA busy_timeout");
  return {
    journalMode: String(journal?.journal_mode ?? ""),
    foreignKeys: Number(fk?.foreign_keys ?? 0) === 1,
    busyTimeout: Number(busy?.timeout ?? 0),
  };
}

/** The ready client: every data-access function starts here. */
export function getDb(): Promise<Db> {
  globalForDb.claimledgerDbReady ??= prepareDatabase(client);
  return globalForDb.claimledgerDbReady;
}
