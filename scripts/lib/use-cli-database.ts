/**
 * Imported first by every command-line tool that reads the desk's database: settles DATABASE_URL
 * (see cli-database.ts) — with the demo's AUDIT_KEY when it reads the demo's database — says on
 * stderr which database is read, and stops with exit code 2 and the
 * reason when there is none. It must come before any import of lib/server, which reads the
 * environment once when loaded.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { DEMO_DATABASE_URL, resolveCliDatabase, sqliteFile } from "./cli-database";

const database = resolveCliDatabase(process.env, process.cwd());
if (!database.ok) {
  console.error(`✗ ${database.message}`);
  process.exit(2);
}
process.env.DATABASE_URL = database.url;
// The demo keeps its audit HMAC key beside its database (scripts/demo.ts): reading the demo's desk
// uses it, so audit:verify checks the demo's keyed chain without being told the key.
const demoKeyFile = path.join(process.cwd(), "prisma", "data", "demo-audit-key");
if (!process.env.AUDIT_KEY && sqliteFile(database.url, process.cwd()) === sqliteFile(DEMO_DATABASE_URL, process.cwd()) && existsSync(demoKeyFile)) {
  process.env.AUDIT_KEY = readFileSync(demoKeyFile, "utf8").trim();
}
if (process.env.CLAIMLEDGER_QUIET_DATABASE !== "1") console.error(database.note);
