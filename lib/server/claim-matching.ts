import "server-only";
import { randomUUID } from "node:crypto";
import type { MatchFeatures, StoredMatchClaim } from "@/lib/domain/extraction/tasks";
import type { StoredSignature } from "@/lib/domain/extraction/match";
import { appendAuditEvents, type AuditInput } from "./audit";
import { getDb, provider, type Db, type Tx } from "./db";
import { sqlParameters } from "./report-rows";
import { runExtractionTask } from "./extraction-pool/run-task";
import type { Actor } from "./permissions";

/**
 * Cross-article matching that grows with the new claims, not the desk: every claim keeps its
 * matching signature (Claim.matchFeatures) and one ClaimMatchKey row per term, stored when it is
 * created; a new claim reads only the claims sharing its terms (the index), and the comparison runs
 * in the extraction pool before the write transaction opens. The transaction only writes the
 * resulting cluster ids, after re-reading the few members it touches.
 */

/**
 * Most candidate claims read for one batch of new claims (those sharing the most terms first). Their
 * ids go into one `IN` list, so it stays well under the 999 bound parameters Prisma allows a SQLite
 * query (SQLite's historical SQLITE_MAX_VARIABLE_NUMBER).
 */
export const MATCH_CANDIDATE_LIMIT = 500;
/**
 * Most index rows read per key when looking for candidates (the newest claims first: ids are
 * cuids, which sort by creation time). A common term (held by thousands of claims) then costs one
 * bounded index range instead of all its rows: at 100,000 claims the uncapped query counted ~490,000
 * rows for one import (1.8 s, synchronous on SQLite) and this one reads at most keys × 200 (~40 ms).
 */
export const MATCH_KEY_POSTINGS_LIMIT = 200;
/**
 * Document frequencies of common keys (held by at least DF_CACHE_MIN claims) are kept in memory for
 * DF_CACHE_TTL_MS: counting them is the one look-up that grows with the desk (~490,000 index rows,
 * 100–140 ms, synchronous on SQLite, for one import into 100,000 claims), and a few dozen claims
 * more or less change such a key's IDF by well under 1 %. Rare keys are counted every time (cheap).
 */
export const DF_CACHE_MIN = 1000;
export const DF_CACHE_TTL_MS = 5 * 60_000;
const DF_CACHE_MAX = 20_000;
const dfCache = new Map<string, { df: number; at: number }>();

/** Exact claim counts per key (cached ones from dfCache), one statement for the others. */
async function documentFrequencies(db: Db, keys: readonly string[], now = Date.now()): Promise<[string, number][]> {
  const out: [string, number][] = [];
  const missing: string[] = [];
  for (const key of keys) {
    const hit = dfCache.get(key);
    if (hit && now - hit.at < DF_CACHE_TTL_MS) out.push([key, hit.df]);
    else missing.push(key);
  }
  if (missing.length === 0) return out;
  // Hand-written: Prisma's groupBy compiled a plan with one bound value per key (hundreds for an
  // import) on the request thread. Keys past MATCH_KEYS_PER_STATEMENT go in further statements.
  if (dfCache.size > DF_CACHE_MAX) dfCache.clear();
  for (let i = 0; i < missing.length; i += MATCH_KEYS_PER_STATEMENT) {
    const { values, bind } = sqlParameters();
    const part = missing.slice(i, i + MATCH_KEYS_PER_STATEMENT);
    const counted = await db.$queryRawUnsafe<{ key: string; n: bigint | number }[]>(
      `SELECT "key", COUNT(*) AS "n" FROM "ClaimMatchKey" WHERE "key" IN (${part.map(bind).join(", ")}) GROUP BY "key"`,
      ...values,
    );
    for (const row of counted) {
      const df = Number(row.n);
      out.push([row.key, df]);
      if (df >= DF_CACHE_MIN) dfCache.set(row.key, { df, at: now });
    }
  }
  return out;
}

/**
 * The number of indexed claims (the `total` of the IDF), counted at most once per DF_CACHE_TTL_MS
 * and raised by the claims this process indexes meanwhile. Counting it is a walk over the whole
 * matchIndexed index (16 ms at 100,000 claims on an idle machine, 150–800 ms under load, synchronous
 * on SQLite) and a few claims more or less move any IDF by well under 1 %.
 */
const indexedTotal: { count: number; at: number } = { count: 0, at: -Infinity };

/**
 * Indexed claims, from indexedTotal while fresh. On SQLite the count is all claims (a count of the
 * table's pages, not its rows) minus those waiting for the index (a range of the matchIndexed index,
 * named as in pendingMatchIndex), so it does not read every claim either.
 */
