import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

/**
 * Prisma's better-sqlite3 adapter (6.19.3) with transactions that always release their lock.
 *
 * The adapter serialises transactions with a mutex that it releases in `commit()`/`rollback()`, which
 * Prisma calls only after its own `COMMIT`/`ROLLBACK` statement succeeded. When SQLite rolls a
 * transaction back by itself (SQLITE_FULL, SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_NOMEM, SQLITE_BUSY
 * during a commit…), Prisma's `ROLLBACK` fails with "cannot rollback - no transaction is active", and
 * a failing `COMMIT` never reaches `commit()`: the mutex stayed locked and every later write of the
 * process waited forever (a full disk wedged the desk until restart). This wrapper runs transactions
 * with its own lock, which is released whatever COMMIT or ROLLBACK do:
 * - ROLLBACK when SQLite already rolled back is a no-op;
 * - a COMMIT that fails rolls back what is left (if anything) and releases the lock, then rethrows, so
 *   the caller knows nothing was saved;
 * - a BEGIN that fails releases the lock too.
 * Statements outside transactions go to the adapter unchanged. The connection also keeps its prepared
 * statements (cacheStatements).
 *
 * It also tells Prisma how many bind values one statement may carry (SQLITE_MAX_BIND_VALUES): the
 * adapter says nothing, so Prisma assumed SQLite's old limit of 999 and refused (P2029) any query
 * with more — the claims list with a text search matching ~1,000 claims or more (its matches go into
 * the list's statements as `id IN (…)`, up to SEARCH_MATCH_LIMIT) failed on any desk that large.
 */
type SqliteAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type SqliteTransaction = Awaited<ReturnType<SqliteAdapter["startTransaction"]>>;
type Query = Parameters<SqliteAdapter["executeRaw"]>[0];

/** The better-sqlite3 handle the adapter keeps as `client` (its one connection). */
export interface SqliteHandle {
  readonly inTransaction: boolean;
  exec(sql: string): unknown;
  prepare(sql: string): SqliteStatement;
}

/** What the adapter uses of a better-sqlite3 statement: `prepare(sql).bind(args)`, then `run()` or `columns()` and `raw().all()`. */
export interface SqliteStatement {
  readonly reader: boolean;
  bind(...params: unknown[]): SqliteStatement;
  run(...params: unknown[]): unknown;
  columns(): unknown[];
  raw(toggle?: boolean): SqliteStatement;
  all(...params: unknown[]): unknown[];
}

/** Most prepared statements a connection keeps (least recently used dropped first). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * Makes the connection reuse its prepared statements, keyed by their SQL text: the adapter prepares
 * every statement again (SQLite parses and plans it each time), which was a visible part of a page's
 * CPU. The adapter binds arguments with `bind()`, which better-sqlite3 allows once per statement, so
 * `prepare` hands out a light wrapper per call that keeps the arguments and passes them to the cached
 * statement's `run`/`all`. Everything runs synchronously, so a cached statement is never in use twice.
 * Returns the number of statements cached, for tests.
 */
export function cacheStatements(handle: SqliteHandle, size = STATEMENT_CACHE_SIZE): () => number {
  const prepare = handle.prepare.bind(handle);
  const cache = new Map<string, SqliteStatement>();
  handle.prepare = (sql: string) => {
    let statement = cache.get(sql);
    if (statement) cache.delete(sql);
    else statement = prepare(sql);
    cache.set(sql, statement);
    if (cache.size > size) cache.delete(cache.keys().next().value!);
    return reusable(statement);
  };
  return () => cache.size;
}

/** One use of a cached statement: `bind(args)` keeps the arguments for the `run` or `raw().all()` that follows. */
function reusable(statement: SqliteStatement): SqliteStatement {
  let params: unknown[] = [];
  const use: SqliteStatement = {
    get reader() {
      return statement.reader;
    },
    bind: (...bound) => {
      params = bound;
      return use;
    },
    run: (...more) => statement.run(...params, ...more),
    columns: () => statement.columns(),
    raw: (toggle = true) => {
      statement.raw(toggle);
      return use;
    },
    all: (...more) => statement.all(...params, ...more),
  };
  return use;
}

