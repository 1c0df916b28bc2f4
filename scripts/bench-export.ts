/**
 * Export benchmark (issues 5 and 13): streams CSV and NDJSON reports of N claims through the real
 * route handler of a production build, and the same CSV from a raw in-process SQL scan, on SQLite or
 * PostgreSQL.
 *
 *   npm run bench:export [-- --sizes 10000,100000,1000000] [--runs 5] [--skip-build] [--pg | --database postgresql]
 *
 * For each N: a scratch database with N claims (verdicts, evidence, people) — SQLite: a file kept in
 * .bench/export/ for later runs; PostgreSQL (--pg): BENCH_PG_URL's database (default
 * postgresql://postgres@127.0.0.1:5432/claimledger_bench_export), created with the app's migrations
 * (prisma/postgresql), filled with multi-row INSERTs and dropped when the size is done, on an error
 * and on Ctrl-C. Then `next start` on 127.0.0.1 (BENCH_PORT, or a free port), a user signed in
 * through the real next-auth credentials login, and per format: total time, rows/s, time to first
 * byte, the server's peak RSS and its growth over the idle server, and the worst latency of a small
 * report another user asks for meanwhile. Then the raw scan (scripts/lib/export-raw-scan.ts:
 * better-sqlite3 or pg, one SQL query, the same report model and CSV renderer) with its time, rows/s,
 * first byte and RSS, and whether its CSV is byte-identical to the server's (when not, the first
 * differing line of each). Targets, printed beside the figures as met / NOT met:
 * rows/s ≥ 0.5× raw scan, t(100k)/t(10k) ≤ 11, RSS growth ≤ 64 MB at 1M, TTFB flat with N.
 * Route runs and raw scans alternate (at least 5 alternations, A/B then B/A); the rows/s ratio is the
 * median of the per-alternation ratios, so load changes on the shared machine hit both sides alike.
 * Times are medians of those runs; time to first byte is the median of 7 requests
 * cut after their first byte; RSS growth is the last run's. `uptime` is printed at the start and the
 * end. Only 127.0.0.1; every loop is bounded; the server is killed on exit, error and Ctrl-C.
 * The server runs with the app's heap policy (lib/server/heap-policy.ts, applied by instrumentation.ts);
 * CLAIMLEDGER_HEAP_GROWING_PERCENT=0 measures it under V8's default heap growth instead.
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import Database from "better-sqlite3";
import pg from "pg";
import { heapGrowingPercent } from "../lib/server/heap-policy";
import { recreatePgDatabase, sqliteDeskSink, type DeskSink } from "./lib/bench-desk";
import { ensureProductionBuild, loadAverage, processTree, signIn, sleep, startNextServer, statusKb, stopChild, treeRss, uptimeLine } from "./lib/bench-server";
import { formatTarget, median, type Target } from "./lib/bench-stats";
import { createRecordCounter, firstDifference, parseBenchExportArgs, type BenchExportArgs } from "./lib/export-bench";
import { rawScanPostgres, rawScanSqlite, type RawScanOptions, type RawScanResult } from "./lib/export-raw-scan";

const GENERATOR_VERSION = "4";
const ROOT = process.cwd();
const BENCH_DIR = path.join(ROOT, ".bench", "export");
const PASSWORD = "bench-export-password-2026";
const EMAIL = "bench-editor@bench.claimledger.test";
const CLAIMS_PER_ARTICLE = 20;
const MB = 1024 * 1024;

let args: BenchExportArgs;
try {
  args = parseBenchExportArgs(process.argv.slice(2), process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const sizes = args.sizes;
/** Fewest A/B alternations of route and raw scan per size (issue 13: ≥ 5, ratio = their median). */
const ALTERNATIONS = 5;
const runsFor = (n: number) => (n >= 1_000_000 ? 2 : args.runs);

// ---------------------------------------------------------------------------------------------
// Scratch database

