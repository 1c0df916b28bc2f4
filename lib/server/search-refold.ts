import "server-only";
import { Prisma } from "@/lib/generated/sqlite/client";
import { foldSearchText, searchFoldKey } from "@/lib/domain/search-fold";
import type { Db } from "./db";
import { logger } from "./logger";

/**
 * Writes the folded search words of the claims stored before the fold changed (lib/domain/search-fold.ts):
 * Claim.searchText and Claim.claimantSearch, which SQLite's FTS5 table and PostgreSQL's "searchVector"
 * index (their triggers and generated column follow each write). It runs once per fold: the Setting
 * row `searchFold` holds the fold's key (version and ICU data, searchFoldKey()) it last wrote, and the
 * migration that changed the fold (202612080003_search_fold) deleted it. A maintenance task of the
 * server itself (no user acts, no audit event: the claims' text, version and updatedAt stay as they
 * are); a claim reworded meanwhile keeps what its rewording wrote (each write checks the text it folded).
 */

/** Claims read and written per transaction. */
export const REFOLD_BATCH = 500;
const SETTING_KEY = "searchFold";

/** What one refold did: `skipped` when the stored words were already of this fold; `refolded` claims changed. */
export interface RefoldResult {
  skipped: boolean;
  refolded: number;
}

type Row = { id: string; text: string; claimant: string | null; searchText: string; claimantSearch: string };

/**
 * Folds every claim's text and claimant again and writes those whose stored words differ, REFOLD_BATCH
 * claims per transaction in id order, then records the fold's key; nothing when the key recorded is
 * already the current one (unless `force`). Bounded: at most one pass over the claims counted at the
 * start (claims written meanwhile are folded by their own write). Throws what the database throws
 * (the key is then not recorded, so the next start tries again).
 */
export async function refoldClaimSearch(db: Db, options: { force?: boolean; batch?: number } = {}): Promise<RefoldResult> {
  const key = JSON.stringify(searchFoldKey());
  const recorded = await db.setting.findUnique({ where: { key: SETTING_KEY } });
  if (!options.force && recorded?.value === key) return { skipped: true, refolded: 0 };
  const batch = options.batch ?? REFOLD_BATCH;
  const pages = Math.ceil((await db.claim.count()) / batch) + 1;
  let refolded = 0;
  let after = "";
  for (let page = 0; page < pages; page++) {
    const rows: Row[] = await db.claim.findMany({
      where: { id: { gt: after } },
      orderBy: { id: "asc" },
      take: batch,
      select: { id: true, text: true, claimant: true, searchText: true, claimantSearch: true },
    });
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    const stale = rows
      .map((r) => ({ ...r, want: foldSearchText(r.text), wantClaimant: r.claimant === null ? "" : foldSearchText(r.claimant) }))
      .filter((r) => r.want !== r.searchText || r.wantClaimant !== r.claimantSearch);
    if (stale.length > 0) {
      await db.$transaction(async (tx) => {
        for (const r of stale) {
          const sameClaimant = r.claimant === null ? Prisma.sql`"claimant" IS NULL` : Prisma.sql`"claimant" = ${r.claimant}`;
          refolded += await tx.$executeRaw`UPDATE "Claim" SET "searchText" = ${r.want}, "claimantSearch" = ${r.wantClaimant} WHERE "id" = ${r.id} AND "text" = ${r.text} AND ${sameClaimant}`;
        }
      });
    }
    if (rows.length < batch) break;
  }
  await db.setting.upsert({ where: { key: SETTING_KEY }, create: { key: SETTING_KEY, value: key }, update: { value: key, version: { increment: 1 } } });
  return { skipped: false, refolded };
}

/**
 * The server's start (instrumentation.ts): refolds in the background and logs what it did; an error
 * is logged, never thrown (searches keep working on the words stored before).
 */
export async function refoldClaimSearchAtStart(db: Db): Promise<void> {
  try {
    const { skipped, refolded } = await refoldClaimSearch(db);
    if (!skipped) logger.info({ refolded, fold: searchFoldKey() }, "claim search words folded again");
  } catch (error) {
    logger.error({ err: error }, "claim search words could not be folded again");
  }
}
