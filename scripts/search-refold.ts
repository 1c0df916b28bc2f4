/**
 * npm run search:refold — writes the folded search words (lib/domain/search-fold.ts) of every claim
 * of the database in DATABASE_URL whose stored words are of an earlier fold, and prints how many.
 * The server does the same once at its start (lib/server/search-refold.ts); this does it by hand,
 * e.g. right after a migration on a large desk, and with `--force` even when the fold's key says it
 * was done. Exit code 0, or 1 on error.
 */
import "./lib/use-cli-database";
import { getDb } from "@/lib/server/db";
import { refoldClaimSearch } from "@/lib/server/search-refold";

try {
  const { skipped, refolded } = await refoldClaimSearch(await getDb(), { force: process.argv.includes("--force") });
  console.log(skipped ? "ok, the claims' search words are already of this fold" : `ok, ${refolded.toLocaleString("en-US")} claims folded again`);
  process.exit(0);
} catch (error) {
  console.error(`could not fold the claims' search words: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