async function indexedClaimCount(db: Db, now = Date.now()): Promise<number> {
  if (now - indexedTotal.at < DF_CACHE_TTL_MS) return indexedTotal.count;
  let count: number;
  if (provider === "postgresql") {
    count = await db.claim.count({ where: { matchIndexed: true } });
  } else {
    const [row] = await db.$queryRawUnsafe<{ n: bigint | number }[]>(
      `SELECT (SELECT count(*) FROM "Claim") - (SELECT count(*) FROM "Claim" INDEXED BY "Claim_matchIndexed_idx" WHERE "matchIndexed" = 0) AS "n"`,
    );
    count = Number(row?.n ?? 0);
  }
  indexedTotal.count = count;
  indexedTotal.at = now;
  return count;
}

/** Claims without a stored signature indexed per call of backfillMatchIndex (one pool task each). */
export const MATCH_BACKFILL_BATCH = 500;

/** A claim about to be created (or just created), with its matching features. */
export interface MatchProbe {
  /** The claim's id, or a placeholder such as "new:3" for a claim not yet written. */
  id: string;
  articleId: string;
  features: MatchFeatures;
}

/**
 * Writes the index rows of claims just created or re-indexed in `tx`: the stored signature on the
 * claim and its ClaimMatchKey rows (old rows of the claim are replaced). One INSERT per
 * MATCH_KEY_ROWS_PER_INSERT key rows (~10 keys a claim: one or two for an import's 40 claims), plus
 * a DELETE with `replace`.
 */
export async function writeMatchIndex(tx: Tx, claims: readonly { id: string; articleId: string; features: MatchFeatures }[], options: { replace?: boolean } = {}) {
  if (claims.length === 0) return;
  if (options.replace) await tx.claimMatchKey.deleteMany({ where: { claimId: { in: claims.map((c) => c.id) } } });
  const rows = claims.flatMap((c) => [...new Set(c.features.matchKeys)].map((key) => [key, c.id, c.articleId] as const));
  // Hand-written multi-row INSERTs with bound values: through the model API, Prisma's query compiler
  // compiled a plan for every row (~400 for an import) on the request thread, inside the write
  // transaction.
  for (let i = 0; i < rows.length; i += MATCH_KEY_ROWS_PER_INSERT) {
    const batch = rows.slice(i, i + MATCH_KEY_ROWS_PER_INSERT);
    const values = batch.flat();
    const placeholders = batch.map((_, r) => (provider === "postgresql" ? `($${r * 3 + 1}, $${r * 3 + 2}, $${r * 3 + 3})` : "(?, ?, ?)")).join(", ");
    await tx.$executeRawUnsafe(`INSERT INTO "ClaimMatchKey" ("key", "claimId", "articleId") VALUES ${placeholders}`, ...values);
  }
  // Claims indexed here (new, or backfilled) raise the cached total; a rollback or a reworded claim
  // leaves it a few too high until the next count.
  indexedTotal.count += claims.length;
}

/**
 * Most ClaimMatchKey rows per INSERT: 3 bound values a row, 999 in all, SQLite's historical cap
 * on bound parameters (far below PostgreSQL's 65,535).
 */
export const MATCH_KEY_ROWS_PER_INSERT = 333;

/** Stored form of a claim's features for the Claim.matchFeatures column. */
export function matchFeaturesColumn(features: MatchFeatures): { matchFeatures: string; matchIndexed: true } {
  return { matchFeatures: JSON.stringify(features.signature), matchIndexed: true };
}

/**
 * Up to `batch` claims without a stored signature, through Claim's matchIndexed index. On SQLite the
 * index is named (INDEXED BY): after ANALYZE, a column whose rows all hold the same value looks
 * useless to the planner, which then scanned the whole table on every import (~120 ms at 100,000
 * claims, blocking the event loop) to find none.
 */
async function pendingMatchIndex(db: Db, batch: number): Promise<{ id: string; articleId: string; text: string }[]> {
  const limit = Math.max(1, Math.floor(batch));
  if (provider === "postgresql") {
    return db.$queryRawUnsafe(`SELECT "id", "articleId", "text" FROM "Claim" WHERE "matchIndexed" = false LIMIT ${limit}`);
  }
  return db.$queryRawUnsafe(`SELECT "id", "articleId", "text" FROM "Claim" INDEXED BY "Claim_matchIndexed_idx" WHERE "matchIndexed" = 0 LIMIT ${limit}`);
}

/**
 * Indexes up to `batch` claims that have no stored signature yet (claims from before the index,
 * reworded claims), computing their features in the pool and writing them in a short transaction
 * of their own (derived data: no audit event). Returns how many claims were indexed.
 */
