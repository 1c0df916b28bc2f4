/**
 * npm run evidence:recheck [-- --limit N] — re-fetches archived evidence sources (least recently
 * checked first, at most N, default 100, one at a time with the fetcher's 10 s / 2 MB limits) and
 * marks those that changed (with a text diff) or disappeared. Cron-able: prints one summary line;
 * exit code 0, or 2 when the database could not be read.
 */
import "./lib/use-cli-database";
import { recheckArchivedEvidence } from "@/lib/server/evidence-archive/archive-evidence";

const i = process.argv.indexOf("--limit");
const limit = i >= 0 ? Number(process.argv[i + 1]) : 100;
if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
  console.error("--limit: a whole number from 1 to 10000.");
  process.exit(2);
}
try {
  const s = await recheckArchivedEvidence({ limit });
  console.log(`checked ${s.checked}: ${s.unchanged} unchanged, ${s.changed} changed, ${s.gone} gone, ${s.failed} not reachable (left as they were)`);
  process.exit(0);
} catch (error) {
  console.error(`evidence:recheck failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
