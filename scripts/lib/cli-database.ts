/**
 * Which database a command-line tool reads, so that the CLIs and `npm run demo` agree.
 *
 * - DATABASE_URL set: that database.
 * - otherwise the embedded default `prisma/data/claimledger.db` when it exists and holds ClaimLedger's
 *   tables (a real install made by `npm run db:deploy`);
 * - otherwise the demo's `prisma/data/demo.db` when it exists (`npm run demo` made it);
 * - otherwise a refusal that says how to create one or point at one.
 * Paths are relative to the project root (the working directory of npm scripts).
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export const DEFAULT_DATABASE_URL = "file:./prisma/data/claimledger.db";
export const DEMO_DATABASE_URL = "file:./prisma/data/demo.db";

export type CliDatabase =
  | { ok: true; url: string; /** one line for the user: which database and why */ note: string }
  | { ok: false; message: string };

/** The file of a SQLite `file:` URL, resolved against `cwd`; null for other URLs. */
export function sqliteFile(url: string, cwd: string): string | null {
  if (/^postgres(ql)?:\/\//.test(url)) return null;
  return path.resolve(cwd, url.replace(/^file:/, "").replace(/\?.*$/, ""));
}

/** True when the SQLite file exists and has ClaimLedger's migrations table (it was migrated). */
function migratedSqlite(file: string): boolean {
  if (!existsSync(file) || statSync(file).size === 0) return false;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return Boolean(db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get());
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

/** Redacts a password in a PostgreSQL URL, for messages. */
function describe(url: string, cwd: string): string {
  const file = sqliteFile(url, cwd);
  if (file) return `${path.relative(cwd, file) || file} (SQLite)`;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return `${parsed.toString()} (PostgreSQL)`;
}

/**
 * Decides the database for a CLI. `env` is the process environment, `cwd` the project root.
 * Never creates a file: a missing or empty database is reported, not made.
 */
export function resolveCliDatabase(env: Readonly<Record<string, string | undefined>>, cwd: string): CliDatabase {
  const explicit = env.DATABASE_URL?.trim();
  if (explicit) {
    const file = sqliteFile(explicit, cwd);
    if (file && !migratedSqlite(file)) {
      return {
        ok: false,
        message: `DATABASE_URL points at ${describe(explicit, cwd)}, which ${existsSync(file) ? "has no ClaimLedger tables" : "does not exist"}. Create it with \`npm run db:deploy\` (same DATABASE_URL), or point DATABASE_URL at an existing database.`,
      };
    }
    return { ok: true, url: explicit, note: `Database: ${describe(explicit, cwd)}, from DATABASE_URL.` };
  }
  if (migratedSqlite(sqliteFile(DEFAULT_DATABASE_URL, cwd)!)) {
    return { ok: true, url: DEFAULT_DATABASE_URL, note: `Database: ${describe(DEFAULT_DATABASE_URL, cwd)}, the default (set DATABASE_URL to read another; the demo's is ${DEMO_DATABASE_URL}).` };
  }
  if (migratedSqlite(sqliteFile(DEMO_DATABASE_URL, cwd)!)) {
    return {
      ok: true,
      url: DEMO_DATABASE_URL,
      note: `Database: ${describe(DEMO_DATABASE_URL, cwd)}, the demo's (no DATABASE_URL is set and there is no real install at prisma/data/claimledger.db; set DATABASE_URL to read another).`,
    };
  }
  return {
    ok: false,
    message:
      "No database found: DATABASE_URL is not set, and neither prisma/data/claimledger.db (a real install) nor prisma/data/demo.db (the demo's) exists with ClaimLedger's tables.\n" +
      "  Create the real one with `npm run db:deploy`, load the demo with `npm run demo`, or set DATABASE_URL (e.g. postgresql://user@host/db).",
  };
}
