/**
 * Imported first by every command-line tool that reads the desk's database: settles DATABASE_URL
 * (see cli-database.ts), says on stderr which database is read, and stops with exit code 2 and the
 * reason when there is none. It must come before any import of lib/server, which reads the
 * environment once when loaded.
 */
import { resolveCliDatabase } from "./cli-database";

const database = resolveCliDatabase(process.env, process.cwd());
if (!database.ok) {
  console.error(`✗ ${database.message}`);
  process.exit(2);
}
process.env.DATABASE_URL = database.url;
if (process.env.CLAIMLEDGER_QUIET_DATABASE !== "1") console.error(database.note);
