import "server-only";
import { logger } from "./logger";
import Database from "better-sqlite3";
import pg from "pg";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { provider } from "./db";
import { env } from "./env";

/**
 * Hand-written reads that every page pays, run on the database driver itself instead of through
 * Prisma's client.
 *
 * Prisma 6.19's client engine plans every call, `$queryRaw` included, in its WebAssembly query
 * compiler, then interprets the plan and maps the rows: about 0.8 ms for the session's one-row user
 * read against ~0.05 ms for the same prepared statement on better-sqlite3 (a 1,000-claim desk, 2,000
 * calls, one process on a loaded machine). The root layout's reads (the signed-in user, the header's
 * unread count) run on every page, so they run here.
 *
 * Only for reads outside transactions: the statements run on a connection of their own, so they see
 * what is committed and never what a transaction in progress has written. SQLite: a second
 * better-sqlite3 connection on the same file (WAL: readers never wait for the writer), read-only
 * (`PRAGMA query_only`), with its prepared statements kept (at most DIRECT_STATEMENT_CACHE_SIZE,
 * least recently used dropped). PostgreSQL: a small pg pool (DIRECT_POOL_SIZE connections) on the same
 * DATABASE_URL, hence the same role and rights.
 *
 * Values are bound as Prisma's adapters bind them (a Date as ISO-8601 UTC text, a boolean as 1/0 on
 * SQLite). Rows come back as `$queryRaw` gives them for table columns: a DateTime column as a Date
 * (UTC), a Boolean one as a boolean (on SQLite from the columns' declared types DATETIME / BOOLEAN,
 * as Prisma's adapter does). Computed values come as the driver gives them: a PostgreSQL count
 * (int8) is a decimal string and an SQLite truth value 0/1, so callers read them with Number().
 */
const DIRECT_STATEMENT_CACHE_SIZE = 200;
const DIRECT_POOL_SIZE = 4;

type Listener = (sql: string) => void;
const listeners = new Set<Listener>();

/**
 * Calls `listener` with the SQL of every direct read (the integration tests count statements with it,
 * as they count Prisma's); returns the function that stops it.
 */
export function observeDirectReads(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const globalForReads = globalThis as unknown as { claimledgerSqliteReader?: Database.Database; claimledgerPgReader?: pg.Pool };

function sqliteReader(): Database.Database {
  if (!globalForReads.claimledgerSqliteReader) {
    const reader = new Database(env.DATABASE_URL.replace(/^file:/, ""), { timeout: 5000, fileMustExist: true });
    reader.pragma("query_only = ON");
    globalForReads.claimledgerSqliteReader = reader;
  }
  return globalForReads.claimledgerSqliteReader;
}

/** A `timestamp` (without time zone) column holds UTC (Prisma writes it so): read it as UTC. */
const TIMESTAMP_OID = 1114;

/**
 * pg's type parsers with a `timestamp` (without time zone) read as UTC, as Prisma writes and reads it
 * (pg's default parser reads it as local time). Pass as a query's or pool's `types`.
 */
export const PG_UTC_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID ? (text: string) => new Date(`${text.replace(" ", "T")}Z`) : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

function pgReader(): pg.Pool {
  if (!globalForReads.claimledgerPgReader) {
    globalForReads.claimledgerPgReader = new pg.Pool({
      connectionString: env.DATABASE_URL,
      max: DIRECT_POOL_SIZE,
      allowExitOnIdle: true,
      // Read-only sessions: a statement that would write is refused by the server.
      options: "-c default_transaction_read_only=on",
      types: PG_UTC_TYPES,
    });
    // An idle client's error would otherwise end the process (pg emits it on the pool).
    globalForReads.claimledgerPgReader.on("error", (error) => logger.warn({ err: error }, "database: an idle read connection failed"));
  }
  return globalForReads.claimledgerPgReader;
}

/**
 * A bound value as Prisma's SQLite adapter binds it: a Date as ISO-8601 UTC with `+00:00`
 * (`2026-12-01T20:00:00.000+00:00`), a boolean as 1 / 0, anything else unchanged. Shared with the
 * driver transactions (driver-transaction.ts), so rows they write compare and sort as Prisma's do.
 */
export function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/** A prepared statement and which of its columns are DATETIME / BOOLEAN columns of a table (declared types). */
interface PreparedRead {
  statement: Database.Statement;
  dates: string[];
  booleans: string[];
}
const statements = new Map<string, PreparedRead>();

function preparedRead(reader: Database.Database, sql: string): PreparedRead {
  let read = statements.get(sql);
  if (read) {
    statements.delete(sql); // re-inserted below: the Map's order is the recency order
  } else {
    const statement = reader.prepare(sql);
    const declared = statement.columns();
    const named = (type: string) => declared.filter((c) => c.type?.toUpperCase() === type).map((c) => c.name);
    read = { statement, dates: named("DATETIME"), booleans: named("BOOLEAN") };
    if (statements.size >= DIRECT_STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
  }
  statements.set(sql, read);
  return read;
}

/** Prisma's SQLite text of an instant (ISO 8601, or SQLite's own "YYYY-MM-DD HH:MM:SS" in UTC), or ms. */
function sqliteDate(value: unknown): unknown {
  if (typeof value === "number" || typeof value === "bigint") return new Date(Number(value));
  if (typeof value !== "string") return value;
  return new Date(/^\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d(\.\d+)?)?$/.test(value) ? `${value.replace(" ", "T")}Z` : value);
}

function sqliteRows<T>(reader: Database.Database, query: Prisma.Sql): T[] {
  const { statement, dates, booleans } = preparedRead(reader, query.sql);
  const rows = statement.all(...query.values.map(sqliteValue)) as Record<string, unknown>[];
  if (dates.length || booleans.length) {
    for (const row of rows) {
      for (const name of dates) if (row[name] !== null) row[name] = sqliteDate(row[name]);
      for (const name of booleans) if (row[name] !== null) row[name] = Number(row[name]) === 1;
    }
  }
  return rows as T[];
}

/**
 * The rows of one read-only statement, `query` written with Prisma.sql (the same text on both
 * databases, as for `$queryRaw`), run on the driver outside any transaction (see above). Throws the
 * driver's error for bad SQL, and for any statement that would write.
 */
export async function readRows<T>(query: Prisma.Sql): Promise<T[]> {
  if (provider === "sqlite") {
    for (const listener of listeners) listener(query.sql);
    return sqliteRows<T>(sqliteReader(), query);
  }
  for (const listener of listeners) listener(query.text);
  const values = query.values.map((v) => (v instanceof Date ? v.toISOString() : v));
  const result = await pgReader().query({ text: query.text, values });
  return result.rows as T[];
}
