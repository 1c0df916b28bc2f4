/**
 * bench:export's raw side (issue 13): the whole desk's CSV report written by one hand-written SQL
 * query per database, in this process, through the app's report model and CSV renderer. The query is
 * written apart from the route's paged reads (lib/server/report-rows.ts) but selects the same columns
 * and aggregates (evidence and double-review proposals as JSON, the current verdict with its rating
 * snapshot and people), so that a byte comparison of the two CSVs checks one against the other. It
 * leaves out only what depends on who asks (the blind double-review conditions): the bench's editor
 * takes part in no double review. Scope: every claim an editor's report with work in progress holds
 * (all but REJECTED and SUGGESTED), in id order.
 *
 * SQLite: better-sqlite3, one statement iterated row by row. PostgreSQL: `pg`, one statement through a
 * server-side cursor in a read-only transaction, fetched 1,000 rows at a time (constant memory), JIT off.
 */
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { BLIND_STATUSES } from "../../lib/domain/double-review";
import { renderCsvHeader, renderCsvRecords } from "../../lib/domain/report/csv";
import { buildReportEntry, reportInputFromRow, type ReportEntry, type ReportSqlRow } from "../../lib/domain/report/model";
import { DEFAULT_VERDICT_SCALE, type VerdictRating } from "../../lib/domain/verdict-scale";

const SCOPE = `c.status NOT IN ('REJECTED', 'SUGGESTED')`;
/** A double review's proposals show once the claim has left these statuses (both reviewers have proposed). */
const REVIEW_STAGE = BLIND_STATUSES.map((s) => `'${s}'`).join(", ");

/** The raw scan's statement on SQLite. */
export const RAW_SQLITE_SQL = `
SELECT c.id, c.text, c.status, c.quote, c.prefix, c.suffix, c."updatedAt", c.claimant, c."claimantKind",
       a.id AS "articleId", a.title, a.outlet, a.author, a.url, a."publishedAt",
       u.name AS "assigneeName",
       v.rating, v.rationale, v.state, v."createdAt" AS "proposedAt", v."approvedAt", v."publishedAt" AS "verdictPublishedAt",
       v."ratingLabel", v."ratingColor", v."ratingValue",
       pu.name AS "proposedByName", au.name AS "approvedByName",
       (SELECT json_group_array(json_array(e.url, e.title, e.publisher, e.quote, e.stance, e."fetchedAt", e."snapshotSha256", e."fileName", e."fileSha256"))
          FROM (SELECT * FROM "Evidence" e WHERE e."claimId" = c.id AND e."deletedAt" IS NULL ORDER BY e."createdAt", e.id) e) AS evidence,
       (SELECT json_group_array(json_array(p.slot, p.name, p.rating, p.state, p.rationale, p."createdAt", p."ratingLabel"))
          FROM (SELECT r.slot, ru.name, pv.rating, pv.state, pv.rationale, pv."createdAt", pv."ratingLabel"
                  FROM "ClaimReviewer" r JOIN "User" ru ON ru.id = r."userId"
                  JOIN "Verdict" pv ON pv.id = (SELECT v3.id FROM "Verdict" v3 WHERE v3."claimId" = c.id AND v3."proposedById" = r."userId" ORDER BY v3."createdAt" DESC, v3.id DESC LIMIT 1)
                 WHERE r."claimId" = c.id AND c.status NOT IN (${REVIEW_STAGE}) ORDER BY r.slot) p) AS proposals
FROM "Claim" c
JOIN "Article" a ON a.id = c."articleId"
LEFT JOIN "User" u ON u.id = c."assigneeId"
LEFT JOIN "Verdict" v ON v.id = (SELECT v2.id FROM "Verdict" v2 WHERE v2."claimId" = c.id AND v2.state <> 'SUPERSEDED' ORDER BY v2."createdAt" DESC, v2.id DESC LIMIT 1)
LEFT JOIN "User" pu ON pu.id = v."proposedById"
LEFT JOIN "User" au ON au.id = v."approvedById"
WHERE ${SCOPE}
ORDER BY c.id`;

/** The raw scan's statement on PostgreSQL. */
export const RAW_POSTGRESQL_SQL = `
SELECT c.id, c.text, c.status, c.quote, c.prefix, c.suffix, c."updatedAt", c.claimant, c."claimantKind",
       a.id AS "articleId", a.title, a.outlet, a.author, a.url, a."publishedAt",
       u.name AS "assigneeName",
       v.rating, v.rationale, v.state, v."createdAt" AS "proposedAt", v."approvedAt", v."publishedAt" AS "verdictPublishedAt",
       v."ratingLabel", v."ratingColor", v."ratingValue",
       pu.name AS "proposedByName", au.name AS "approvedByName",
       COALESCE((SELECT json_agg(json_build_array(e.url, e.title, e.publisher, e.quote, e.stance, e."fetchedAt", e."snapshotSha256", e."fileName", e."fileSha256") ORDER BY e."createdAt", e.id)
                   FROM "Evidence" e WHERE e."claimId" = c.id AND e."deletedAt" IS NULL)::text, '[]') AS evidence,
       COALESCE((SELECT json_agg(json_build_array(r.slot, ru.name, pv.rating, pv.state, pv.rationale, pv."createdAt", pv."ratingLabel") ORDER BY r.slot)
                   FROM "ClaimReviewer" r JOIN "User" ru ON ru.id = r."userId"
                   JOIN LATERAL (SELECT * FROM "Verdict" v3 WHERE v3."claimId" = c.id AND v3."proposedById" = r."userId" ORDER BY v3."createdAt" DESC, v3.id DESC LIMIT 1) pv ON true
                  WHERE r."claimId" = c.id AND c.status NOT IN (${REVIEW_STAGE}))::text, '[]') AS proposals
FROM "Claim" c
JOIN "Article" a ON a.id = c."articleId"
LEFT JOIN "User" u ON u.id = c."assigneeId"
LEFT JOIN LATERAL (SELECT * FROM "Verdict" v2 WHERE v2."claimId" = c.id AND v2.state <> 'SUPERSEDED' ORDER BY v2."createdAt" DESC, v2.id DESC LIMIT 1) v ON true
LEFT JOIN "User" pu ON pu.id = v."proposedById"
LEFT JOIN "User" au ON au.id = v."approvedById"
WHERE ${SCOPE}
ORDER BY c.id`;

