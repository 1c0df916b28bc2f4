/**
 * npm run audit:verify — walks the audit log's hash chain in id order and reports "ok, N events" or the first broken link. Exit code 0 when the chain
 * verifies, 1 when it is broken, 2 when it could not be read. The database is DATABASE_URL's, else
 * the real install's, else the demo's (scripts/lib/cli-database.ts); stderr names the one read.
 */
import "./lib/use-cli-database";
import { verifyAuditChain } from "@/lib/server/audit";

try {
  const check = await verifyAuditChain();
  if (check.ok) {
    console.log(`ok, ${check.checked} events`);
    process.exit(0);
  }
  console.error(`broken at event ${check.brokenAtId}: ${check.reason} (${check.checked} events before it verified)`);
  process.exit(1);
} catch (error) {
  console.error(`could not read the audit log: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
