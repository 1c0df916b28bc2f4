import "server-only";
import type pg from "pg";
import { Prisma } from "@/lib/generated/sqlite/client";
import { writeDriverOf, type Db, type Tx } from "./db";
import { PG_UTC_TYPES, sqliteValue } from "./direct-read";
import { rollbackOpenTransaction, type SqliteStatement, type SqliteWriteConnection } from "./sqlite-adapter";

/**
 * A business step's transaction run straight on the database driver, without Prisma's query
 * compiler: every `$queryRaw` through Prisma is turned into a query plan by its WebAssembly compiler
 * and interpreted (about a quarter of a REST write's CPU, issue 13w), while the hand-written
 * statements of a reviewer's step need none of that.
 *
 * - SQLite: the write connection Prisma's adapter holds (lib/server/sqlite-adapter.ts), under the
 *   same lock as Prisma's transactions, so the two kinds are serialised; BEGIN IMMEDIATE … COMMIT,
 *   ROLLBACK on any failure; the connection's prepared-statement cache serves both.
 * - PostgreSQL: a client from the pool Prisma's adapter uses; BEGIN … COMMIT, ROLLBACK on failure.
 *
 * The step sees a `Tx` with `$queryRaw`, `$executeRaw`, `$queryRawUnsafe` and `$executeRawUnsafe`,
 * which bind values as Prisma's adapters do (a Date as Prisma stores it: SQLite ISO 8601 text with
 * "+00:00", PostgreSQL "YYYY-MM-DD HH:MM:SS.mmm" in UTC; booleans 1/0 on SQLite). Results are the
 * driver's rows, not Prisma's: SQLite integers as BigInt (the adapter's connection reads safe
 * integers), PostgreSQL int4 as numbers and bigint as strings (count(*)), booleans on PostgreSQL as
 * booleans and on SQLite as 1/0, a PostgreSQL `timestamp` through pg's default parser (local time) —
 * so callers read integers with Number() and must read no dates through this Tx.
 * Anything else of Prisma's client (a model query such as `tx.claim.updateMany`) throws
 * NeedsPrismaTransaction: the transaction is rolled back and the caller runs the step through Prisma.
 */

/** Thrown when a step run on the driver asks for Prisma's model API; its transaction was rolled back. */
export class NeedsPrismaTransaction extends Error {
  constructor(what: string) {
    super(`The step uses Prisma's client (${what}); it runs in a Prisma transaction instead.`);
    this.name = "NeedsPrismaTransaction";
  }
}

type StatementListener = (sql: string) => void;
const listeners = new Set<StatementListener>();

