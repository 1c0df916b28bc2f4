/**
 * npm run search:refold — writes the folded search words (lib/domain/search-fold.ts) of every claim
 * of the database in DATABASE_URL whose stored words are of an earlier fold, and prints how many.
 * The server does the same once at its start (lib/server/search-refold.ts); this does it by hand,
 * e.g. right after a migration on a large desk, and with `--force` even when the fold's key says it
 * was done (never recording an older fold's key over a newer one's). Exit code 0; 1 on error, when
 * another instance is refolding, or when claims held by other transactions were left (PostgreSQL):
 * run it again then.
 */
import "./lib/use-cli-database";
import { getDb } from "@/lib/server/db";
import { refoldClaimSearch } from "@/lib/server/search-refold";

try {
  const { skipped, refolded, busy, left } = await refoldClaimSearch(await getDb(), { force: process.argv.includes("--force") });
  if (busy) {
    console.error("not done: another instance is folding the claims' search words now; run this again when it has finished");
    process.exit(1);
  }
  if (left) {
    console.error(`not done: ${refolded.toLocaleString("en-US")} claims folded again, ${left.toLocaleString("en-US")} held by other transactions were left; run this again`);
    process.exit(1);
  }
  console.log(skipped ? "ok, the claims' search words are already of this fold" : `ok, ${refolded.toLocaleString("en-US")} claims folded again`);
  process.exit(0);
} catch (error) {
  console.error(`could not fold the claims' search words: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