export async function backfillMatchIndex(batch = MATCH_BACKFILL_BATCH): Promise<number> {
  const db = await getDb();
  const pending = await pendingMatchIndex(db, batch);
  if (pending.length === 0) return 0;
  const features = await runExtractionTask("features", { texts: pending.map((c) => c.text) });
  await db.$transaction(async (tx) => {
    for (let i = 0; i < pending.length; i++) {
      // Only if the text is still the one analysed (a reword meanwhile leaves it for the next batch).
      await tx.claim.updateMany({ where: { id: pending[i]!.id, text: pending[i]!.text }, data: matchFeaturesColumn(features[i]!) });
    }
    await writeMatchIndex(tx, pending.map((c, i) => ({ id: c.id, articleId: c.articleId, features: features[i]! })), { replace: true });
  });
  return pending.length;
}

/**
 * Most index ranges (one per key) in one statement: SQLite refuses a compound SELECT of more than
 * 500 terms (SQLITE_MAX_COMPOUND_SELECT, sqlite.org/limits.html item 4), and one import's 40
 * claims can bring more keys than that.
 */
export const MATCH_KEYS_PER_STATEMENT = 400;

/**
 * Claims of other articles sharing index keys with `keys`, most shared keys first (then id), at most
 * MATCH_CANDIDATE_LIMIT; each key contributes at most MATCH_KEY_POSTINGS_LIMIT of its newest rows.
 * One statement (a UNION ALL of bounded index ranges over ClaimMatchKey's primary key) per
 * MATCH_KEYS_PER_STATEMENT keys; the counts of several statements are added up here.
 */
async function sharedKeyCounts(db: Db, keys: readonly string[], articleIds: readonly string[]): Promise<{ claimId: string; shared: number }[]> {
  if (keys.length <= MATCH_KEYS_PER_STATEMENT) return sharedKeyCountsOf(db, keys, articleIds, MATCH_CANDIDATE_LIMIT);
  const shared = new Map<string, number>();
  for (let i = 0; i < keys.length; i += MATCH_KEYS_PER_STATEMENT) {
    // Uncapped per part: a claim's count is the sum over the parts, ranked only once all are in.
    for (const row of await sharedKeyCountsOf(db, keys.slice(i, i + MATCH_KEYS_PER_STATEMENT), articleIds, null)) {
      shared.set(row.claimId, (shared.get(row.claimId) ?? 0) + row.shared);
    }
  }
  return [...shared]
    .map(([claimId, count]) => ({ claimId, shared: count }))
    .sort((a, b) => b.shared - a.shared || (a.claimId < b.claimId ? -1 : a.claimId > b.claimId ? 1 : 0))
    .slice(0, MATCH_CANDIDATE_LIMIT);
}

/** sharedKeyCounts for at most MATCH_KEYS_PER_STATEMENT keys: one statement, `limit` rows at most (null: all). */
async function sharedKeyCountsOf(db: Db, keys: readonly string[], articleIds: readonly string[], limit: number | null): Promise<{ claimId: string; shared: number }[]> {
  const values: string[] = [];
  const pg = provider === "postgresql";
  const param = (v: string) => {
    values.push(v);
    return pg ? `$${values.length}` : "?";
  };
  const notIn = (ids: readonly string[]) => ids.map(param).join(", ");
  const ranges = keys.map(
    (k) => `SELECT * FROM (SELECT "claimId" FROM "ClaimMatchKey" WHERE "key" = ${param(k)} AND "articleId" NOT IN (${notIn(articleIds)}) ORDER BY "claimId" DESC LIMIT ${MATCH_KEY_POSTINGS_LIMIT}) AS k${values.length}`,
  );
  const sql = `SELECT "claimId", COUNT(*) AS "shared" FROM (${ranges.join(" UNION ALL ")}) AS postings GROUP BY "claimId" ORDER BY "shared" DESC, "claimId" ASC${limit === null ? "" : ` LIMIT ${limit}`}`;
  const rows = await db.$queryRawUnsafe<{ claimId: string; shared: bigint | number }[]>(sql, ...values);
  return rows.map((r) => ({ claimId: r.claimId, shared: Number(r.shared) }));
}

/**
 * Candidates for the probes: claims of other articles sharing at least one of their index keys (up
 * to MATCH_CANDIDATE_LIMIT, most shared keys first, reading at most MATCH_KEY_POSTINGS_LIMIT rows per
 * key; not rejected, not split), with desk-wide term statistics (`total` indexed claims, `df` per
 * key: counted, or for a common key up to DF_CACHE_TTL_MS old; `total` up to as old, see
 * indexedClaimCount). At most four statements whatever
 * the desk's size, plus one per MATCH_KEYS_PER_STATEMENT keys past the first (see sharedKeyCounts).
 */
