/**
 * Integration tests get a fresh database: SQLite file removed and migrated; PostgreSQL database
 * dropped, created and migrated (through an admin connection to the existing `test` database).
 * Refuses any database that is not on this machine.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { defaultCheckpointFile } from "../../domain/audit-chain";
import { integrationDatabaseUrl } from "./database-url";

export default async function setup() {
  const url = integrationDatabaseUrl();
  if (/^postgres(ql)?:\/\//.test(url)) {
    const target = new URL(url);
    if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(target.hostname)) {
      throw new Error(`Refusing to run tests against a non-local database: ${target.hostname}`);
    }
    const name = decodeURIComponent(target.pathname.slice(1));
    if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unexpected test database name ${name}`);
    const adminUrl = new URL(url);
    adminUrl.pathname = `/${process.env.TEST_PG_ADMIN_DATABASE ?? "test"}`;
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
  } else {
    const file = path.resolve(url.replace(/^file:/, ""));
    mkdirSync(path.dirname(file), { recursive: true });
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  }
  // The signed audit checkpoints of the previous run belong to the database just dropped.
  rmSync(defaultCheckpointFile(url), { force: true });
  const result = spawnSync(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`prisma migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
}
