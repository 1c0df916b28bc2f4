import "server-only";
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { checkpointFilePath } from "./audit-checkpoint";
import { databaseProvider, env } from "./env";

/**
 * Online backups and tested restores (DESIGN.md §6).
 * - SQLite: SQLite's online backup API (better-sqlite3 `.backup()`), which copies a consistent
 *   snapshot that includes every transaction committed before it started, those still in the `-wal`
 *   file too (copying the `.db` file alone loses them), while the app keeps writing.
 * - PostgreSQL: `pg_dump --format=custom`, one consistent snapshot; restored with `pg_restore`.
 * Restores refuse to overwrite a live database (one that has the app's tables) unless `force`, check
 * integrity (SQLite `PRAGMA integrity_check` and `foreign_key_check`) and leave the audit chain to be
 * verified by the caller with the app's own verifier (lib/server/audit.ts).
 */

export interface BackupResult {
  provider: "sqlite" | "postgresql";
  /** The database read, without password. */
  database: string;
  file: string;
  bytes: number;
  ms: number;
}

/** A URL or SQLite path for messages: the password of a PostgreSQL URL is masked. */
export function describeDatabase(url: string): string {
  if (databaseProvider(url) === "sqlite") return path.resolve(sqlitePath(url));
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

/** The file of a `file:` URL, resolved against the working directory like the app does. */
export function sqlitePath(url: string): string {
  return url.replace(/^file:/, "").replace(/\?.*$/, "");
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.on("error", (error) => reject(new Error(`${command} could not start (${error.message}); install the PostgreSQL client tools.`)));
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed (exit ${code}): ${stderr.trim()}`))));
  });
}

/**
 * Writes a backup of the database at `url` (default DATABASE_URL) to `file`, refusing to overwrite an
 * existing file unless `force`. Online: the app may keep running and writing. Throws Error with a
 * readable message on failure.
 */
export async function backupDatabase(file: string, options: { url?: string; force?: boolean } = {}): Promise<BackupResult> {
  const url = options.url ?? env.DATABASE_URL;
  const started = Date.now();
  if (existsSync(file) && !options.force) throw new Error(`${file} exists already; pass --force to overwrite it.`);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  // The signed audit checkpoints are copied first: every line then covers events the backup holds,
  // so the restored desk's chain verifies against them (issue 12's checkpoint file lives outside the database).
  const liveCheckpoints = checkpointFilePath(url);
  const checkpoints = existsSync(liveCheckpoints);
  if (checkpoints) copyFileSync(liveCheckpoints, `${checkpointCopy(file)}.partial`);
  const provider = databaseProvider(url);
  if (provider === "sqlite") {
    const source = sqlitePath(url);
    if (!existsSync(source)) throw new Error(`There is no SQLite database at ${path.resolve(source)}.`);
    const db = new Database(source, { fileMustExist: true, timeout: 5000 });
    try {
      await db.backup(partial);
    } finally {
      db.close();
    }
  } else {
    await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${partial}`, `--dbname=${url}`]);
  }
  renameSync(partial, file);
  if (checkpoints) renameSync(`${checkpointCopy(file)}.partial`, checkpointCopy(file));
  return { provider, database: describeDatabase(url), file: path.resolve(file), bytes: statSync(file).size, ms: Date.now() - started };
}

/** SQLite: "ok" or the problems `PRAGMA integrity_check` and `foreign_key_check` report. */
export function checkSqliteIntegrity(file: string): { ok: boolean; problems: string[] } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.prepare("PRAGMA integrity_check").pluck().all() as string[];
    const foreignKeys = db.prepare("PRAGMA foreign_key_check").all();
    const problems = [...integrity.filter((line) => line !== "ok"), ...foreignKeys.map((row) => `foreign key: ${JSON.stringify(row)}`)];
    return { ok: problems.length === 0, problems };
  } finally {
    db.close();
  }
}

async function postgresHasTables(url: string): Promise<boolean> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('User', 'AuditEvent')`);
    return (result.rows[0] as { n: number }).n > 0;
  } finally {
    await client.end();
  }
}

/**
 * Restores `file` (made by backupDatabase) into the database at `url` (default DATABASE_URL).
 * Refuses when the target already holds the app's tables unless `force` (stop the app first: a
 * running server keeps its old connection). The backup is checked before anything is replaced
 * (SQLite: integrity_check on the file); the restored database is checked again. Returns the
 * restored database's description; the caller verifies the audit chain.
 */
/** Where a backup keeps the signed audit checkpoints it was taken with: beside it. */
export function checkpointCopy(backupFile: string): string {
  return `${backupFile}.audit-checkpoints.jsonl`;
}

/**
 * After a restore the database's checkpoint file must be the backup's: the old one (a longer chain)
 * is kept aside as `<file>.before-restore-<time>`, never deleted, and the backup's copy takes its place.
 */
function restoreCheckpoints(backupFile: string, url: string): void {
  const target = checkpointFilePath(url);
  if (existsSync(target)) renameSync(target, `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  if (existsSync(checkpointCopy(backupFile))) {
    mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    copyFileSync(checkpointCopy(backupFile), target);
  }
}

export async function restoreDatabase(file: string, options: { url?: string; force?: boolean } = {}): Promise<{ provider: "sqlite" | "postgresql"; database: string; integrity: string[] }> {
  const url = options.url ?? env.DATABASE_URL;
  if (!existsSync(file)) throw new Error(`There is no backup file ${file}.`);
  const provider = databaseProvider(url);
  if (provider === "sqlite") {
    const target = sqlitePath(url);
    const before = checkSqliteIntegrity(file);
    if (!before.ok) throw new Error(`The backup ${file} is damaged; nothing was restored: ${before.problems.slice(0, 5).join("; ")}`);
    if (existsSync(target) && statSync(target).size > 0 && !options.force) {
      throw new Error(`${path.resolve(target)} is a live database; nothing was restored. Stop the app and pass --force to replace it.`);
    }
    mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    const staged = `${target}.restoring`;
    rmSync(staged, { force: true });
    const source = new Database(file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(staged);
    } finally {
      source.close();
    }
    // The old -wal/-shm belong to the replaced file: SQLite must not replay them onto the restored one.
    for (const suffix of ["-wal", "-shm"]) rmSync(target + suffix, { force: true });
    renameSync(staged, target);
    const after = checkSqliteIntegrity(target);
    if (!after.ok) throw new Error(`The restored database failed its integrity check: ${after.problems.slice(0, 5).join("; ")}`);
    restoreCheckpoints(file, url);
    return { provider, database: describeDatabase(url), integrity: ["ok"] };
  }
  if ((await postgresHasTables(url)) && !options.force) {
    throw new Error(`${describeDatabase(url)} is a live database; nothing was restored. Stop the app and pass --force to replace it.`);
  }
  await run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", `--dbname=${url}`, file]);
  restoreCheckpoints(file, url);
  return { provider, database: describeDatabase(url), integrity: ["pg_restore completed in one transaction"] };
}
