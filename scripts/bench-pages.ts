/**
 * Page and REST benchmark (issue 13): the app's production build against a raw baseline, side by side.
 *
 *   npm run bench:pages [-- --sizes 1000,10000,100000] [--database postgresql | --pg] [--skip-build]
 *                          [--alternations 5] [--port 4210] [--generate-only] [--only claim-page,lists,search,writes,import,hostile,floor,growth]
 *
 * For each desk size (generated once and cached under prisma/data/bench-pages/, see
 * scripts/lib/bench-desk.ts; a scratch copy is measured, so writes never dirty the cache): `next start`
 * on 127.0.0.1:<port>, the raw baseline (scripts/lib/bench-raw-server.ts: the same SQL by hand with
 * better-sqlite3 or pg, comparable HTML/JSON) on <port+1>, 20 signed-in sessions over the desk's 14
 * users, and REST tokens for them. Then per scenario — the claim page, the claims list (no filter /
 * status+assignee / text search), REST search, REST add-evidence, REST propose-verdict, import of the
 * 572-word demo article — a fixed number of requests from 20 concurrent sessions on each side,
 * alternating route and raw (A/B, then B/A) at least 5 times: req/s, p50/p95/p99 of each side and the
 * median of the per-alternation req/s ratios. Plus: another user's claim page during an import vs
 * idle; a 17 KB upload of nested <div>s (depth 1,500) through the import page's preview; 2 MB of plain
 * text through POST /api/v1/articles. Import into this desk ÷ into an empty desk, before the desk's
 * own server starts: two `next start` at once, started for it alone, on the desk's scratch copy
 * (<port+2>) and on an empty desk (<port+3>: the same migrations and 14 users; on PostgreSQL the
 * database `<BENCH_PG_URL's name>_empty`, created and dropped by the bench); the same 572-word
 * article imported into each in turn (this desk first, then the empty one first), 2 warm-ups then
 * ≥ 9 alternations, each a new text so the duplicate check never answers; the target is the median
 * of the per-alternation time ratios. `hostile`: one
 * upload of each hostile kind of scripts/lib/hostile-pages.ts (huge element, attribute and text-node
 * counts, deep nesting under the depth limit, giant tables, 1.9 MB scripts, words and white space,
 * entity bombs, 2 MB text and Markdown) through the same preview, each with its time to answer and
 * another user's page probed meanwhile. Desk growth
 * (`growth`: when 1,000 and 100,000 are among the sizes, or named by --only): `next start` on both
 * desks at once, the same 20 sessions on each, the claims list's three filters at the same rows shown
 * (the largest `?perPage=` every page fills on both), alternating desks ≥ 5 times; the median of the
 * per-alternation p50 ratios is the target "p50 at 100k ≤ 1.5× p50 at 1k" (the p50s of two separate
 * desk runs are printed as information only). Every target of
 * the issue's table is printed beside its figure (met / NOT met), and the last line is
 * `targets met: N of M`. Every loop is bounded; servers are killed on exit, Ctrl-C and error.
 * PostgreSQL: the bench creates and drops BENCH_PG_URL's database (default
 * postgresql://postgres@127.0.0.1:5432/claimledger_bench_pages), trust auth.
 * Rate limits are raised for the bench's server (API_RATE_LIMIT_*, *_RATE_LIMIT_PER_USER): it measures
 * the work of a request, not refusals.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, rmSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { articleIdOf, assigneeOf, claimIdOf, CLAIM_VERSION, DESK_PASSWORD, DESK_USERS, pgDesk, recreatePgDatabase, REVIEWERS, sqliteDesk, statusOf } from "./lib/bench-desk";
import { ensureProductionBuild, freePort, signIn, sleep, startDetached, startNextServer, stopChild, uptimeLine, waitUntilUp } from "./lib/bench-server";
import { hostilePages } from "./lib/hostile-pages";
import { formatTarget, growthSizes, keepRepeating, largestFilledSize, median, medianRatio, parseBenchPagesArgs, sidesInTurn, summarize, targetsLine, type BenchGroup, type LoadSummary, type RepeatBounds, type Target } from "./lib/bench-stats";
import { CLAIM_PAGE_SIZES } from "../lib/validation/claims";

const ROOT = process.cwd();
const SESSIONS = 20;
const ARTICLE_FILE = path.join(ROOT, "prisma", "seed", "articles", "000_a04bcc9c32dccfc7.txt");
/** Imports (and nested uploads) during which another user's page is probed. */
const IMPORT_PROBE_ROUNDS = 8;
/** Each hostile upload is repeated until this many probes of another user's page are in (at most maxRuns uploads). */
const HOSTILE_PROBES: RepeatBounds = { minProbes: 8, maxRuns: 3 };
/** The nested upload is repeated until this many probes of another user's page are in (at most maxRuns uploads, one at a time). */
const NESTED_PROBES: RepeatBounds = { minProbes: 20, maxRuns: 200 };

/** Requests per side and alternation for the read scenarios, by desk size (bounded run time). */
const readRequests = (_n: number) => 40;
/** Longest any single request may take before the bench gives up on it (ms). */
const REQUEST_TIMEOUT_MS = 120_000;