const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
const claimId = (k: number) => `cb${k.toString(36).padStart(9, "0")}`;
const articleIdOf = (a: number) => `ab${a.toString(36).padStart(8, "0")}`;
/** The article another user's small report reads while an export streams (the first one). */
const PROBE_ARTICLE = articleIdOf(0);
/** Claims per generated batch: one transaction (SQLite) or a few multi-row INSERTs per table (PostgreSQL). */
const CHUNK = 20_000;

/** Where the scratch database is: a SQLite file, or a PostgreSQL database the bench created (and drops). */
type Scratch = { kind: "sqlite"; file: string; url: string } | { kind: "postgresql"; url: string };

function dbPath(n: number) {
  return path.join(BENCH_DIR, `claims-${n}.db`);
}

function isReady(file: string, n: number): boolean {
  if (!existsSync(file)) return false;
  try {
    const db = new Database(file, { readonly: true });
    const row = db.prepare(`SELECT value FROM "Setting" WHERE key = 'benchExport'`).get() as { value: string } | undefined;
    db.close();
    return row?.value === JSON.stringify({ version: GENERATOR_VERSION, n });
  } catch {
    return false;
  }
}

function migrate(url: string) {
  const migrate = spawnSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
  if (migrate.status !== 0) throw new Error(`prisma migrate deploy failed:\n${migrate.stdout}\n${migrate.stderr}`);
}

/**
 * Writes the desk of `n` claims into `sink`, table by table per CHUNK claims (articles, claims,
 * verdicts, evidence: foreign keys first). Deterministic: the same n gives the same rows on both
 * databases (booleans as true/false; the SQLite sink stores 1/0).
 */