/** One raw scan: seconds, claims, CSV bytes, time to its first byte (ms), this process's RSS (bytes), the CSV's SHA-256 and, when asked for, the CSV itself. */
export interface RawScanResult {
  seconds: number;
  rows: number;
  bytes: number;
  ttfbMs: number;
  peakRss: number;
  rssGrowth: number;
  sha256: string;
  csv?: Buffer;
}

export interface RawScanOptions {
  /** at most this many claims (a warm-up) */
  limit?: number;
  /** keep the CSV in memory and return it (for a comparison; not while timing large scans) */
  keep?: boolean;
  /** the desk's verdict scale (default: the built-in one, which the bench's desks keep) */
  scale?: readonly VerdictRating[];
}

const BATCH = 500;

/** The CSV writer both scans share: byte-order mark and header, then records per batch of 500, hashed and counted. */
function csvSink({ keep = false, scale = DEFAULT_VERDICT_SCALE }: RawScanOptions) {
  const before = process.memoryUsage().rss;
  let peak = before;
  const digest = createHash("sha256");
  const kept: Buffer[] = [];
  const t0 = performance.now();
  let ttfb = -1;
  let bytes = 0;
  let rows = 0;
  let batch: ReportEntry[] = [];
  const write = (text: string) => {
    if (ttfb < 0) ttfb = performance.now() - t0;
    const buf = Buffer.from(text, "utf8");
    bytes += buf.byteLength;
    digest.update(buf);
    if (keep) kept.push(buf);
  };
  write(`\uFEFF${renderCsvHeader()}`);
  const flush = () => {
    write(renderCsvRecords(batch));
    rows += batch.length;
    batch = [];
  };
  return {
    row(row: ReportSqlRow) {
      batch.push(buildReportEntry(reportInputFromRow(row), scale));
      if (batch.length === BATCH) {
        flush();
        if (rows % 50_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
      }
    },
    end(): RawScanResult {
      flush();
      const seconds = (performance.now() - t0) / 1000;
      peak = Math.max(peak, process.memoryUsage().rss);
      return { seconds, rows, bytes, ttfbMs: ttfb, peakRss: peak, rssGrowth: peak - before, sha256: digest.digest("hex"), ...(keep ? { csv: Buffer.concat(kept) } : {}) };
    },
  };
}

const limited = (sql: string, limit?: number) => (limit ? `${sql} LIMIT ${Math.max(1, Math.floor(limit))}` : sql);

/** The raw scan of the SQLite database `file` (opened read-only). Synchronous: it holds this process's event loop while it runs. */
export function rawScanSqlite(file: string, options: RawScanOptions = {}): RawScanResult {
  const db = new Database(file, { readonly: true });
  try {
    const sink = csvSink(options);
    for (const row of db.prepare(limited(RAW_SQLITE_SQL, options.limit)).iterate() as IterableIterator<ReportSqlRow>) sink.row(row);
    return sink.end();
  } finally {
    db.close();
  }
}

/**
 * `timestamp(3)` columns hold UTC (Prisma writes them so) without a zone: read as UTC, as the app's
 * driver adapter does, whatever this process's time zone.
 */
const TIMESTAMP_OID = 1114;
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID && format !== "binary" ? (value: string) => new Date(`${value.replace(" ", "T")}Z`) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Rows per FETCH from the PostgreSQL cursor. */
const FETCH_ROWS = 1000;

/** The raw scan of the PostgreSQL database `url` (one connection, opened before the clock starts). */
export async function rawScanPostgres(url: string, options: RawScanOptions = {}): Promise<RawScanResult> {
  const client = new pg.Client({ connectionString: url, types });
  await client.connect();
  try {
    const sink = csvSink(options);
    // The whole desk in one statement costs PostgreSQL enough to JIT-compile it (hundreds of ms at
    // 10k claims, more than it saves); the route's paged statements stay below the threshold. Off, so
    // the baseline is the faster of the two.
    await client.query("SET jit = off");
    await client.query("BEGIN READ ONLY");
    await client.query(`DECLARE raw_export NO SCROLL CURSOR FOR ${limited(RAW_POSTGRESQL_SQL, options.limit)}`);
    // Bounded: at most one FETCH per FETCH_ROWS claims of the largest desk, plus the empty one.
    for (let i = 0; i <= 5_000_000 / FETCH_ROWS; i++) {
      const page = await client.query<ReportSqlRow>(`FETCH ${FETCH_ROWS} FROM raw_export`);
      for (const row of page.rows) sink.row(row);
      if (page.rows.length < FETCH_ROWS) break;
    }
    const result = sink.end();
    await client.query("COMMIT");
    return result;
  } finally {
    await client.end();
  }
}
