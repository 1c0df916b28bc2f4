/**
 * The integration tests' databases: SQLite by default, PostgreSQL with TEST_DATABASE=postgresql.
 *
 * Test files run in parallel, one vitest worker per core, and each worker owns one database (one process
 * owns a SQLite file, DESIGN.md §6). Global setup migrates the base database once and copies it for
 * each worker; a worker's files all use its copy, one file after another.
 */
import path from "node:path";

/** How many vitest workers run the tests: CLAIMLEDGER_TEST_WORKERS (a whole number ≥ 1), else 2. Throws on anything else. */
export function integrationWorkers(): number {
  const raw = process.env.CLAIMLEDGER_TEST_WORKERS;
  if (raw === undefined || raw === "") return 2;
  if (!/^[1-9]\d{0,2}$/.test(raw)) throw new Error(`CLAIMLEDGER_TEST_WORKERS must be a whole number from 1 to 999, not "${raw}"`);
  return Number(raw);
}

function workerId(worker: number | string | undefined): number {
  const id = Number(worker);
  if (!Number.isInteger(id) || id < 1) throw new Error(`No vitest worker id (VITEST_POOL_ID is "${worker ?? ""}"): integration databases are per worker`);
  return id;
}

/**
 * The base database global setup migrates: `file:./prisma/data/integration.db`, or TEST_PG_DATABASE_URL
 * (default `postgresql://postgres@127.0.0.1:5432/claimledger_it`). Tests never use it directly.
 */
export function integrationBaseDatabaseUrl(): string {
  return process.env.TEST_DATABASE === "postgresql"
    ? (process.env.TEST_PG_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/claimledger_it")
    : "file:./prisma/data/integration.db";
}

/**
 * The database of vitest worker `worker` (1-based; default this process's VITEST_POOL_ID): SQLite
 * `prisma/data/integration-<worker>.db`, PostgreSQL `<base name>_<worker>` on the base's server.
 * Throws outside a vitest worker when no worker is given.
 */
export function integrationDatabaseUrl(worker: number | string | undefined = process.env.VITEST_POOL_ID): string {
  const id = workerId(worker);
  const base = integrationBaseDatabaseUrl();
  if (!/^postgres(ql)?:\/\//.test(base)) return base.replace(/\.db$/, `-${id}.db`);
  const url = new URL(base);
  url.pathname = `/${decodeURIComponent(url.pathname.slice(1))}_${id}`;
  return url.toString();
}

/**
 * The evidence file folder (CLAIMLEDGER_DATA_DIR) of vitest worker `worker` (default VITEST_POOL_ID),
 * named after its database so runs on SQLite and PostgreSQL side by side never share one:
 * `prisma/data/integration-<worker>-files`, `prisma/data/<PostgreSQL database>-files`. Throws like
 * integrationDatabaseUrl without a worker id.
 */
export function integrationDataDir(worker: number | string | undefined = process.env.VITEST_POOL_ID): string {
  const url = integrationDatabaseUrl(worker);
  const name = /^postgres(ql)?:\/\//.test(url) ? decodeURIComponent(new URL(url).pathname.slice(1)) : path.basename(url, ".db");
  return path.join("prisma", "data", `${name}-files`);
}
