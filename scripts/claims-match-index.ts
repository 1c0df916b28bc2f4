/**
 * npm run claims:match-index — indexes every claim of the database in DATABASE_URL that has no
 * stored matching signature yet (claims from before the match index, reworded claims), 500 at a
 * time through the extraction pool, and prints how many. Imports do the same lazily (500 per
 * import); this does it all at once, e.g. after upgrading a large desk. Exit code 0, or 1 on error.
 */
import "./lib/use-cli-database";
import { backfillMatchIndex, MATCH_BACKFILL_BATCH } from "@/lib/server/claim-matching";

/** Upper bound on batches (10 million claims), so the loop always ends. */
const MAX_BATCHES = 20_000;

try {
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const done = await backfillMatchIndex(MATCH_BACKFILL_BATCH);
    total += done;
    if (done < MATCH_BACKFILL_BATCH) break;
    if (i % 20 === 19) console.log(`… ${total.toLocaleString("en-US")} claims indexed`);
  }
  console.log(`ok, ${total.toLocaleString("en-US")} claims indexed`);
  process.exit(0);
} catch (error) {
  console.error(`could not index claims: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