/** A FIFO lock: `acquire()` resolves with a release function, callable once (later calls do nothing). */
export function createLock(): { acquire(): Promise<() => void> } {
  let tail: Promise<void> = Promise.resolve();
  return {
    acquire() {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const ready = tail.then(() => {
        let done = false;
        return () => {
          if (done) return;
          done = true;
          release();
        };
      });
      tail = tail.then(() => released);
      return ready;
    },
  };
}

/** Bind values per statement better-sqlite3's SQLite accepts (SQLITE_MAX_VARIABLE_NUMBER, 32,766 since SQLite 3.32). */
export const SQLITE_MAX_BIND_VALUES = 32_766;

const BEGIN: Query = { sql: "BEGIN", args: [], argTypes: [] };

function handleOf(adapter: SqliteAdapter): SqliteHandle {
  const handle = (adapter as unknown as { client?: SqliteHandle }).client;
  if (!handle || typeof handle.exec !== "function") throw new Error("The SQLite adapter's connection is not reachable; check the @prisma/adapter-better-sqlite3 version.");
  return handle;
}

/** Rolls back whatever SQLite still holds open; never throws (the caller reports the first error). */
function rollbackQuietly(handle: SqliteHandle): void {
  try {
    if (handle.inTransaction) handle.exec("ROLLBACK");
  } catch {
    // The connection itself failed; the next BEGIN reports it.
  }
}

/**
 * The connection's better-sqlite3 handle and the lock its transactions take: what
 * lib/server/driver-transaction.ts needs to run a transaction on the handle itself, serialised with
 * Prisma's transactions. `exec`/`prepare` are the handle's (prepared statements cached).
 */
export interface SqliteWriteConnection {
  readonly handle: SqliteHandle;
  readonly lock: { acquire(): Promise<() => void> };
}

/** Rolls back whatever SQLite still holds open on the connection; never throws. */
export function rollbackOpenTransaction(connection: SqliteWriteConnection): void {
  rollbackQuietly(connection.handle);
}

function wrapAdapter(adapter: SqliteAdapter, onConnect?: (connection: SqliteWriteConnection) => void): SqliteAdapter {
  const handle = handleOf(adapter);
  cacheStatements(handle);
  const lock = createLock();
  onConnect?.({ handle, lock });
  const startTransaction: SqliteAdapter["startTransaction"] = async (isolationLevel) => {
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") return adapter.startTransaction(isolationLevel); // refuses with Prisma's own error
    const release = await lock.acquire();
    try {
      rollbackQuietly(handle); // a transaction left open by a failure outside Prisma's view
      await adapter.executeRaw(BEGIN);
    } catch (error) {
      release();
      throw error;
    }
    const transaction: SqliteTransaction = {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      options: { usePhantomQuery: false },
      queryRaw: (query) => adapter.queryRaw(query),
      executeRaw: async (query) => {
        if (query.sql === "ROLLBACK") {
          rollbackQuietly(handle);
          return 0;
        }
        if (query.sql === "COMMIT") {
          try {
            return await adapter.executeRaw(query);
          } catch (error) {
            rollbackQuietly(handle);
            release();
            throw error;
          }
        }
        return adapter.executeRaw(query);
      },
      commit: async () => release(),
      rollback: async () => release(),
    };
    return transaction;
  };
  // Relation joins stay off, as Prisma assumes for an adapter that reports nothing.
  const getConnectionInfo = () => ({ maxBindValues: SQLITE_MAX_BIND_VALUES, supportsRelationJoins: false });
  return Object.assign(Object.create(adapter) as SqliteAdapter, { startTransaction, getConnectionInfo });
}

/**
 * A driver adapter factory for SQLite: Prisma's PrismaBetterSQLite3 whose connections run
 * transactions as described above. `config` and `options` are PrismaBetterSQLite3's (`url`, `timeout`
 * = busy timeout in ms). `writeConnection()` gives the connection Prisma opened last (null before
 * Prisma's first statement), for transactions run on the driver.
 */
export function resilientSqliteAdapter(...args: ConstructorParameters<typeof PrismaBetterSQLite3>) {
  const inner = new PrismaBetterSQLite3(...args);
  let connected: SqliteWriteConnection | null = null;
  return {
    provider: "sqlite" as const,
    adapterName: inner.adapterName,
    writeConnection: () => connected,
    connect: async () => wrapAdapter(await inner.connect(), (connection) => (connected = connection)),
    connectToShadowDb: async () => wrapAdapter(await inner.connectToShadowDb()),
  };
}
