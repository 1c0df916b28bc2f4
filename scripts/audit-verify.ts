/**
 * npm run audit:verify — walks the audit log's chain in id order (of the CLI's database: DATABASE_URL, else the real install's, else the demo's — scripts/lib/cli-database.ts),
 * checking keyed links with AUDIT_KEY, and compares it with the newest signed checkpoint of the
 * checkpoint file (AUDIT_CHECKPOINT_FILE or its default). Prints "ok, N events" with what was checked,
 * or the first problem. Exit code 0 when the log verifies, 1 when it is broken, edited or cut short,
 * 2 when it could not be read.
 */
import "./lib/use-cli-database";
import { verifyAuditChain } from "@/lib/server/audit";

try {
  const check = await verifyAuditChain();
  if (check.ok) {
    const notes: string[] = [];
    if (check.legacy > 0) notes.push(`${check.legacy} unkeyed legacy events from before AUDIT_KEY`);
    if (check.checkpoint) notes.push(`signed checkpoint of ${check.checkpoint.at} (${check.checkpoint.count} events) matches`);
    if (check.checkpoint && check.uncovered > 0) notes.push(`${check.uncovered} events after it`);
    if (!check.checkpoint && check.checked > 0) notes.push("no AUDIT_KEY: links are unkeyed and truncation cannot be checked");
    console.log(`ok, ${check.checked} events${notes.length ? ` (${notes.join("; ")})` : ""}`);
    process.exit(0);
  }
  const where = check.brokenAtId > 0 ? `at event ${check.brokenAtId}` : "";
  console.error(`broken ${where ? `${where}: ` : ": "}${check.reason} (${check.checked} events before it verified)`.replace("broken : ", "broken: "));
  process.exit(1);
} catch (error) {
  console.error(`could not read the audit log: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
