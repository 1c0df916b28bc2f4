/**
 * Integration tests get fresh databases, one per vitest worker: the base database is migrated once
 * (SQLite file removed first; PostgreSQL database dropped and created through an admin connection to
 * the existing `test` database), then copied for each worker — SQLite by file copy (with its audit
 * checkpoint file, if any), PostgreSQL by `CREATE DATABASE … TEMPLATE`. Each worker's evidence file
 * folder is emptied too. Refuses any database that is not on this machine.
 *
 * The PostgreSQL test databases commit without waiting for the WAL flush (`synchronous_commit = off`,
 * set on each database: a TEMPLATE copy does not inherit it). Every commit is still atomic, visible and
 * ordered as before; only a crash of the PostgreSQL server could lose the last commits, and these
 * databases are thrown away on the next run. Measured with pgbench on the 2-core machine (load ~12):
 * one-row insert commits 8.6 ms with the flush, 2.0 ms without.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { defaultCheckpointFile } from "../../domain/audit-chain";
import { integrationBaseDatabaseUrl, integrationDataDir, integrationDatabaseUrl, integrationWorkers } from "./database-url";

const SQLITE_SUFFIXES = ["", "-wal", "-shm", "-journal"];

function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unexpected test database name ${name}`);
  return name;
}

export default async function setup(project?: TestProject) {
  const base = integrationBaseDatabaseUrl();
  // vitest's own worker count (CLAIMLEDGER_TEST_WORKERS through vitest.config.ts, or --maxWorkers).
  const workers = project?.vitest.config.maxWorkers ?? integrationWorkers();
  const urls = Array.from({ length: workers }, (_, i) => integrationDatabaseUrl(i + 1));
  const isPostgres = /^postgres(ql)?:\/\//.test(base);
  let admin: pg.Client | null = null;
  if (isPostgres) {
    const target = new URL(base);
    if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(target.hostname)) {
      throw new Error(`Refusing to run tests against a non-local database: ${target.hostname}`);
    }
    const adminUrl = new URL(base);
    adminUrl.pathname = `/${process.env.TEST_PG_ADMIN_DATABASE ?? "test"}`;
    admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    for (const url of [...urls, base]) await admin.query(`DROP DATABASE IF EXISTS "${databaseName(url)}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${databaseName(base)}"`);
    await admin.query(`ALTER DATABASE "${databaseName(base)}" SET synchronous_commit = off`);
  } else {
    for (const url of [base, ...urls]) {
      const file = path.resolve(url.replace(/^file:/, ""));
      mkdirSync(path.dirname(file), { recursive: true });
      for (const suffix of SQLITE_SUFFIXES) rmSync(file + suffix, { force: true });
    }
  }
  // The signed audit checkpoints of the previous run belong to the databases just dropped.
  for (const url of [base, ...urls]) rmSync(defaultCheckpointFile(url), { force: true });
  for (let worker = 1; worker <= workers; worker++) rmSync(integrationDataDir(worker), { recursive: true, force: true });

  try {
    const result = spawnSync(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: base },
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`prisma migrate deploy failed:\n${result.stdout}\n${result.stderr}`);

    if (admin) {
      // A template must have no other connection while it is copied; migrate deploy has exited.
      for (const url of urls) {
        await admin.query(`CREATE DATABASE "${databaseName(url)}" TEMPLATE "${databaseName(base)}"`);
        await admin.query(`ALTER DATABASE "${databaseName(url)}" SET synchronous_commit = off`);
      }
    } else {
      const file = path.resolve(base.replace(/^file:/, ""));
      new Database(file).close(); // folds a write-ahead log, if any, into the file before it is copied
      for (const url of urls) copyFileSync(file, path.resolve(url.replace(/^file:/, "")));
    }
    const checkpoints = defaultCheckpointFile(base);
    if (existsSync(checkpoints)) for (const url of urls) copyFileSync(checkpoints, defaultCheckpointFile(url));
  } finally {
    await admin?.end();
  }
}