async function writeDesk(sink: DeskSink, n: number) {
  const t0 = Date.parse("2026-01-01T00:00:00Z");
  const passwordHash = await hash(PASSWORD, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  const reviewers = Array.from({ length: 20 }, (_, i) => `ur${i}`);
  const user = (id: string, email: string, name: string, role: string) => [id, email, name, role, passwordHash, true, 1, iso(t0), iso(t0)];
  await sink.insert(
    "User",
    ["id", "email", "name", "role", "passwordHash", "active", "sessionVersion", "createdAt", "updatedAt"],
    [
      user("ubench", EMAIL, "Bench Editor", "EDITOR"),
      user("uapprover", "approver@bench.claimledger.test", "Ada Approver", "EDITOR"),
      ...reviewers.map((id, i) => user(id, `reviewer${i}@bench.claimledger.test`, `Reviewer ${i}`, "REVIEWER")),
    ],
  );
  const ratings = ["TRUE", "MOSTLY_TRUE", "HALF_TRUE", "MISLEADING", "MOSTLY_FALSE", "FALSE", "UNPROVEN", "NOT_CHECKABLE"];
  const stances = ["SUPPORTS", "REFUTES", "CONTEXT"];
  const statusOf = (k: number) => ["PUBLISHED", "PUBLISHED", "PUBLISHED", "PUBLISHED", "PUBLISHED", "APPROVED", "APPROVED", "PROPOSED", "IN_REVIEW", "ASSIGNED"][k % 10]!;
  for (let from = 0; from < n; from += CHUNK) {
    const articleRows: unknown[][] = [];
    const claimRows: unknown[][] = [];
    const verdictRows: unknown[][] = [];
    const evidenceRows: unknown[][] = [];
    for (let k = from; k < Math.min(n, from + CHUNK); k++) {
      const a = Math.floor(k / CLAIMS_PER_ARTICLE);
      const articleId = articleIdOf(a);
      if (k % CLAIMS_PER_ARTICLE === 0) {
        const text = `Bench article ${a}. Unemployment fell, prices rose and officials said many things worth checking.`;
        articleRows.push([
          articleId,
          `Bench article ${a}: the economy, in numbers`,
          ["The Daily Example", "Example Wire", "Le Monde d'exemple"][a % 3],
          a % 2 ? `Writer ${a % 50}` : null,
          `https://news.example/${a}`,
          iso(t0 - (a % 365) * 86_400_000),
          text,
          createHash("sha256").update(`${GENERATOR_VERSION}:${n}:${a}`).digest("hex"),
          "ubench",
          iso(t0),
        ]);
      }
      const id = claimId(k);
      const status = statusOf(k);
      const at = t0 + k * 1000;
      const text =
        k % 97 === 0
          ? `=HYPERLINK("https://evil.example/${k}") claims ${k % 100}.${k % 10} percent, "quoted", in ${2000 + (k % 25)}`
          : `Claim ${k}: unemployment fell to ${k % 100}.${k % 10} percent in ${2000 + (k % 25)}, "officials said", with commas and “quotes” — ü ✓`;
      const reviewer = reviewers[k % reviewers.length]!;
      const start = (k % CLAIMS_PER_ARTICLE) * 120;
      claimRows.push([id, articleId, text, start, start + text.length, text, `Context before claim ${k} `, ` and context after ${k}.`, 0.5, "STATISTIC", "[]", status, reviewer, "NORMAL", 3, "EXTRACTED", iso(at), iso(at + 500)]);
      const rationale = `**Rationale ${k}.** The ministry's figures show otherwise:\n- series A, ${k % 13} points\n- series B${k % 11 === 0 ? "\n+SUM(A1:A2)" : ""}`;
      if (k % 7 === 0) {
        verdictRows.push([`vo${id}`, id, ratings[(k + 3) % ratings.length], `Earlier take ${k}.`, reviewer, null, null, null, "RETURNED", 1, iso(at + 50), iso(at + 60)]);
      }
      if (status !== "IN_REVIEW" && status !== "ASSIGNED") {
        const approved = status === "PUBLISHED" || status === "APPROVED";
        verdictRows.push([
          `v${id}`,
          id,
          ratings[k % ratings.length],
          rationale,
          reviewer,
          approved ? "uapprover" : null,
          approved ? iso(at + 200) : null,
          status === "PUBLISHED" ? iso(at + 300) : null,
          status,
          1,
          iso(at + 100),
          iso(at + 300),
        ]);
      }
      for (let j = 0; j < 1 + (k % 3); j++) {
        evidenceRows.push([
          `e${j}${id}`,
          id,
          `https://source.example/${k}/${j}?q=a,b`,
          `Source ${j} for claim ${k}`,
          ["Statistics Office", "Example Wire", "Ministry"][j % 3],
          `A quoted passage ${j} from the source of claim ${k}.`,
          stances[(k + j) % 3],
          "OTHER",
          reviewer,
          1,
          iso(at + 10 + j),
          iso(at + 10 + j),
        ]);
      }
    }
    await sink.insert("Article", ["id", "title", "outlet", "author", "url", "publishedAt", "text", "contentHash", "importedById", "importedAt"], articleRows);
    await sink.insert(
      "Claim",
      ["id", "articleId", "text", "start", "end", "quote", "prefix", "suffix", "checkworthiness", "kind", "reasons", "status", "assigneeId", "priority", "version", "origin", "createdAt", "updatedAt"],
      claimRows,
    );
    await sink.insert("Verdict", ["id", "claimId", "rating", "rationale", "proposedById", "approvedById", "approvedAt", "publishedAt", "state", "version", "createdAt", "updatedAt"], verdictRows);
    await sink.insert("Evidence", ["id", "claimId", "url", "title", "publisher", "quote", "stance", "sourceType", "addedById", "version", "createdAt", "updatedAt"], evidenceRows);
    if (n >= 200_000 && (from / CHUNK) % 10 === 9) process.stdout.write(`  … ${(from + CHUNK).toLocaleString("en-US")} claims\n`);
  }
}

/** The SQLite scratch database of `n` claims: reused from .bench/export/ when its stamp matches, else generated. */
async function sqliteScratch(n: number): Promise<Scratch> {
  const file = dbPath(n);
  const url = `file:${file}`;
  if (isReady(file, n)) {
    console.log(`  reusing ${path.relative(ROOT, file)}`);
    return { kind: "sqlite", file, url };
  }
  mkdirSync(BENCH_DIR, { recursive: true });
  for (const s of ["", "-wal", "-shm", "-journal"]) rmSync(file + s, { force: true });
  migrate(url);
  const started = performance.now();
  const db = new Database(file);
  const sink = sqliteDeskSink(db);
  await writeDesk(sink, n);
  db.prepare(`INSERT INTO "Setting" (key, value, updatedAt) VALUES ('benchExport', ?, ?)`).run(JSON.stringify({ version: GENERATOR_VERSION, n }), iso(Date.parse("2026-01-01T00:00:00Z")));
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.exec("ANALYZE");
  db.close();
  console.log(`  generated ${n.toLocaleString("en-US")} claims in ${Math.ceil(n / CLAIMS_PER_ARTICLE).toLocaleString("en-US")} articles in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { kind: "sqlite", file, url };
}

/** Parameters per multi-row INSERT (PostgreSQL allows 65,535). */
const PG_PARAMETERS = 60_000;

/**
 * The PostgreSQL scratch database of `n` claims in BENCH_PG_URL's database, (re)created: the app's
 * migrations, then multi-row INSERTs (at most PG_PARAMETERS values each), then ANALYZE.
 */
async function postgresScratch(url: string, n: number): Promise<Scratch> {
  const started = performance.now();
  await recreatePgDatabase(url);
  migrate(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET synchronous_commit = off");
    const sink: DeskSink = {
      async insert(table, columns, rows) {
        const per = Math.max(1, Math.floor(PG_PARAMETERS / columns.length));
        for (let i = 0; i < rows.length; i += per) {
          const values: unknown[] = [];
          const tuples = rows.slice(i, i + per).map((row) => `(${row.map((v) => (values.push(v), `$${values.length}`)).join(", ")})`);
          await client.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`, values);
        }
      },
    };
    await writeDesk(sink, n);
    await client.query("VACUUM ANALYZE");
  } finally {
    await client.end();
  }
  const parsed = new URL(url);
  console.log(`  generated ${n.toLocaleString("en-US")} claims in ${Math.ceil(n / CLAIMS_PER_ARTICLE).toLocaleString("en-US")} articles in PostgreSQL database ${parsed.pathname.slice(1)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { kind: "postgresql", url };
}

const dropScratchOnExit = () => dropPgDatabaseSync(args.pgUrl);

/** Drops BENCH_PG_URL's database synchronously (a child node process): usable from an exit handler. */
function dropPgDatabaseSync(url: string) {
  const script = `const pg = require(process.env.PG_MODULE); const u = new URL(process.env.DROP_URL); const name = decodeURIComponent(u.pathname.slice(1)); u.pathname = "/postgres";
const c = new pg.Client({ connectionString: u.toString() });
c.connect().then(() => c.query('DROP DATABASE IF EXISTS "' + name + '" WITH (FORCE)')).catch((e) => console.error("could not drop " + name + ": " + e.message)).finally(() => c.end());`;
  spawnSync(process.execPath, ["-e", script], { env: { ...process.env, PG_MODULE: path.join(ROOT, "node_modules", "pg"), DROP_URL: url }, stdio: "inherit", timeout: 15_000 });
}

// ---------------------------------------------------------------------------------------------
// The server

interface Server {
  child: ChildProcess;
  base: string;
  cookie: string;
  probeArticle: string;
}

async function startServer(scratch: Scratch): Promise<Server> {
  const { child, base } = await startNextServer(ROOT, args.port, {
    DATABASE_URL: scratch.url,
    NEXTAUTH_SECRET: "bench-export-secret-not-for-production",
  });
  const cookie = await signIn(base, EMAIL, PASSWORD);
  const check = await fetch(`${base}/api/v1/reports?format=ndjson&status=NEW`, { headers: { Cookie: cookie } });
  if (!check.ok) throw new Error(`the session does not open reports (HTTP ${check.status})`);
  await check.arrayBuffer();
  return { child, base, cookie, probeArticle: PROBE_ARTICLE };
}

function stopServer(server: Server) {
  stopChild(server.child);
}

interface ExportRun {
  seconds: number;
  rows: number;
  bytes: number;
  ttfbMs: number;
  peakRss: number;
  rssGrowth: number;
  probeMaxMs: number;
  probes: number;
  sha256: string;
  encoding: string | null;
}

/** One export through the route handler, with the server's RSS sampled and another user's small report timed meanwhile. */
async function exportOnce(server: Server, pid: number, format: "csv" | "ndjson"): Promise<ExportRun> {
  const idle = treeRss(pid);
  let peak = idle;
  let sampling = true;
  const sampler = (async () => {
    for (let i = 0; sampling && i < 100_000; i++) {
      peak = Math.max(peak, treeRss(pid));
      await sleep(25);
    }
  })();
  let probeMax = 0;
  let probes = 0;
  let streaming!: () => void;
  const firstByte = new Promise<void>((resolve) => (streaming = resolve));
  // Another user's small report, every 200 ms while the export streams.
  const prober = (async () => {
    await firstByte;
    for (let i = 0; sampling && i < 2000; i++) {
      const t = performance.now();
      const res = await fetch(`${server.base}/api/v1/reports?format=ndjson&includeWip=1&articleId=${server.probeArticle}`, { headers: { Cookie: server.cookie } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`probe failed: HTTP ${res.status}`);
      probeMax = Math.max(probeMax, performance.now() - t);
      probes += 1;
      await sleep(200);
    }
  })();

  // node:http, not fetch: the client must cost the shared CPU as little as possible.
  const t0 = performance.now();
  const counted = await new Promise<{ ttfb: number; bytes: number; rows: number; sha256: string; encoding: string | null }>((resolve, reject) => {
    const request = http.get(`${server.base}/api/v1/reports?format=${format}&includeWip=1`, { headers: { Cookie: server.cookie } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`export failed: HTTP ${res.statusCode}`));
        res.resume();
        return;
      }
      const digest = createHash("sha256");
      const lines = createRecordCounter(format);
      let ttfb = -1;
      let bytes = 0;
      res.on("data", (chunk: Buffer) => {
        if (ttfb < 0) {
          ttfb = performance.now() - t0;
          streaming();
        }
        bytes += chunk.byteLength;
        digest.update(chunk);
        lines.push(chunk);
      });
      res.on("end", () => resolve({ ttfb, bytes, rows: lines.rows(), sha256: digest.digest("hex"), encoding: (res.headers["content-encoding"] as string | undefined) ?? null }));
      res.on("error", reject);
    });
    request.on("error", reject);
  });
  const ttfb = counted.ttfb;
  const bytes = counted.bytes;
  const seconds = (performance.now() - t0) / 1000;
  sampling = false;
  await Promise.all([sampler, prober]);
  return {
    seconds,
    rows: counted.rows,
    bytes,
    ttfbMs: ttfb,
    peakRss: peak,
    rssGrowth: peak - idle,
    probeMaxMs: probeMax,
    probes,
    sha256: counted.sha256,
    encoding: counted.encoding,
  };
}

/** Time to first byte: the median of requests that are cut after their first chunk. */
async function measureTtfb(server: Server, format: "csv" | "ndjson", tries = 7): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < tries; i++) {
    times.push(
      await new Promise<number>((resolve, reject) => {
        const t0 = performance.now();
        const request = http.get(`${server.base}/api/v1/reports?format=${format}&includeWip=1`, { headers: { Cookie: server.cookie } }, (res) => {
          res.once("data", () => {
            resolve(performance.now() - t0);
            request.destroy();
          });
          res.on("error", () => {});
        });
        request.on("error", (error) => (request.destroyed ? undefined : reject(error)));
      }),
    );
    await sleep(100);
  }
  return median(times);
}

// ---------------------------------------------------------------------------------------------
// The raw side (scripts/lib/export-raw-scan.ts)

function rawScan(scratch: Scratch, options: RawScanOptions = {}): Promise<RawScanResult> {
  return scratch.kind === "sqlite" ? Promise.resolve(rawScanSqlite(scratch.file, options)) : rawScanPostgres(scratch.url, options);
}

/** The route's whole CSV in memory (for a comparison after a mismatch; not timed). */
async function downloadCsv(server: Server): Promise<Buffer> {
  const res = await fetch(`${server.base}/api/v1/reports?format=csv&includeWip=1`, { headers: { Cookie: server.cookie } });
  if (!res.ok) throw new Error(`export failed: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

// ---------------------------------------------------------------------------------------------

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

type Picked = ExportRun & { firstRssGrowth: number };
interface SizeResult {
  csv: Picked;
  ndjson: Picked;
  raw: RawScanResult;
  identical: boolean;
  runs: number;
  ratio: { csv: number; ndjson: number };
  load: string;
}

/** The rows/s target of issue 13's table: the route ≥ 0.5× the raw scan, median of the interleaved alternations. */
const ratioTarget = (format: "csv" | "ndjson", n: number, ratio: number): Target => ({
  what: `${format.toUpperCase()} N=${fmt(n)} rows/s ÷ raw scan`,
  figure: ratio,
  op: ">=",
  limit: 0.5,
  unit: "×",
});

/** One size: scratch database, server, warm-up, interleaved route / raw runs, figures printed with their targets. */
async function measureSize(n: number, heapPolicy: number): Promise<SizeResult> {
  const scratch = args.database === "postgresql" ? await postgresScratch(args.pgUrl, n) : await sqliteScratch(n);
  const runs = runsFor(n);
  const server = await startServer(scratch);
  if (scratch.kind === "postgresql") {
    // Exit hooks run in the order they were added: the drop goes after bench-server's, which kills
    // the server (added when the first one started), so the server goes first.
    process.off("exit", dropScratchOnExit);
    process.on("exit", dropScratchOnExit);
  }
  const pid = server.child.pid!;
  try {
    // Warm-up (code paths, JIT, the Prisma client): both formats over all claims, or over one
    // article for the large sizes (their first measured run then warms the heap up).
    const warmScope = n > 100_000 ? `&articleId=${server.probeArticle}` : "";
    for (const format of ["csv", "ndjson", "csv", "ndjson"]) {
      const res = await fetch(`${server.base}/api/v1/reports?format=${format}&includeWip=1${warmScope}`, { headers: { Cookie: server.cookie } });
      await res.arrayBuffer();
    }
    const tree = processTree(pid);
    console.log(
      `  server on ${server.base} (${scratch.kind === "sqlite" ? "SQLite" : "PostgreSQL"}), pid ${pid}${tree.length > 1 ? ` (+${tree.length - 1} child processes)` : ""}, idle RSS ${fmt(treeRss(pid) / MB)} MB, ` +
        `heap growing ${heapPolicy === 0 ? "V8's default" : `${heapPolicy} %`} (CLAIMLEDGER_HEAP_GROWING_PERCENT)`,
    );
    const pick = (all: ExportRun[]): Picked => {
      const t = median(all.map((r) => r.seconds));
      const chosen = all.find((r) => r.seconds === t) ?? all[0]!;
      // RSS growth: the first run's (from a server whose heap has not reached its working size
      // yet) and the last run's (a server in use); the target is checked on the last.
      return {
        ...chosen,
        seconds: t,
        ttfbMs: median(all.map((r) => r.ttfbMs)),
        peakRss: Math.max(...all.map((r) => r.peakRss)),
        rssGrowth: all.at(-1)!.rssGrowth,
        firstRssGrowth: all[0]!.rssGrowth,
      };
    };
    // The two sides interleaved (A/B, then B/A on the next alternation), so a change of the shared
    // machine's load meets both alike; each alternation gives one ratio, and the target is checked
    // on their median. At least ALTERNATIONS of them, whatever --runs says.
    const csvRuns: ExportRun[] = [];
    const ndRuns: ExportRun[] = [];
    const rawRuns: RawScanResult[] = [];
    await rawScan(scratch, { limit: 50_000 }); // warm-up
    await sleep(300);
    const alternations = Math.max(ALTERNATIONS, runs);
    // The SQLite raw scan blocks this process's event loop: a pause after it lets the HTTP agent see
    // the keep-alive sockets the server closed meanwhile, instead of reusing one ("socket hang up").
    const rawSide = async () => {
      rawRuns.push(await rawScan(scratch));
      await sleep(300);
    };
    for (let r = 0; r < alternations; r++) {
      if (r % 2 === 1) await rawSide();
      csvRuns.push(await exportOnce(server, pid, "csv"));
      ndRuns.push(await exportOnce(server, pid, "ndjson"));
      if (r % 2 === 0) await rawSide();
    }
    const rowsPerSecond = (x: { rows: number; seconds: number }) => x.rows / x.seconds;
    const ratio = {
      csv: median(csvRuns.map((c, i) => rowsPerSecond(c) / rowsPerSecond(rawRuns[i]!))),
      ndjson: median(ndRuns.map((c, i) => rowsPerSecond(c) / rowsPerSecond(rawRuns[i]!))),
    };
    const csv = { ...pick(csvRuns), ttfbMs: await measureTtfb(server, "csv") };
    const ndjson = { ...pick(ndRuns), ttfbMs: await measureTtfb(server, "ndjson") };
    const hwm = processTree(pid).reduce((s, p) => s + statusKb(p, "VmHWM"), 0) * 1024;
    const rawT = median(rawRuns.map((r) => r.seconds));
    const raw = { ...rawRuns[0]!, seconds: rawT, ttfbMs: median(rawRuns.map((r) => r.ttfbMs)) };
    const identical = csvRuns.every((r) => r.sha256 === raw.sha256) && rawRuns.every((r) => r.sha256 === raw.sha256);
    // Not identical: both CSVs once more, in memory, to say where they part (up to ~100 MB each at 100k).
    const difference = !identical && n <= 200_000 ? firstDifference(await downloadCsv(server), (await rawScan(scratch, { keep: true })).csv!) : null;
    stopServer(server);
    const load = loadAverage();
    for (const [label, r] of [
      ["CSV via route", csv],
      ["NDJSON via route", ndjson],
    ] as const) {
      console.log(
        `  ${label.padEnd(17)} ${fmt(r.seconds, 2).padStart(7)} s  ${fmt(r.rows / r.seconds).padStart(9)} rows/s  TTFB ${fmt(r.ttfbMs, 1).padStart(6)} ms  ` +
          `${fmt(r.bytes / MB, 1).padStart(7)} MB  server peak RSS ${fmt(r.peakRss / MB)} MB (growth: first run +${fmt(r.firstRssGrowth / MB, 1)} MB, last +${fmt(r.rssGrowth / MB, 1)} MB)  ` +
          `other user's report: worst ${fmt(r.probeMaxMs)} ms over ${r.probes} requests${r.encoding ? `  [${r.encoding}]` : ""}`,
      );
      if (r.rows !== n) console.log(`  !! ${label} gave ${r.rows} rows, expected ${n}`);
    }
    console.log(
      `  ${"raw SQL scan".padEnd(17)} ${fmt(raw.seconds, 2).padStart(7)} s  ${fmt(raw.rows / raw.seconds).padStart(9)} rows/s  TTFB ${fmt(raw.ttfbMs, 1).padStart(6)} ms  ` +
        `${fmt(raw.bytes / MB, 1).padStart(7)} MB  bench process RSS ${fmt(raw.peakRss / MB)} MB (+${fmt(raw.rssGrowth / MB, 1)} MB)`,
    );
    if (raw.rows !== n) console.log(`  !! the raw scan gave ${raw.rows} rows, expected ${n}`);
    console.log(`  server VmHWM ${fmt(hwm / MB)} MB; route CSV ${identical ? "byte-identical to" : "DIFFERS from"} the raw scan's CSV; medians of ${alternations} interleaved alternation(s)`);
    if (difference) {
      console.log(`  !! first difference at byte ${fmt(difference.offset)}, line ${fmt(difference.line)}:`);
      console.log(`     route: ${difference.left}`);
      console.log(`     raw:   ${difference.right}`);
    }
    for (const format of ["csv", "ndjson"] as const) console.log(`  ${formatTarget(ratioTarget(format, n, ratio[format]))}, median of ${alternations} alternations; load ${load}`);
    return { csv, ndjson, raw, identical, runs: alternations, ratio, load };
  } finally {
    stopServer(server);
    if (scratch.kind === "postgresql") await recreatePgDatabase(scratch.url, true).catch((error: Error) => console.error(`  could not drop the scratch database: ${error.message}`));
  }
}

async function main() {
  console.log(`▸ bench:export on ${args.database === "postgresql" ? `PostgreSQL (${new URL(args.pgUrl).pathname.slice(1)}, created and dropped)` : "SQLite (.bench/export/)"}, sizes ${sizes.map((n) => fmt(n)).join(", ")}`);
  console.log(`  uptime at start: ${uptimeLine()}`);
  // The server applies it at start (instrumentation.ts); shown so that runs with another value are told apart.
  const heapPolicy = heapGrowingPercent(process.env.CLAIMLEDGER_HEAP_GROWING_PERCENT);
  ensureProductionBuild(ROOT, args.skipBuild);
  if (args.database === "postgresql") {
    // Ctrl-C or a crash while a scratch database exists: drop it on the way out. Ctrl-C must turn
    // into an exit for the exit hooks to run.
    process.on("exit", dropScratchOnExit);
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(signal, () => process.exit(130));
  }

  const results: Record<number, SizeResult> = {};
  for (const n of sizes) {
    console.log(`\n▸ N = ${fmt(n)}`);
    results[n] = await measureSize(n, heapPolicy);
    await sleep(500);
  }

  console.log(`\n▸ Targets (${args.database === "postgresql" ? "PostgreSQL" : "SQLite"})`);
  const targets: Target[] = [];
  const ns = Object.keys(results).map(Number).sort((a, b) => a - b);
  const r10k = results[10_000];
  const r100k = results[100_000];
  for (const format of ["csv", "ndjson"] as const) {
    for (const n of ns) targets.push(ratioTarget(format, n, results[n]!.ratio[format]));
    if (r10k && r100k) targets.push({ what: `${format.toUpperCase()} t(100k) ÷ t(10k)`, figure: r100k[format].seconds / r10k[format].seconds, op: "<=", limit: 11, unit: "×" });
    const big = results[1_000_000];
    if (big) targets.push({ what: `${format.toUpperCase()} server RSS growth at 1M, in use (first run from a fresh server: ${fmt(big[format].firstRssGrowth / MB, 1)} MB)`, figure: big[format].rssGrowth / MB, op: "<=", limit: 64, unit: "MB" });
    if (ns.length > 1) {
      const first = results[ns[0]!]![format].ttfbMs;
      const last = results[ns.at(-1)!]![format].ttfbMs;
      // Flat: the largest size's first byte within 2× the smallest's + 20 ms.
      targets.push({ what: `${format.toUpperCase()} TTFB ${ns.map((n) => `${fmt(results[n]![format].ttfbMs, 1)} ms`).join(" → ")}, largest ÷ (2× smallest + 20 ms)`, figure: last / (first * 2 + 20), op: "<=", limit: 1, unit: "×" });
      console.log(`  ${format.toUpperCase()} server peak RSS by N: ${ns.map((n) => `${fmt(results[n]![format].peakRss / MB)} MB`).join(" → ")}`);
    }
  }
  for (const n of ns) targets.push({ what: `N=${fmt(n)} route CSV byte-identical to the raw scan's (1 = yes)`, figure: results[n]!.identical ? 1 : 0, op: ">=", limit: 1 });
  for (const t of targets) console.log(`  ${formatTarget(t)}`);
  console.log(`  uptime at end: ${uptimeLine()}`);
  mkdirSync(BENCH_DIR, { recursive: true });
  writeFileSync(path.join(BENCH_DIR, `results-${args.database}.json`), JSON.stringify(results, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
