/**
 * npm run db:backup -- FILE [--force] — an online backup of the database in DATABASE_URL (default
 * the app's SQLite file): SQLite's backup API, or pg_dump for PostgreSQL. The app may keep running.
 * Prints which database it read. Exit 0 on success, 1 on refusal or failure.
 */
import "./lib/use-cli-database";
import { parseArgs } from "node:util";
import { backupDatabase, describeDatabase } from "@/lib/server/backup";
import { env } from "@/lib/server/env";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { force: { type: "boolean", default: false } } });
const file = positionals[0];
if (!file || positionals.length > 1) {
  console.error("usage: npm run db:backup -- FILE [--force]");
  process.exit(1);
}
console.log(`database: ${describeDatabase(env.DATABASE_URL)}`);
try {
  const result = await backupDatabase(file, { force: values.force });
  console.log(`backup written: ${result.file} (${result.bytes.toLocaleString("en-US")} bytes, ${result.ms} ms)`);
  process.exit(0);
} catch (error) {
  console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