export async function findMatchCandidates(db: Db, probes: readonly MatchProbe[]) {
  const keys = [...new Set(probes.flatMap((p) => p.features.matchKeys))];
  const articleIds = [...new Set(probes.map((p) => p.articleId))];
  if (keys.length === 0) return { candidates: [] as StoredMatchClaim[], total: 0, df: [] as [string, number][] };
  const [shared, df, total] = await Promise.all([
    sharedKeyCounts(db, keys, articleIds),
    documentFrequencies(db, keys),
    indexedClaimCount(db),
  ]);
  // Hand-written: through Prisma, the `IN` list of up to MATCH_CANDIDATE_LIMIT ids cost its query
  // compiler ~0.2 ms of request-thread CPU per id.
  const rows = shared.length ? await matchableClaims(db, shared.map((s) => s.claimId), ["articleId", "matchFeatures"], true) : [];
  const candidates = rows.map((r) => ({ id: r.id, articleId: r.articleId, signature: JSON.parse(r.matchFeatures ?? "null") as StoredSignature }));
  return { candidates, total: total + probes.length, df };
}

/**
 * Finds, before any transaction, which existing claims the probes match: reads candidates through
 * the index and compares in the pool. Returns groups of ids (probe ids and existing claim ids),
 * each with at least one probe. Throws what runExtractionTask throws.
 */
export async function planMatches(probes: readonly MatchProbe[]): Promise<string[][]> {
  if (probes.length === 0) return [];
  const db = await getDb();
  const { candidates, total, df } = await findMatchCandidates(db, probes);
  if (candidates.length === 0) return [];
  return runExtractionTask("match", {
    fresh: probes.map((p) => ({ id: p.id, articleId: p.articleId, signature: p.features.signature })),
    candidates,
    total,
    df,
  });
}

/** The columns matchableClaims can read beside the id, with their types. */
interface MatchColumns {
  articleId: string;
  clusterId: string | null;
  matchFeatures: string | null;
}
type MatchColumn = keyof MatchColumns;

/**
 * Claims among `ids` that may join a cluster (not rejected, not split off; with `indexedOnly`, only
 * those with a stored signature), with the chosen columns: one hand-written SELECT, the same on both
 * databases (SQLite takes TRUE / FALSE as 1 / 0). At most 32,766 ids on SQLite (bound values).
 */
async function matchableClaims<C extends MatchColumn>(db: Db | Tx, ids: readonly string[], columns: readonly C[], indexedOnly: boolean): Promise<({ id: string } & Pick<MatchColumns, C>)[]> {
  if (ids.length === 0) return [];
  const { values, bind } = sqlParameters();
  const list = ids.map(bind).join(", ");
  return db.$queryRawUnsafe(
    `SELECT "id", ${columns.map((c) => `"${c}"`).join(", ")} FROM "Claim" WHERE "id" IN (${list}) AND "status" <> 'REJECTED' AND "matchSplit" = FALSE${indexedOnly ? ` AND "matchIndexed" = TRUE` : ""}`,
    ...values,
  );
}

/**
 * Applies planned matches inside the write transaction: `resolve` maps probe placeholders to the
 * ids just created. Members are re-read (one query), so a claim split or re-clustered meanwhile is
 * respected; each claim that joins a cluster gets a `claim.match` audit event (one UPDATE per
 * cluster, one INSERT for all the events). A match is metadata beside the workflow: it does not
 * bump the claim's version.
 */
export async function applyMatches(tx: Tx, actor: Actor, groups: readonly string[][], resolve: (id: string) => string = (id) => id) {
  const ids = [...new Set(groups.flat().map(resolve))];
  if (ids.length === 0) return;
  const current = await matchableClaims(tx, ids, ["articleId", "clusterId"], false);
  const byId = new Map(current.map((c) => [c.id, c]));
  // One UPDATE per cluster and one INSERT for all the audit events, not two statements per member.
  const events: AuditInput[] = [];
  for (const group of groups) {
    const members = group.map((id) => byId.get(resolve(id))).filter((m): m is NonNullable<typeof m> => Boolean(m));
    if (new Set(members.map((m) => m.articleId)).size < 2) continue;
    const clusterId = members.find((m) => m.clusterId)?.clusterId ?? `cl_${randomUUID().replaceAll("-", "").slice(0, 20)}`;
    const joining = [...new Set(members.filter((m) => m.clusterId !== clusterId))];
    if (joining.length === 0) continue;
    const { values, bind } = sqlParameters();
    await tx.$executeRawUnsafe(`UPDATE "Claim" SET "clusterId" = ${bind(clusterId)}, "clusterConfirmed" = FALSE WHERE "id" IN (${joining.map((m) => bind(m.id)).join(", ")})`, ...values);
    for (const member of joining) {
      events.push({
        actorId: actor.id,
        action: "claim.match",
        entityType: "Claim",
        entityId: member.id,
        claimId: member.id,
        before: { clusterId: member.clusterId },
        after: { clusterId },
      });
      member.clusterId = clusterId;
    }
  }
  await appendAuditEvents(tx, events);
}
