/**
 * npm run db:restore -- FILE [--force] — restores a backup made by db:backup into the database in
 * DATABASE_URL. Refuses to replace a live database without --force (stop the app first), checks the
 * backup's integrity before and the restored database's after, then verifies the audit chain with the
 * app's own verifier. Exit 0 when restored and verified, 1 when refused or failed, 2 when restored but
 * the audit chain does not verify.
 */
import { parseArgs } from "node:util";
import { verifyAuditChain } from "@/lib/server/audit";
import { describeDatabase, restoreDatabase } from "@/lib/server/backup";
import { createClient } from "@/lib/server/db";
import { env } from "@/lib/server/env";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { force: { type: "boolean", default: false } } });
const file = positionals[0];
if (!file || positionals.length > 1) {
  console.error("usage: npm run db:restore -- FILE [--force]");
  process.exit(1);
}
console.log(`database: ${describeDatabase(env.DATABASE_URL)}`);
try {
  const result = await restoreDatabase(file, { force: values.force });
  console.log(`restored from ${file}; integrity: ${result.integrity.join(", ")}`);
} catch (error) {
  console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const db = createClient();
try {
  const check = await verifyAuditChain(db);
  if (!check.ok) {
    console.error(`✗ audit chain broken at event ${check.brokenAtId}: ${check.reason}`);
    process.exit(2);
  }
  console.log(`audit chain: ok, ${check.checked} events`);
} finally {
  await db.$disconnect();
}
process.exit(0);