/** Calls `listener` with the SQL of every statement a driver transaction sends (tests count them); returns the unsubscribe. */
export function onDriverStatement(listener: StatementListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** One statement, its SQL in the driver's placeholder style and its values. */
interface Statement {
  sql: string;
  values: unknown[];
}

interface Runner {
  query(statement: Statement): Promise<Record<string, unknown>[]>;
  execute(statement: Statement): Promise<number>;
}

const pgValue = (value: unknown) => (value instanceof Date ? value.toISOString().replace("T", " ").replace("Z", "") : value);

function sqliteRunner(connection: SqliteWriteConnection): Runner {
  const prepare = (statement: Statement): SqliteStatement => connection.handle.prepare(statement.sql).bind(...statement.values.map(sqliteValue));
  return {
    query: async (statement) => {
      const prepared = prepare(statement);
      if (!prepared.reader) {
        prepared.run();
        return [];
      }
      // Rows as objects: Prisma's adapter leaves the shared cached statement in raw (array) mode.
      return prepared.raw(false).all() as Record<string, unknown>[];
    },
    execute: async (statement) => {
      const prepared = prepare(statement);
      if (prepared.reader) return prepared.all().length;
      return Number((prepared.run() as { changes: number | bigint }).changes);
    },
  };
}

function pgRunner(client: pg.PoolClient): Runner {
  const send = (statement: Statement) => client.query(statement.sql, statement.values.map(pgValue));
  return {
    query: async (statement) => (await send(statement)).rows as Record<string, unknown>[],
    execute: async (statement) => (await send(statement)).rowCount ?? 0,
  };
}

function isSql(value: unknown): value is Prisma.Sql {
  return value instanceof Prisma.Sql;
}

/** The Tx a step sees: Prisma's raw-query methods on the runner, nothing else. */
function driverTx(runner: Runner, postgres: boolean): Tx {
  const fromTemplate = (first: unknown, rest: unknown[]): Statement => {
    const sql = isSql(first) ? first : Prisma.sql(first as TemplateStringsArray, ...(rest as Prisma.Sql[]));
    return { sql: postgres ? sql.text : sql.sql, values: sql.values };
  };
  const fromText = (sql: unknown, values: unknown[]): Statement => ({ sql: String(sql), values });
  const heard = (statement: Statement) => {
    for (const listener of listeners) listener(statement.sql);
    return statement;
  };
  const methods: Record<string, (first: unknown, ...rest: unknown[]) => Promise<unknown>> = {
    $queryRaw: (first, ...rest) => runner.query(heard(fromTemplate(first, rest))),
    $executeRaw: (first, ...rest) => runner.execute(heard(fromTemplate(first, rest))),
    $queryRawUnsafe: (sql, ...values) => runner.query(heard(fromText(sql, values))),
    $executeRawUnsafe: (sql, ...values) => runner.execute(heard(fromText(sql, values))),
  };
  return new Proxy(methods, {
    get(target, property) {
      if (typeof property === "string" && property in target) return target[property];
      // Not a thenable, and nothing else of the client.
      if (property === "then" || typeof property === "symbol") return undefined;
      throw new NeedsPrismaTransaction(`tx.${property}`);
    },
  }) as unknown as Tx;
}

/** How long a driver transaction waits for the write lock or a pool client (ms): Prisma's `maxWait` in transaction.ts. */
export const DRIVER_MAX_WAIT_MS = 10_000;

/**
 * `pending`, or after `ms` an error with Prisma's own wording for a transaction that could not start
 * ("Unable to start a transaction in the given time", which lib/domain/database-fault.ts classifies
 * as UNAVAILABLE); what `pending` yields after that is handed to `giveBack` (a lock released, a
 * client returned to its pool), so a late grant is never held.
 */
async function withinWait<R>(pending: Promise<R>, ms: number, giveBack: (late: R) => void): Promise<R> {
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new Error(`Unable to start a transaction in the given time: the database was busy for ${ms} ms.`));
    }, ms);
  });
  pending.then((granted) => timedOut && giveBack(granted), () => undefined);
  try {
    return await Promise.race([pending, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `work` in one transaction on `db`'s driver (see above): commits when it resolves, rolls back
 * and rethrows when it throws (NeedsPrismaTransaction included). A failed COMMIT is rolled back on
 * SQLite; on PostgreSQL its outcome is unknown (as with Prisma's transactions). Errors are the driver's own (better-sqlite3's SqliteError with `code` SQLITE_BUSY…, pg's
 * DatabaseError with the SQLSTATE in `code`), which lib/domain/database-fault.ts classifies. Waits at
 * most `maxWaitMs` (default DRIVER_MAX_WAIT_MS) for SQLite's write lock or a PostgreSQL client, then
 * throws "Unable to start a transaction in the given time…" (UNAVAILABLE) having changed nothing.
 */
export async function runDriverTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>, options: { maxWaitMs?: number } = {}): Promise<T> {
  const driver = writeDriverOf(db);
  const maxWaitMs = options.maxWaitMs ?? DRIVER_MAX_WAIT_MS;
  if (driver.provider === "sqlite") {
    const connection = driver.connection();
    if (!connection) throw new Error("The SQLite connection is not open yet: call getDb() first.");
    const release = await withinWait(connection.lock.acquire(), maxWaitMs, (late) => late());
    try {
      rollbackOpenTransaction(connection); // a transaction left open by a failure elsewhere
      connection.handle.exec("BEGIN IMMEDIATE");
      const result = await work(driverTx(sqliteRunner(connection), false));
      connection.handle.exec("COMMIT");
      return result;
    } catch (error) {
      rollbackOpenTransaction(connection);
      throw error;
    } finally {
      release();
    }
  }
  const client = await withinWait(driver.pool.connect(), maxWaitMs, (late) => late.release());
  let committing = false;
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await work(driverTx(pgRunner(client), true));
    committing = true;
    await client.query("COMMIT");
    return result;
  } catch (error) {
    if (!committing) {
      try {
        await client.query("ROLLBACK");
      } catch (rollbackError) {
        // The connection failed: the server ends the transaction with it; the client is discarded.
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
    } else {
      broken = error instanceof Error ? error : new Error(String(error));
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

/**
 * One statement that writes (or must see the writer's state), run on `db`'s driver outside any
 * transaction (autocommit), without Prisma's query compiler; `query` written with Prisma.sql (the
 * same text on both databases). Returns its rows: on PostgreSQL a `timestamp` column as a Date in
 * UTC (PG_UTC_TYPES, as `$queryRaw` gives it), other values as pg gives them (int8 / count as a
 * decimal string); on SQLite as the adapter's connection gives them (integers as BigInt, dates as
 * the stored text, booleans 1/0). SQLite: on the write connection under its transaction lock (a
 * statement sent while another step's transaction is open would run inside it), waiting at most
 * DRIVER_MAX_WAIT_MS, after rolling back any transaction a failure left open on the connection. Counted by onDriverStatement listeners. Throws the driver's error.
 */
export async function runDriverStatement<T>(db: Db, query: Prisma.Sql): Promise<T[]> {
  const driver = writeDriverOf(db);
  if (driver.provider === "postgresql") {
    for (const listener of listeners) listener(query.text);
    const result = await driver.pool.query({ text: query.text, values: query.values.map(pgValue), types: PG_UTC_TYPES });
    return result.rows as T[];
  }
  const connection = driver.connection();
  if (!connection) throw new Error("The SQLite connection is not open yet: call getDb() first.");
  for (const listener of listeners) listener(query.sql);
  const release = await withinWait(connection.lock.acquire(), DRIVER_MAX_WAIT_MS, (late) => late());
  try {
    rollbackOpenTransaction(connection); // a transaction left open by a failure elsewhere: not ours to join
    return (await sqliteRunner(connection).query({ sql: query.sql, values: query.values })) as T[];
  } finally {
    release();
  }
}