let args: ReturnType<typeof parseBenchPagesArgs>;
try {
  args = parseBenchPagesArgs(process.argv.slice(2), process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const PG_URL = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/claimledger_bench_pages";

// ---------------------------------------------------------------------------------------------
// HTTP client: node:http with keep-alive, bounded by request count and a per-request timeout.

/**
 * Single requests (probes, set-up) open a connection each; a load batch keeps its own keep-alive
 * agent and destroys it at the end, so no batch reuses a socket the server closed while idle
 * ("socket hang up").
 */
const singleAgent = new http.Agent({ keepAlive: false });

interface Req {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}
interface Res {
  status: number;
  ms: number;
  body: string;
}

function request(base: string, r: Req, agent: http.Agent = singleAgent): Promise<Res> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const u = new URL(r.path, base);
    const req = http.request(
      { agent, host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, method: r.method ?? "GET", headers: { ...(r.body ? { "Content-Length": String(Buffer.byteLength(r.body)) } : {}), ...r.headers }, timeout: REQUEST_TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer in ${REQUEST_TIMEOUT_MS / 1000} s: ${r.method ?? "GET"} ${r.path}`)));
    req.on("error", reject);
    if (r.body) req.write(r.body);
    req.end();
  });
}

interface Batch {
  summary: LoadSummary;
  latencies: number[];
  errors: number;
  firstError?: string;
}

/** `total` requests from `concurrency` loops (request i from make(i)); never more, whatever happens. */
async function load(base: string, total: number, concurrency: number, make: (i: number) => Req, inspect?: (res: Res) => void): Promise<Batch> {
  let next = 0;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      while (next < total) {
        const i = next++;
        try {
          const res = await request(base, make(i), agent);
          latencies.push(res.ms);
          inspect?.(res);
          if (res.status >= 400) {
            errors += 1;
            firstError ??= `HTTP ${res.status}: ${res.body.slice(0, 200)}`;
          }
        } catch (error) {
          errors += 1;
          firstError ??= (error as Error).message;
        }
      }
    }),
  );
  const wall = performance.now() - t0;
  agent.destroy();
  return { summary: summarize(latencies, wall), latencies, errors, firstError };
}

// ---------------------------------------------------------------------------------------------
// One desk under test

interface Session {
  user: (typeof DESK_USERS)[number];
  cookie: string;
  token: string;
}

interface Bench {
  n: number;
  base: string;
  rawBase: string;
  sessions: Session[];
  tokens: Map<string, string>;
}

/** Claims a user may open: editors any listed claim, reviewers their own (k mod 10 picks the status). */
function claimsFor(n: number, user: Session["user"], count: number, offset: number): string[] {
  const out: string[] = [];
  for (let k = (offset * 7919) % n, tries = 0; out.length < count && tries < n; k = (k + 7919) % n, tries++) {
    if (user.role !== "REVIEWER" || assigneeOf(k) === user.id) out.push(claimIdOf(k));
  }
  return out;
}

/** Claims in `status` assigned to `reviewer`, in order (the write scenarios take each one once). */
function poolOf(n: number, reviewer: string, statuses: string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < n; k++) if (statuses.includes(statusOf(k)) && assigneeOf(k) === reviewer) out.push(claimIdOf(k));
  return out;
}

const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d }) : "—");
const line = (label: string, s: LoadSummary, errors: number) =>
  `    ${label.padEnd(6)} ${fmt(s.reqPerS).padStart(8)} req/s  p50 ${fmt(s.p50).padStart(7)} ms  p95 ${fmt(s.p95).padStart(7)} ms  p99 ${fmt(s.p99).padStart(7)} ms  (${s.requests} requests${errors ? `, ${errors} FAILED` : ""})`;

interface ScenarioResult {
  name: string;
  route: LoadSummary;
  raw: LoadSummary;
  /** median over alternations of route req/s ÷ raw req/s */
  ratio: number;
  errors: number;
}

/**
 * Runs one scenario interleaved: `alternations` times route then raw (odd ones raw then route), each
 * side `perSide` requests from 20 sessions. `make(side, alternation, i)` builds request i.
 */
async function scenario(b: Bench, name: string, perSide: number, make: (side: "route" | "raw", alt: number, i: number) => Req, concurrency = SESSIONS): Promise<ScenarioResult> {
  const route: Batch[] = [];
  const raw: Batch[] = [];
  for (let alt = 0; alt < args.alternations; alt++) {
    for (const side of sidesInTurn<"route" | "raw">(alt, "route", "raw")) {
      const batch = await load(side === "route" ? b.base : b.rawBase, perSide, concurrency, (i) => make(side, alt, i));
      (side === "route" ? route : raw).push(batch);
    }
  }
  const pooled = (bs: Batch[]) => {
    const latencies = bs.flatMap((x) => x.latencies);
    const wall = bs.reduce((s, x) => s + (x.summary.requests * 1000) / x.summary.reqPerS, 0);
    return summarize(latencies, wall);
  };
  const result: ScenarioResult = {
    name,
    route: pooled(route),
    raw: pooled(raw),
    ratio: medianRatio(route.map((x) => x.summary.reqPerS), raw.map((x) => x.summary.reqPerS)),
    errors: [...route, ...raw].reduce((s, x) => s + x.errors, 0),
  };
  console.log(`  ${name}`);
  console.log(line("route", result.route, route.reduce((s, x) => s + x.errors, 0)));
  console.log(line("raw", result.raw, raw.reduce((s, x) => s + x.errors, 0)));
  const firstError = [...route, ...raw].find((x) => x.firstError)?.firstError;
  if (firstError) console.log(`    first failure: ${firstError}`);
  console.log(`    route ÷ raw req/s, median of ${args.alternations} alternations: ${fmt(result.ratio, 2)}×`);
  return result;
}

const articleText = readFileSync(ARTICLE_FILE, "utf8");
let importNonce = 0;
/** The 572-word demo article with a first line of its own, so every import is a new article. */
function importBody(label: string): string {
  importNonce += 1;
  return JSON.stringify({ title: `Bench import ${label} ${importNonce}`, outlet: "Bench Wire", text: `Bench import ${label} ${importNonce} ${randomBytes(4).toString("hex")}.\n${articleText}` });
}

/** POST /api/v1/articles of the 572-word article (importBody: a new text each time) with `userId`'s REST token from `tokens`. */
const importRequest = (tokens: Map<string, string>, userId: string, label: string): Req => ({
  method: "POST",
  path: "/api/v1/articles",
  headers: { Authorization: `Bearer ${tokens.get(userId)!}`, "Content-Type": "application/json" },
  body: importBody(label),
});

/**
 * Latency (ms) of `probe` requests while `during` runs, sequential, at most `max` probes; the first
 * probe goes `startDelayMs` after the call (with 0 it goes at once, so a short run is probed too).
 */
async function probeWhile(b: Bench, during: Promise<unknown>, probe: () => Req, max = 400, startDelayMs = 20): Promise<number[]> {
  let done = false;
  void during.finally(() => (done = true)).catch(() => undefined);
  const out: number[] = [];
  if (startDelayMs > 0) await sleep(startDelayMs);
  for (let i = 0; !done && i < max; i++) {
    out.push((await request(b.base, probe())).ms);
    await sleep(25);
  }
  await during.catch(() => undefined);
  return out;
}

/**
 * Latency (ms) of `probe` requests during `start`, run in rounds one after another: each round
 * starts one run and probes at once, then as long as the run lasts (probeWhile with no start delay,
 * so even a run of a few ms is probed once). Rounds go on until `bounds.minProbes` probes are in or
 * `bounds.maxRuns` rounds were run (keepRepeating).
 */
async function probeWhileRepeating(b: Bench, bounds: RepeatBounds, start: () => Promise<unknown>, probe: () => Req): Promise<number[]> {
  const out: number[] = [];
  for (let runs = 0; keepRepeating(out.length, runs, bounds); runs++) out.push(...(await probeWhile(b, start(), probe, 400, 0)));
  return out;
}

async function idleLatency(b: Bench, probe: () => Req, count = 15): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push((await request(b.base, probe())).ms);
  return median(out);
}

async function insertTokens(url: string): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  const rows = DESK_USERS.map((u) => {
    const secret = `clk_${randomBytes(32).toString("base64url")}`;
    tokens.set(u.id, secret);
    return [`tk${u.id}`, `bench ${u.id}`, "WRITE", createHash("sha256").update(secret, "utf8").digest("hex"), secret.slice(0, 10), u.id, DESK_USERS[0]!.id];
  });
  const sql = `INSERT INTO "ApiToken" (id, name, scope, "tokenHash", prefix, "userId", "createdById", "createdAt") VALUES `;
  if (url.startsWith("file:")) {
    const db = new Database(url.slice(5));
    const st = db.prepare(`${sql}(?, ?, ?, ?, ?, ?, ?, ?)`);
    db.transaction(() => rows.forEach((r) => st.run(...r, new Date().toISOString().replace("Z", "+00:00"))))();
    db.close();
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const r of rows) await client.query(`${sql}($1, $2, $3, $4, $5, $6, $7, now())`, r);
    await client.end();
  }
  return tokens;
}

/**
 * The desk's database for a run: a scratch copy of the cached SQLite desk (`<label>-<n>.db` beside the
 * cache), or a freshly generated PostgreSQL one in `pgUrl`.
 */
async function deskForRun(n: number, label = "run", pgUrl = PG_URL): Promise<string> {
  if (args.database === "postgresql") return pgDesk(ROOT, pgUrl, n);
  if (n === 0) return sqliteDesk(ROOT, 0, { fresh: true });
  const cached = (await sqliteDesk(ROOT, n)).slice(5);
  const scratch = path.join(path.dirname(cached), `${label}-${n}.db`);
  removeSqliteFiles(scratch);
  copyFileSync(cached, scratch);
  return `file:${scratch}`;
}

/** Deletes a SQLite database file with its WAL and shared-memory files (absent ones are skipped). */
function removeSqliteFiles(file: string): void {
  for (const s of ["", "-wal", "-shm"]) rmSync(file + s, { force: true });
}

/** The bench's `next start` environment for a desk: its database, a fixed secret, rate limits raised. */
const nextEnv = (url: string): Record<string, string> => ({
  DATABASE_URL: url,
  NEXTAUTH_SECRET: "bench-pages-secret-not-for-production",
  API_RATE_LIMIT_PER_TOKEN: "1000000",
  API_RATE_LIMIT_PER_IP: "1000000",
  ACTION_RATE_LIMIT_PER_USER: "1000000",
  IMPORT_RATE_LIMIT_PER_USER: "1000000",
});

/** `next start` on the desk (--port) and the raw baseline (--port + 1), the 20 sessions signed in; `tokens` are the users' REST tokens already in the desk (insertTokens). */
async function startBench(n: number, url: string, tokens: Map<string, string>): Promise<{ bench: Bench; stop: () => void }> {
  const rawPort = await freePort(args.port + 1);
  const raw = startDetached(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "lib", "bench-raw-server.ts")], {
    cwd: ROOT,
    env: { ...process.env, RAW_DATABASE_URL: url, RAW_PORT: String(rawPort) },
  });
  const stopRaw = () => stopChild(raw.child);
  let next: Awaited<ReturnType<typeof startNextServer>>;
  try {
    await waitUntilUp(`http://127.0.0.1:${rawPort}/health`, raw, 60_000);
    next = await startNextServer(ROOT, args.port, nextEnv(url));
  } catch (error) {
    stopRaw();
    throw error;
  }
  const stop = () => {
    stopChild(next.child);
    stopRaw();
  };
  try {
    const sessions: Session[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      const user = DESK_USERS[i % DESK_USERS.length]!;
      sessions.push({ user, cookie: await signIn(next.base, user.email, DESK_PASSWORD), token: tokens.get(user.id)! });
    }
    return { bench: { n, base: next.base, rawBase: `http://127.0.0.1:${rawPort}`, sessions, tokens }, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

const asUser = (s: Session, side: "route" | "raw"): Record<string, string> => (side === "route" ? { Cookie: s.cookie } : { "x-bench-user": s.user.id });
const bearer = (b: Bench, userId: string) => ({ Authorization: `Bearer ${b.tokens.get(userId)!}` });

// ---------------------------------------------------------------------------------------------
// Desk growth: the claims list on the small and the large desk at once, at the same rows shown.

/** One desk of the growth group: its own `next start` (same build) and the same 20 sessions' users signed in. */
interface GrowthSide {
  n: number;
  base: string;
  cookies: string[];
  stop: () => void;
}

/** A filter of the growth group; `path` is the list's URL for session `s` (index `si`) without a page size. */
interface GrowthFilter {
  key: "listNone" | "listStatus" | "listSearch";
  label: string;
  path: (user: (typeof DESK_USERS)[number], si: number) => string;
}

/**
 * The list's three filters as each session would use them: no filter; a status with an assignee (a
 * reviewer their own in-review claims, an editor a reviewer's); a text search whose matches fill a page
 * for every user on both desks (reviewers included: "unemployment capital" matches no claim of eight of
 * the ten reviewers, so their pages would be empty on both desks).
 */
const GROWTH_FILTERS: readonly GrowthFilter[] = [
  { key: "listNone", label: "no filter", path: () => "/claims" },
  { key: "listStatus", label: "status + assignee", path: (user, si) => `/claims?status=IN_REVIEW&assigneeId=${user.role === "REVIEWER" ? user.id : REVIEWERS[si % REVIEWERS.length]!.id}` },
  { key: "listSearch", label: "text search", path: () => "/claims?q=capital+percent" },
];

interface GrowthResult {
  key: GrowthFilter["key"];
  label: string;
  /** the page size both desks were measured at (rows shown), null when no offered size fills every page */
  perPage: number | null;
  /** every row count a measured response showed, per desk */
  rows: { small: number[]; large: number[] };
  small: LoadSummary;
  large: LoadSummary;
  /** median over alternations of p50(large) ÷ p50(small) */
  ratio: number;
  errors: number;
}

/** Rows of the claims table in a list page's HTML. */
const rowsShown = (html: string) => html.split('data-testid="claim-row"').length - 1;
const withPerPage = (p: string, size: number) => `${p}${p.includes("?") ? "&" : "?"}perPage=${size}`;
const kilo = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));
/** A PostgreSQL database of the bench's own beside BENCH_PG_URL's: that name with `suffix` appended. */
function siblingPgUrl(suffix: string): string {
  const u = new URL(PG_URL);
  u.pathname = `${u.pathname}${suffix}`;
  return u.toString();
}
/** The growth group's PostgreSQL database for a desk: BENCH_PG_URL's name with `_growth_<n>`. */
const growthPgUrl = (n: number) => siblingPgUrl(`_growth_${n}`);
/** The empty desk's PostgreSQL database (import group): BENCH_PG_URL's name with `_empty`. */
const EMPTY_PG_URL = siblingPgUrl("_empty");

async function startGrowthSide(n: number, url: string, port: number): Promise<GrowthSide> {
  const next = await startNextServer(ROOT, port, nextEnv(url));
  const stop = () => stopChild(next.child);
  try {
    const cookies: string[] = [];
    for (let i = 0; i < SESSIONS; i++) cookies.push(await signIn(next.base, DESK_USERS[i % DESK_USERS.length]!.email, DESK_PASSWORD));
    return { n, base: next.base, cookies, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

/**
 * The growth group: `next start` on the small and on the large desk at once (ports --port and
 * --port+1), the same 20 sessions' users signed in on both. Per filter: every session's page read
 * once on both desks at the largest size, the page size chosen as the largest one the list offers that
 * every page fills on both desks (so both show the same rows), then `alternations` batches on each
 * desk, small first then large first in turn; p50 / p95 of each side, the rows each response showed,
 * and the median of the per-alternation p50 ratios (large ÷ small).
 */
async function measureGrowth([small, large]: [number, number]): Promise<GrowthResult[]> {
  console.log(`\n▸ desk growth: the claims list on ${small.toLocaleString("en-US")} and ${large.toLocaleString("en-US")} claims at once (two servers, same build; ${SESSIONS} sessions on each); load ${uptimeLine().replace(/^.*load average:\s*/, "")}`);
  const urls: string[] = [];
  const sides: GrowthSide[] = [];
  try {
    for (const n of [small, large]) urls.push(await deskForRun(n, "growth", growthPgUrl(n)));
    for (const [i, n] of [small, large].entries()) sides.push(await startGrowthSide(n, urls[i]!, args.port + i));
    const [s, l] = sides as [GrowthSide, GrowthSide];
    const per = readRequests(large);
    const results: GrowthResult[] = [];
    for (const filter of GROWTH_FILTERS) {
      const pathOf = (si: number) => filter.path(DESK_USERS[si % DESK_USERS.length]!, si);
      // Every session's page at the largest size, on both desks (also the warm-up).
      const most = Math.max(...CLAIM_PAGE_SIZES);
      const probed: number[] = [];
      for (const side of sides) for (let si = 0; si < SESSIONS; si++) probed.push(rowsShown((await request(side.base, { path: withPerPage(pathOf(si), most), headers: { Cookie: side.cookies[si]! } })).body));
      const perPage = largestFilledSize(CLAIM_PAGE_SIZES, probed);
      const size = perPage ?? Math.min(...CLAIM_PAGE_SIZES);
      const rows = { small: [] as number[], large: [] as number[] };
      const batches = { small: [] as Batch[], large: [] as Batch[] };
      for (let alt = 0; alt < args.alternations; alt++) {
        for (const side of sidesInTurn(alt, s, l)) {
          const which = side === s ? "small" : "large";
          const batch = await load(side.base, per, SESSIONS, (i) => ({ path: withPerPage(pathOf(i % SESSIONS), size), headers: { Cookie: side.cookies[i % SESSIONS]! } }), (res) => rows[which].push(rowsShown(res.body)));
          batches[which].push(batch);
        }
      }
      const pooled = (bs: Batch[]) => summarize(bs.flatMap((x) => x.latencies), bs.reduce((sum, x) => sum + (x.summary.requests * 1000) / x.summary.reqPerS, 0));
      const result: GrowthResult = {
        key: filter.key,
        label: filter.label,
        perPage,
        rows,
        small: pooled(batches.small),
        large: pooled(batches.large),
        ratio: medianRatio(batches.large.map((x) => x.summary.p50), batches.small.map((x) => x.summary.p50)),
        errors: [...batches.small, ...batches.large].reduce((sum, x) => sum + x.errors, 0),
      };
      const span = (xs: number[]) => (xs.length ? (Math.min(...xs) === Math.max(...xs) ? String(xs[0]) : `${Math.min(...xs)}–${Math.max(...xs)}`) : "—");
      console.log(`  claims list, ${filter.label}: ${perPage === null ? `no offered page size is filled by every page (fewest rows ${Math.min(...probed)}), measured at ${size}` : `${perPage} rows a page (?perPage=${perPage}: the largest size the list offers that every session's page fills on both desks)`}`);
      console.log(`    ${kilo(small).padEnd(5)} p50 ${fmt(result.small.p50).padStart(7)} ms  p95 ${fmt(result.small.p95).padStart(7)} ms  ${fmt(result.small.reqPerS).padStart(6)} req/s  rows shown ${span(rows.small)} (${result.small.requests} requests)`);
      console.log(`    ${kilo(large).padEnd(5)} p50 ${fmt(result.large.p50).padStart(7)} ms  p95 ${fmt(result.large.p95).padStart(7)} ms  ${fmt(result.large.reqPerS).padStart(6)} req/s  rows shown ${span(rows.large)} (${result.large.requests} requests)`);
      const firstError = [...batches.small, ...batches.large].find((x) => x.firstError)?.firstError;
      if (firstError) console.log(`    ${result.errors} FAILED; first failure: ${firstError}`);
      console.log(`    p50 ${kilo(large)} ÷ ${kilo(small)}, median of ${args.alternations} alternations: ${fmt(result.ratio, 2)}× (target ≤ 1.5×) ${growthTarget(result, small, large).figure <= 1.5 ? "met" : "NOT met"}`);
      results.push(result);
    }
    return results;
  } finally {
    for (const side of sides) side.stop();
    if (args.database === "sqlite") for (const url of urls) removeSqliteFiles(url.slice(5));
    else for (const n of [small, large]) await recreatePgDatabase(growthPgUrl(n), true).catch(() => undefined);
  }
}

/**
 * The target of one growth filter: p50 on the large desk ÷ on the small one, measured side by side at
 * the same rows shown; not measured (NaN) when the rows differed or a request failed.
 */
function growthTarget(r: GrowthResult, small: number, large: number): Target {
  const all = [...r.rows.small, ...r.rows.large];
  const equal = r.perPage !== null && all.length > 0 && all.every((x) => x === r.perPage);
  const note = equal ? `${r.perPage} rows on both, interleaved` : `rows shown differ (${kilo(small)} ${Math.min(...r.rows.small)}–${Math.max(...r.rows.small)}, ${kilo(large)} ${Math.min(...r.rows.large)}–${Math.max(...r.rows.large)})`;
  return { what: `claims list (${r.label}) p50 at ${kilo(large)} ÷ p50 at ${kilo(small)}, ${note}`, figure: equal && r.errors === 0 ? r.ratio : Number.NaN, op: "<=", limit: 1.5, unit: "×" };
}

/** The scenario groups (`--only`) this run measures. */
const runs = (group: BenchGroup) => !args.only || args.only.includes(group);

interface SizeResult {
  n: number;
  scenarios: Record<string, ScenarioResult>;
  /** the import group's figures, absent when `--only` leaves it out */
  imports?: ImportFigures;
  /** the hostile group's figures, one per kind, absent when `--only` leaves it out */
  hostile?: HostileFigure[];
  fts: string | null;
  statements: Statements;
}

interface ImportFigures {
  vsEmpty: EmptyDeskComparison;
  duringImport: { idle: number; during: number; worst: number };
  nested: { ms: number; answer: string; probe: number; idle: number };
  bigText: { ms: number; status: number; probe: number; idle: number };
}

/** One hostile upload kind: its slowest answer (ms), the answer, and another user's page during it vs idle (p50 ms). */
interface HostileFigure {
  kind: string;
  ms: number;
  answer: string;
  expected: "refused" | "parsed";
  probe: number;
  idle: number;
}

interface Statements {
  claimPage: number | null;
  addEvidence: number | null;
  proposeVerdict: number | null;
}

/**
 * Statements per request, counted in a separate process with the app's code under NODE_ENV=test
 * (scripts/lib/bench-statements.ts), on claims the load left alone. Nulls when it fails (printed).
 */
function countStatements(url: string, b: Bench, pageClaim: string): Statements {
  const reviewer = REVIEWERS[0]!;
  const editor = DESK_USERS[1]!;
  const input = {
    editor: { id: editor.id, email: editor.email, name: editor.name, role: editor.role },
    token: b.tokens.get(reviewer.id),
    pageClaim,
    evidenceClaim: poolOf(b.n, reviewer.id, ["ASSIGNED"])[0],
    verdictClaim: poolOf(b.n, reviewer.id, ["IN_REVIEW"])[0],
    version: CLAIM_VERSION,
  };
  const run = spawnSync(path.join(ROOT, "node_modules", ".bin", "tsx"), ["--conditions=react-server", path.join(ROOT, "scripts", "lib", "bench-statements.ts")], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "warn", DATABASE_URL: url, BENCH_STATEMENTS: JSON.stringify(input) },
    encoding: "utf8",
    timeout: 180_000,
  });
  const last = run.stdout?.split("\n").find((l) => l.startsWith('{"claimPage"'));
  if (run.status !== 0 || !last) {
    console.log(`  statement count failed (${run.status ?? run.signal}): ${(run.stderr || run.stdout || "").slice(-400)}`);
    return { claimPage: null, addEvidence: null, proposeVerdict: null };
  }
  return JSON.parse(last) as Statements;
}

function serverActionId(name: string): string {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next", "server", "server-reference-manifest.json"), "utf8")) as { node: Record<string, { exportedName?: string; filename?: string }> };
  const hit = Object.entries(manifest.node).find(([, v]) => v.exportedName === name && v.filename?.includes("articles/new"));
  if (!hit) throw new Error(`server action ${name} not found in the build's manifest`);
  return hit[0];
}

/** The preview upload of the import page, as the browser sends it: multipart, React's reply encoding of one FormData argument. */
function uploadRequest(b: Bench, session: Session, fileName: string, content: string): Req {
  const boundary = `----bench${randomBytes(8).toString("hex")}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_1_file"; filename="${fileName}"\r\nContent-Type: text/html\r\n\r\n`),
    Buffer.from(content, "utf8"),
    Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$K1"]\r\n--${boundary}--\r\n`),
  ]);
  return {
    method: "POST",
    path: "/articles/new",
    headers: { Cookie: session.cookie, "Next-Action": serverActionId("previewFileAction"), Origin: b.base, Accept: "text/x-component", "Content-Type": `multipart/form-data; boundary=${boundary}` },
    body,
  };
}

async function measureSize(n: number): Promise<SizeResult> {
  console.log(`\n▸ desk of ${n.toLocaleString("en-US")} claims (${args.database}); load ${uptimeLine().replace(/^.*load average:\s*/, "")}`);
  const url = await deskForRun(n);
  let vsEmpty: EmptyDeskComparison | undefined;
  let tokens: Map<string, string>;
  try {
    tokens = await insertTokens(url);
    // Before the desk's own server starts, so the two servers compared have served nothing else.
    if (runs("import")) vsEmpty = await importVsEmptyDesk(url, tokens);
  } catch (error) {
    if (args.database === "sqlite") removeSqliteFiles(url.slice(5));
    throw error;
  }
  const { bench: b, stop } = await startBench(n, url, tokens);
  try {
    const per = readRequests(n);
    const claimLists = b.sessions.map((s, i) => claimsFor(n, s.user, 64, i));
    const reviewerOf = (i: number) => REVIEWERS[i % REVIEWERS.length]!;
    const sessionOf = (i: number) => b.sessions[i % b.sessions.length]!;
    // Warm-up: every route once per session kind.
    for (const s of b.sessions.slice(0, 4)) {
      await request(b.base, { path: `/claims/${claimLists[b.sessions.indexOf(s)]![0]}`, headers: { Cookie: s.cookie } });
      await request(b.base, { path: "/claims", headers: { Cookie: s.cookie } });
      await request(b.base, { path: "/account", headers: { Cookie: s.cookie } });
      await request(b.base, { path: "/api/v1/claims?q=unemployment", headers: bearer(b, s.user.id) });
    }
    const scenarios: Record<string, ScenarioResult> = {};
    if (runs("claim-page")) scenarios.claimPage = await scenario(b, "claim page, 20 sessions", per, (side, alt, i) => {
      const s = sessionOf(i);
      const list = claimLists[i % b.sessions.length]!;
      return { path: `/claims/${list[(alt * per + i) % list.length]}`, headers: asUser(s, side) };
    });
    if (runs("lists")) {
      scenarios.listNone = await scenario(b, "claims list, no filter", per, (side, _alt, i) => ({ path: "/claims", headers: asUser(sessionOf(i), side) }));
      scenarios.listStatus = await scenario(b, "claims list, status + assignee", per, (side, _alt, i) => ({
        path: `/claims?status=IN_REVIEW&assigneeId=${reviewerOf(i).id}`,
        headers: asUser(sessionOf(i), side),
      }));
      scenarios.listSearch = await scenario(b, "claims list, text search", per, (side, _alt, i) => ({ path: "/claims?q=unemployment+capital", headers: asUser(sessionOf(i), side) }));
    }
    if (runs("search")) scenarios.search = await scenario(b, "search, REST GET /api/v1/claims?q=", per, (side, _alt, i) => {
      const s = sessionOf(i);
      return side === "route" ? { path: "/api/v1/claims?q=unemployment+capital&limit=50", headers: bearer(b, s.user.id) } : { path: "/api/claims?q=unemployment+capital&limit=50", headers: bearer(b, s.user.id) };
    });

    // Writes: reviewers' tokens, 20 loops. Evidence goes onto assigned claims (repeatedly: it overwrites
    // nothing); each proposal takes a fresh in-review claim, route and raw from disjoint halves.
    // The first claim of each pool is kept out of the load: the statement count below writes to it.
    const evidencePools = REVIEWERS.map((r) => poolOf(n, r.id, ["ASSIGNED"]).slice(1));
    const proposePools = REVIEWERS.map((r) => poolOf(n, r.id, ["IN_REVIEW"]).slice(1));
    const minPropose = Math.min(...proposePools.map((p) => p.length));
    // Request i goes to reviewer i mod 10, so a batch is a multiple of 10 requests, and no reviewer
    // proposes on more claims over all alternations than half their pool holds.
    const perReviewer = Math.max(1, Math.min(per / REVIEWERS.length, Math.floor(Math.floor(minPropose / 2) / args.alternations)));
    const perWrite = perReviewer * REVIEWERS.length;
    // A documentation address (RFC 5737): the route's archive step refuses it at once and records the
    // FAILED archive in its own small transaction. A host name that does not resolve measured the
    // resolver instead (source.example: 5–10 s per look-up under 20 concurrent requests).
    const evidenceBody = (i: number) => JSON.stringify({ url: `https://192.0.2.1/bench/${i}`, title: `Bench source ${i}`, publisher: "Bench Agency", quote: `The agency counted ${i} cases.`, stance: "REFUTES" });
    if (runs("writes")) scenarios.addEvidence = await scenario(b, "REST add-evidence", perWrite, (side, alt, i) => {
      const r = reviewerOf(i);
      const pool = evidencePools[i % REVIEWERS.length]!;
      const claim = pool[Math.floor(i / REVIEWERS.length + alt) % pool.length];
      return { method: "POST", path: side === "route" ? `/api/v1/claims/${claim}/evidence` : `/api/claims/${claim}/evidence`, headers: { ...bearer(b, r.id), "Content-Type": "application/json" }, body: evidenceBody(i) };
    });
    const used = REVIEWERS.map(() => ({ route: 0, raw: 0 }));
    if (runs("writes")) scenarios.proposeVerdict = await scenario(b, "REST propose-verdict", perWrite, (side, _alt, i) => {
      const ri = i % REVIEWERS.length;
      const pool = proposePools[ri]!;
      const half = Math.floor(pool.length / 2);
      const index = used[ri]![side]++;
      const claim = side === "route" ? pool[index % half] : pool[half + (index % half)];
      return {
        method: "POST",
        path: side === "route" ? `/api/v1/claims/${claim}/verdict` : `/api/claims/${claim}/verdict`,
        headers: { ...bearer(b, REVIEWERS[ri]!.id), "Content-Type": "application/json", "If-Match": `"v${CLAIM_VERSION}"` },
        body: JSON.stringify({ rating: "FALSE", rationale: `The agency's count (${i}) says otherwise.` }),
      };
    });
    const imports = vsEmpty ? { vsEmpty, ...(await measureImports(b, claimLists)) } : undefined;
    const hostile = runs("hostile") ? await measureHostile(b, claimLists) : undefined;
    if (runs("floor")) {
      // The floor: the cheapest signed-in page (the account page: the shell plus one read of the
      // user's name), against the raw claim page and the raw list. Not a target: it shows how far any
      // page of this stack (Next.js App Router, next-auth, Prisma) can get towards the raw baseline.
      scenarios.floorClaim = await scenario(b, "floor: /account ÷ raw claim page", per, (side, alt, i) => {
        const list = claimLists[i % b.sessions.length]!;
        return { path: side === "route" ? "/account" : `/claims/${list[(alt * per + i) % list.length]}`, headers: asUser(sessionOf(i), side) };
      });
      scenarios.floorList = await scenario(b, "floor: /account ÷ raw claims list", per, (side, _alt, i) => ({ path: side === "route" ? "/account" : "/claims", headers: asUser(sessionOf(i), side) }));
      // Below the page: a route handler that reads the session through the proxy (next-auth's session
      // endpoint), and the health check, a route handler answering a constant that the proxy skips.
      scenarios.floorSession = await scenario(b, "floor: /api/auth/session ÷ raw claim page", per, (side, alt, i) => {
        const list = claimLists[i % b.sessions.length]!;
        return { path: side === "route" ? "/api/auth/session" : `/claims/${list[(alt * per + i) % list.length]}`, headers: asUser(sessionOf(i), side) };
      });
      scenarios.floorHealth = await scenario(b, "floor: /api/health ÷ raw claim page", per, (side, alt, i) => {
        const list = claimLists[i % b.sessions.length]!;
        return { path: side === "route" ? "/api/health" : `/claims/${list[(alt * per + i) % list.length]}`, headers: asUser(sessionOf(i), side) };
      });
    }

    const fts = await searchIndexOf(url);
    stop();
    const statements = countStatements(url, b, claimLists[1]![0]!);
    console.log(`  SQL statements: claim page data ${statements.claimPage ?? "?"}, REST add-evidence ${statements.addEvidence ?? "?"}, REST propose-verdict ${statements.proposeVerdict ?? "?"}`);
    return { n, scenarios, imports, hostile, fts, statements };
  } finally {
    stop();
    if (args.database === "sqlite") removeSqliteFiles(url.slice(5));
  }
}

/** This desk's import against the same import into an empty desk, both served at once (importVsEmptyDesk). */
interface EmptyDeskComparison {
  /** each alternation's import time (ms, request sent → answer read) on this desk and on the empty one */
  deskMs: number[];
  emptyMs: number[];
  /** median over alternations of desk ms ÷ empty ms */
  ratio: number;
  /** imports not answered 201 (new article), on either side */
  errors: number;
}

/** Imports into each server of the comparison before it is measured (extraction pool threads started, code warm). */
const IMPORT_WARM_UPS = 2;
/**
 * Alternations of the comparison with an empty desk: --alternations, but at least 9. One import a
 * side is a single sample (0.7–2.7× apart between alternations at load 17 on 2 cores, with both
 * servers on the same empty desk), so the median needs more of them than a batch of 40 requests does.
 */
const importAlternations = () => Math.max(args.alternations, 9);

/**
 * Issue 13's "import into the 100k desk ≤ 1.5× the same import into an empty desk", interleaved: two
 * `next start` at once, started for this comparison alone (no sessions, no raw baseline, nothing
 * served before): one on the desk at `deskUrl` (--port + 2), one on an empty desk (--port + 3) built
 * from the same migrations with the same 14 users and no claims (a fresh SQLite file, or the database
 * `<BENCH_PG_URL's name>_empty`, created and dropped here). An editor imports the 572-word article
 * into each in turn, IMPORT_WARM_UPS times, then importAlternations() times, this desk first then the
 * empty one first, one import at a time. Every import is a new text (importBody), so neither side
 * answers from its duplicate check (same SHA-256 → the existing article, no extraction), and both
 * sides hold the same bench imports before each round, so matching a new claim against earlier
 * imports costs the same on both. `deskTokens`: the REST tokens already in the desk (insertTokens).
 * Returns each side's times and the median of the per-alternation ratios; failed imports are
 * counted, not thrown; the servers are stopped and the empty desk deleted before it returns.
 */
async function importVsEmptyDesk(deskUrl: string, deskTokens: Map<string, string>): Promise<EmptyDeskComparison> {
  const editor = DESK_USERS[1]!.id;
  const emptyUrl = await deskForRun(0, "empty", EMPTY_PG_URL);
  const servers: Awaited<ReturnType<typeof startNextServer>>[] = [];
  try {
    const emptyTokens = await insertTokens(emptyUrl);
    servers.push(await startNextServer(ROOT, args.port + 2, nextEnv(deskUrl)));
    servers.push(await startNextServer(ROOT, args.port + 3, nextEnv(emptyUrl)));
    const desk = { label: "desk", base: servers[0]!.base, tokens: deskTokens, ms: [] as number[] };
    const blank = { label: "empty", base: servers[1]!.base, tokens: emptyTokens, ms: [] as number[] };
    for (let w = 0; w < IMPORT_WARM_UPS; w++) for (const side of sidesInTurn(w, desk, blank)) await request(side.base, importRequest(side.tokens, editor, "warm-up"));
    let errors = 0;
    let firstError: string | undefined;
    for (let alt = 0; alt < importAlternations(); alt++) {
      for (const side of sidesInTurn(alt, desk, blank)) {
        const res = await request(side.base, importRequest(side.tokens, editor, side.label));
        side.ms.push(res.ms);
        if (res.status !== 201) {
          errors += 1;
          firstError ??= `${side.label}: HTTP ${res.status} ${res.body.slice(0, 200)}`;
        }
      }
    }
    const result: EmptyDeskComparison = { deskMs: desk.ms, emptyMs: blank.ms, ratio: medianRatio(desk.ms, blank.ms), errors };
    const ratios = desk.ms.map((ms, i) => fmt(ms / blank.ms[i]!, 2)).join(", ");
    console.log(`  import of the 572-word article into this desk (${desk.base}) and into an empty desk (${blank.base}), two servers at once, ${IMPORT_WARM_UPS} warm-ups each, then ${importAlternations()} alternations (this desk first, then the empty one first):`);
    console.log(`    this desk  median ${fmt(median(desk.ms)).padStart(8)} ms  (${desk.ms.map((x) => fmt(x, 0)).join(", ")})`);
    console.log(`    empty desk median ${fmt(median(blank.ms)).padStart(8)} ms  (${blank.ms.map((x) => fmt(x, 0)).join(", ")})`);
    if (firstError) console.log(`    ${errors} FAILED; first failure: ${firstError}`);
    console.log(`    desk ÷ empty per alternation ${ratios}; median ${fmt(result.ratio, 2)}× (target ≤ 1.5×) ${!errors && result.ratio <= 1.5 ? "met" : "NOT met"}`);
    return result;
  } finally {
    for (const server of servers) stopChild(server.child);
    if (args.database === "sqlite") removeSqliteFiles(emptyUrl.slice(5));
    else await recreatePgDatabase(EMPTY_PG_URL, true).catch(() => undefined);
  }
}

/**
 * The import group on the desk's server (the comparison with an empty desk, importVsEmptyDesk, runs
 * before it starts): the import scenario against the raw baseline; another user's claim page during
 * imports and idle; the nested upload and 2 MB of text through REST, each with another user's page
 * probed meanwhile.
 */
async function measureImports(b: Bench, claimLists: string[][]): Promise<Omit<ImportFigures, "vsEmpty">> {
  const editor = DESK_USERS[1]!.id;
  // A first import warms the extraction pool up, as on the empty desk.
  await request(b.base, importRequest(b.tokens, editor, "warm-up"));
  await scenario(
    b,
    "import of the 572-word article (REST, one editor, sequential)",
    1,
    (side) => ({ method: "POST", path: side === "route" ? "/api/v1/articles" : "/api/articles", headers: { ...bearer(b, editor), "Content-Type": "application/json" }, body: importBody(side) }),
    1,
  );

  // Another user's claim page during an import, against the same page idle.
  const reader = b.sessions.find((s) => s.user.role === "REVIEWER")!;
  const readerClaim = claimLists[b.sessions.indexOf(reader)]![0]!;
  const probe = (): Req => ({ path: `/claims/${readerClaim}`, headers: { Cookie: reader.cookie } });
  const idle = await idleLatency(b, probe);
  const during: number[] = [];
  for (let i = 0; i < IMPORT_PROBE_ROUNDS; i++) {
    during.push(...(await probeWhile(b, request(b.base, importRequest(b.tokens, editor, "probe")), probe)));
  }
  const duringImport = { idle, during: median(during), worst: Math.max(...during) };
  console.log(`  another user's claim page: idle p50 ${fmt(idle)} ms; during ${IMPORT_PROBE_ROUNDS} imports p50 ${fmt(duringImport.during)} ms, worst ${fmt(duringImport.worst)} ms (${during.length} probes)`);

  // A deeply nested upload (depth 1,500, ~17 KB) through the import page's file preview.
  const nestedHtml = `<!DOCTYPE html><html><head><title>Nested</title></head><body>${"<div>".repeat(1500)}<p>Deep text ${"word ".repeat(60)}</p>${"</div>".repeat(1500)}</body></html>`;
  const editorSession = b.sessions.find((s) => s.user.id === editor)!;
  const nestedIdle = await idleLatency(b, probe);
  // One upload at a time, another user's page probed from its start, round after round until
  // NESTED_PROBES.minProbes probes are in (a refused upload ends in 10–100 ms: one upload alone
  // leaves room for one probe or none).
  let nestedRes: Res | undefined;
  const nestedTimes: number[] = [];
  const nestedProbes = await probeWhileRepeating(b, NESTED_PROBES, async () => {
    nestedRes = await request(b.base, uploadRequest(b, editorSession, "nested.html", nestedHtml));
    nestedTimes.push(nestedRes.ms);
  }, probe);
  const answer = previewAnswer(nestedRes);
  const nested = { ms: nestedTimes.length ? Math.max(...nestedTimes) : Number.NaN, answer, probe: nestedProbes.length ? median(nestedProbes) : nestedIdle, idle: nestedIdle };
  console.log(`  nested upload (${(Buffer.byteLength(nestedHtml) / 1024).toFixed(1)} KB, depth 1,500), ${nestedTimes.length} times: ${answer}, slowest answer ${fmt(nested.ms)} ms; another user's page p50 ${fmt(nested.probe)} ms during it (${nestedProbes.length} probes) vs ${fmt(nestedIdle)} ms idle`);

  // 2 MB of plain text through the REST import.
  const words = "the committee said spending rose again this year while officials disputed the figures ";
  const bigText = `Bench big text ${randomBytes(4).toString("hex")}.\n${words.repeat(Math.ceil(1_990_000 / words.length))}`.slice(0, 1_999_000);
  const bigIdle = await idleLatency(b, probe, 7);
  let bigRes: Res | undefined;
  const bigProbes = await probeWhile(
    b,
    request(b.base, { method: "POST", path: "/api/v1/articles", headers: { ...bearer(b, editor), "Content-Type": "application/json" }, body: JSON.stringify({ title: "Bench 2 MB", outlet: "Bench Wire", text: bigText }) }).then((r) => (bigRes = r)),
    probe,
  );
  const big = { ms: bigRes?.ms ?? Number.NaN, status: bigRes?.status ?? 0, probe: bigProbes.length ? median(bigProbes) : bigIdle, idle: bigIdle };
  console.log(`  2 MB plain text via POST /api/v1/articles: HTTP ${big.status} in ${fmt(big.ms)} ms${big.status >= 400 ? ` (${bigRes?.body.slice(0, 160)})` : ""}; another user's page p50 ${fmt(big.probe)} ms during it (${bigProbes.length} probes) vs ${fmt(bigIdle)} ms idle`);
  return { duringImport, nested, bigText: big };
}

/** An article of `text` saved through POST /api/v1/articles by `session`'s user (importArticle, as the import page's save). */
function saveRequest(b: Bench, session: Session, text: string): Req {
  return { method: "POST", path: "/api/v1/articles", headers: { ...bearer(b, session.user.id), "Content-Type": "application/json" }, body: JSON.stringify({ title: "Bench hostile text", outlet: "Bench Wire", text }) };
}

/** How a save answered: "parsed" (saved, HTTP 2xx), "refused: <message>" (HTTP 4xx with a message), "HTTP <status>" or "no answer". */
function saveAnswer(res: Res | undefined): string {
  if (!res) return "no answer";
  if (res.status >= 200 && res.status < 300) return "parsed";
  const message = /"message":"([^"]*)"/.exec(res.body)?.[1];
  return res.status < 500 && message ? `refused: ${message}` : `HTTP ${res.status}`;
}

/** How the import page's preview answered an upload: "parsed", "refused: <message>", "HTTP <status>" or "no answer". */
function previewAnswer(res: Res | undefined): string {
  if (!res) return "no answer";
  if (/"ok":true/.test(res.body)) return "parsed";
  if (/"ok":false/.test(res.body)) return `refused: ${/"message":"([^"]*)"/.exec(res.body)?.[1] ?? "?"}`;
  return `HTTP ${res.status}`;
}

/**
 * The hostile group: each kind of scripts/lib/hostile-pages.ts uploaded through the import page's
 * preview, one upload at a time in rounds (HOSTILE_PROBES), another user's claim page probed from
 * each upload's start; per kind the slowest answer, the answer, and the probes' p50 vs idle.
 */
async function measureHostile(b: Bench, claimLists: string[][]): Promise<HostileFigure[]> {
  const editor = b.sessions.find((s) => s.user.id === DESK_USERS[1]!.id)!;
  const reader = b.sessions.find((s) => s.user.role === "REVIEWER")!;
  const readerClaim = claimLists[b.sessions.indexOf(reader)]![0]!;
  const probe = (): Req => ({ path: `/claims/${readerClaim}`, headers: { Cookie: reader.cookie } });
  // The first upload starts the pool's worker threads: warm them up with a small page.
  await request(b.base, uploadRequest(b, editor, "warm-up.html", `<html><body><p>${"The council approved $4.5 million. ".repeat(5)}</p></body></html>`));
  const out: HostileFigure[] = [];
  for (const page of hostilePages()) {
    const idle = await idleLatency(b, probe, 7);
    let last: Res | undefined;
    const times: number[] = [];
    const probes = await probeWhileRepeating(b, HOSTILE_PROBES, async () => {
      last = await request(b.base, page.save ? saveRequest(b, editor, page.content) : uploadRequest(b, editor, page.fileName, page.content));
      times.push(last.ms);
    }, probe);
    const figure = { kind: page.kind, ms: times.length ? Math.max(...times) : Number.NaN, answer: page.save ? saveAnswer(last) : previewAnswer(last), expected: page.expect, probe: probes.length ? median(probes) : idle, idle };
    out.push(figure);
    console.log(`  hostile upload: ${page.kind} (${(Buffer.byteLength(page.content) / 1e6).toFixed(2)} MB), ${times.length} times: ${figure.answer.slice(0, 140)}; slowest answer ${fmt(figure.ms)} ms (target ≤ 2,000 ms); another user's page p50 ${fmt(figure.probe)} ms during it (${probes.length} probes) vs ${fmt(idle)} ms idle: ${fmt(figure.probe / idle, 2)}× (target ≤ 2×)`);
  }
  return out;
}

/**
 * The claim search index the desk's database has: "FTS5" (SQLite table ClaimSearch), "tsvector GIN"
 * (PostgreSQL Claim.searchVector), "pg_trgm GIN (unranked)" or null.
 */
async function searchIndexOf(url: string): Promise<string | null> {
  if (url.startsWith("file:")) {
    if (!existsSync(url.slice(5))) return null;
    const db = new Database(url.slice(5), { readonly: true });
    try {
      return db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'ClaimSearch'`).get() ? "FTS5" : null;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (((await client.query(`SELECT 1 FROM pg_indexes WHERE tablename = 'Claim' AND indexdef ILIKE '%gin%searchVector%'`)).rowCount ?? 0) > 0) return "tsvector GIN";
    if (((await client.query(`SELECT 1 FROM pg_indexes WHERE tablename = 'Claim' AND indexdef ILIKE '%gin%trgm%'`)).rowCount ?? 0) > 0) return "pg_trgm GIN (unranked)";
    return null;
  } finally {
    await client.end();
  }
}

function targetsOf(results: SizeResult[], growth: { sizes: [number, number]; results: GrowthResult[] } | null): Target[] {
  const t: Target[] = [];
  const k = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));
  for (const r of results) {
    const s = r.scenarios;
    const at = `[${k(r.n)}]`;
    const im = r.imports;
    if (im) {
      const v = im.vsEmpty;
      t.push({ what: `${at} import ÷ the same import into an empty desk (both served at once, median of ${v.deskMs.length} alternations)`, figure: v.errors ? Number.NaN : v.ratio, op: "<=", limit: 1.5, unit: "×" });
      t.push({ what: `${at} another user's claim page during an import ÷ idle (p50)`, figure: im.duringImport.during / im.duringImport.idle, op: "<=", limit: 2, unit: "×" });
      t.push({ what: `${at} nested upload (depth 1,500) answered (${im.nested.answer})`, figure: im.nested.ms / 1000, op: "<=", limit: 2, unit: "s" });
      t.push({ what: `${at} other users during the nested upload ÷ idle (p50)`, figure: im.nested.probe / im.nested.idle, op: "<=", limit: 2, unit: "×" });
      t.push({ what: `${at} other users during 2 MB of text via REST ÷ idle (p50)`, figure: im.bigText.probe / im.bigText.idle, op: "<=", limit: 2, unit: "×" });
    }
    for (const h of r.hostile ?? []) {
      const answered = h.answer === "parsed" || h.answer.startsWith("refused") ? h.answer.split(":")[0]! : h.answer;
      t.push({ what: `${at} hostile upload "${h.kind}" answered (${answered}${answered === h.expected ? "" : `, expected ${h.expected}`})`, figure: answered === h.expected ? h.ms / 1000 : Number.NaN, op: "<=", limit: 2, unit: "s" });
      t.push({ what: `${at} other users during the hostile upload "${h.kind}" ÷ idle (p50)`, figure: h.probe / h.idle, op: "<=", limit: 2, unit: "×" });
    }
    if (s.claimPage) t.push({ what: `${at} claim page req/s ÷ raw`, figure: s.claimPage.ratio, op: ">=", limit: 0.3, unit: "×" });
    if (s.listNone) t.push({ what: `${at} claims list (no filter) req/s ÷ raw`, figure: s.listNone.ratio, op: ">=", limit: 0.5, unit: "×" });
    if (s.listStatus) t.push({ what: `${at} claims list (status+assignee) req/s ÷ raw`, figure: s.listStatus.ratio, op: ">=", limit: 0.5, unit: "×" });
    if (s.listSearch) t.push({ what: `${at} claims list (text search) req/s ÷ raw`, figure: s.listSearch.ratio, op: ">=", limit: 0.5, unit: "×" });
    if (s.addEvidence) t.push({ what: `${at} add evidence: time ÷ hand-written transaction (raw req/s ÷ route req/s)`, figure: 1 / s.addEvidence.ratio, op: "<=", limit: 3, unit: "×" });
    if (s.proposeVerdict) t.push({ what: `${at} propose verdict: time ÷ hand-written transaction (raw req/s ÷ route req/s)`, figure: 1 / s.proposeVerdict.ratio, op: "<=", limit: 3, unit: "×" });
    t.push({ what: `${at} claim page: SQL statements of its data read`, figure: r.statements.claimPage ?? Number.NaN, op: "<=", limit: 8 });
    t.push({ what: `${at} REST add-evidence: SQL statements`, figure: r.statements.addEvidence ?? Number.NaN, op: "<=", limit: 8 });
    t.push({ what: `${at} REST propose-verdict: SQL statements`, figure: r.statements.proposeVerdict ?? Number.NaN, op: "<=", limit: 8 });
    t.push({ what: `${at} text search through a ranked full-text index (FTS5 / tsvector GIN): ${r.fts ?? "none"}`, figure: r.fts === "FTS5" || r.fts === "tsvector GIN" ? 1 : 0, op: ">=", limit: 1 });
  }
  // "p50 at 100k ≤ 1.5× p50 at 1k": from the growth group only (both desks at once, same rows shown).
  if (growth) for (const r of growth.results) t.push(growthTarget(r, ...growth.sizes));
  return t;
}

/**
 * The lists' p50 of two separate desk runs (minutes apart, each page holding the rows its desk has):
 * printed for information only — load drift and unequal pages make it no measure of desk growth.
 */
function crossRunLines(results: SizeResult[]): string[] {
  const small = results.find((r) => r.n === 1000) ?? results[0];
  const large = results.find((r) => r.n === 100_000) ?? results.at(-1);
  if (!small || !large || small === large || !small.scenarios.listNone || !large.scenarios.listNone) return [];
  const k = kilo;
  return (
    [
      ["listNone", "no filter"],
      ["listStatus", "status+assignee"],
      ["listSearch", "text search"],
    ] as const
  ).map(([key, label]) => `  (info, not a target) claims list (${label}) p50 at ${k(large.n)} ÷ p50 at ${k(small.n)}, separate runs, full pages of their own desk: ${fmt(large.scenarios[key]!.route.p50 / small.scenarios[key]!.route.p50, 2)}×`);
}

async function main() {
  console.log(`bench:pages — ${args.database}, desks of ${args.sizes.map((n) => n.toLocaleString("en-US")).join(", ")} claims, ${args.alternations} alternations`);
  console.log(`uptime at start: ${uptimeLine()}`);
  if (args.generateOnly) {
    if (args.database === "postgresql") throw new Error("--generate-only prepares the cached SQLite desks; PostgreSQL desks are made by each run");
    for (const n of args.sizes) await sqliteDesk(ROOT, n);
    return;
  }
  ensureProductionBuild(ROOT, args.skipBuild);
  const results: SizeResult[] = [];
  // A desk on its own is measured unless --only names nothing but the growth group.
  if (!args.only || args.only.some((g) => g !== "growth")) for (const n of args.sizes) results.push(await measureSize(n));
  const pair = growthSizes(args.sizes, args.only);
  const growth = pair ? { sizes: pair, results: await measureGrowth(pair) } : null;
  if (args.database === "postgresql") await recreatePgDatabase(PG_URL, true);
  const floors = results.filter((r) => r.scenarios.floorClaim && r.scenarios.floorList);
  if (floors.length) {
    console.log(`\n▸ Floor (not a target): the cheapest signed-in page, /account, req/s ÷ raw — the ceiling of any page's ratio with this stack`);
    for (const r of floors) console.log(`  [${r.n.toLocaleString("en-US")}] ÷ raw claim page ${fmt(r.scenarios.floorClaim!.ratio, 2)}×, ÷ raw claims list ${fmt(r.scenarios.floorList!.ratio, 2)}×; /account p50 ${fmt(r.scenarios.floorClaim!.route.p50)} ms`);
    for (const r of floors) {
      const { floorSession, floorHealth } = r.scenarios;
      if (floorSession && floorHealth)
        console.log(`  [${r.n.toLocaleString("en-US")}] below any page, ÷ raw claim page: a route handler reading the session through the proxy (/api/auth/session) ${fmt(floorSession.ratio, 2)}×, a constant answer the proxy skips (/api/health) ${fmt(floorHealth.ratio, 2)}×`);
    }
  }
  console.log(`\n▸ Targets (issue 13), ${args.database}`);
  const targets = targetsOf(results, growth);
  for (const target of targets) console.log(`  ${formatTarget(target)}`);
  for (const info of crossRunLines(results)) console.log(info);
  console.log("  (the CSV export's targets: npm run bench:export)");
  console.log(`uptime at end: ${uptimeLine()}`);
  console.log(targetsLine(targets));
}

main().then(
  () => process.exit(0),
  async (error) => {
    console.error(error);
    if (args.database === "postgresql") for (const url of [PG_URL, EMPTY_PG_URL, ...args.sizes.map(growthPgUrl)]) await recreatePgDatabase(url, true).catch(() => undefined);
    process.exit(1);
  },
);
