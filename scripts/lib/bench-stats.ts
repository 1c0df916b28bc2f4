/**
 * The pure arithmetic of the benchmarks (issue 13): latency percentiles, request rates, the median of
 * per-alternation ratios of two interleaved sides, target evaluation and the bench:pages arguments.
 * No I/O; unit-tested beside (bench-stats.test.ts).
 */

/** Median of `xs` (mean of the two middle values for an even count); NaN for an empty list. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * The p-th percentile (0–100) of `xs` by the nearest-rank method: the smallest value with at least
 * p % of the values at or below it. NaN for an empty list. Throws RangeError for p outside 0–100.
 */
export function percentile(xs: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile ${p} is not within 0–100`);
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1]!;
}

/** One side's figures over a fixed number of requests: latencies in ms, wall time of the batch in ms. */
export interface LoadSummary {
  requests: number;
  /** requests per second over the batch's wall time */
  reqPerS: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Summarises a batch: `latenciesMs` of each request, `wallMs` the batch's elapsed time (ms). */
export function summarize(latenciesMs: readonly number[], wallMs: number): LoadSummary {
  return {
    requests: latenciesMs.length,
    reqPerS: wallMs > 0 ? (latenciesMs.length * 1000) / wallMs : Number.NaN,
    p50: percentile(latenciesMs, 50),
    p95: percentile(latenciesMs, 95),
    p99: percentile(latenciesMs, 99),
  };
}

/**
 * The median of per-alternation ratios a[i] / b[i] (route ÷ raw baseline, measured side by side):
 * pairs whose denominator is 0 or not finite are left out. Throws when the lists differ in length.
 */
export function medianRatio(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`ratio of ${a.length} and ${b.length} alternations`);
  const ratios = a.map((x, i) => x / b[i]!).filter((r) => Number.isFinite(r));
  return median(ratios);
}

/**
 * The order of the two sides in alternation `alt` (0, 1, 2 …) of an interleaved measurement:
 * [first, second] in even alternations, [second, first] in odd ones, so neither side always runs
 * on a machine the other one just warmed (or just loaded). Throws RangeError for a negative or
 * fractional `alt`.
 */
export function sidesInTurn<T>(alt: number, first: T, second: T): [T, T] {
  if (!Number.isInteger(alt) || alt < 0) throw new RangeError(`alternation ${alt} is not a whole number ≥ 0`);
  return alt % 2 === 0 ? [first, second] : [second, first];
}

/** Bounds of a probe series during repeated requests (see keepRepeating). */
export interface RepeatBounds {
  /** probes wanted: no new request is started once this many were taken */
  minProbes: number;
  /** most requests started, whatever the probe count */
  maxRuns: number;
}

/**
 * Whether a bench should start one more of the requests it probes other users' pages during
 * (`runs` started so far, `probes` taken so far): until `minProbes` probes are in, never past `maxRuns`.
 * A request that ends in 10–100 ms (a refused upload) leaves room for one probe or none, so one
 * request alone gives no median worth the name.
 */
export function keepRepeating(probes: number, runs: number, bounds: RepeatBounds): boolean {
  return probes < bounds.minProbes && runs < bounds.maxRuns;
}

/** A target of the table: `figure` must be ≤ or ≥ `limit`. */
export interface Target {
  what: string;
  figure: number;
  op: "<=" | ">=";
  limit: number;
  /** how the figure reads, e.g. "× raw", "statements", "×" */
  unit?: string;
}

/** True when the figure meets the limit; a NaN figure (not measured) never does. */
export function targetMet(target: Target): boolean {
  if (!Number.isFinite(target.figure)) return false;
  return target.op === "<=" ? target.figure <= target.limit : target.figure >= target.limit;
}

/** One printed line: what, the figure, the target and met / NOT met. */
export function formatTarget(target: Target): string {
  const unit = target.unit ? ` ${target.unit}` : "";
  const figure = Number.isFinite(target.figure) ? `${target.figure.toFixed(2)}${unit}` : "not measured";
  return `${target.what}: ${figure} (target ${target.op === "<=" ? "≤" : "≥"} ${target.limit}${unit}) ${targetMet(target) ? "met" : "NOT met"}`;
}

/** The closing line of bench:pages, exactly `targets met: N of M`. */
export function targetsLine(targets: readonly Target[]): string {
  return `targets met: ${targets.filter(targetMet).length} of ${targets.length}`;
}

export type BenchDatabase = "sqlite" | "postgresql";

export interface BenchPagesArgs {
  sizes: number[];
  database: BenchDatabase;
  skipBuild: boolean;
  /** only generate (or reuse) the SQLite desks, measure nothing */
  generateOnly: boolean;
  /** alternations of route and raw baseline per scenario (≥ 5) */
  alternations: number;
  /** first port of the bench's four: the desk's next server, the raw baseline (+1), the comparison with an empty desk (+2 desk, +3 empty) */
  port: number;
  /** the scenario groups to measure (`--only`), null for all of them */
  only: BenchGroup[] | null;
}

/**
 * bench:pages' scenario groups, for `--only`: the claim page; the claims list's three filters; REST
 * search; the two REST writes; the import with its probes (another user's page during imports, the
 * nested upload, 2 MB of text, the import into an empty desk); the floor (the cheapest signed-in
 * page against the raw claim page and the raw list: the most any page can reach with the stack, not a
 * target); desk growth (the claims list's three filters on the smallest and the largest desk at once,
 * two servers, alternating, at the same rows shown: growthSizes). The SQL statement counts and the
 * search index are reported in every run that measures a desk on its own.
 */
export const BENCH_GROUPS = ["claim-page", "lists", "search", "writes", "import", "hostile", "floor", "growth"] as const;
export type BenchGroup = (typeof BENCH_GROUPS)[number];

/**
 * The two desks the growth group compares, [small, large]: 1,000 and 100,000 claims when both are among
 * `sizes` (the default run), else — only when `--only` names the group — the smallest and the largest
 * size. Null when the group does not run (not chosen, or fewer than two sizes).
 */
export function growthSizes(sizes: readonly number[], only: readonly BenchGroup[] | null): [number, number] | null {
  if (only && !only.includes("growth")) return null;
  if (sizes.includes(1000) && sizes.includes(100_000)) return [1000, 100_000];
  if (!only || sizes.length < 2) return null;
  return [Math.min(...sizes), Math.max(...sizes)];
}

/**
 * The page size for a like-for-like comparison: the largest of `offered` that every page in `rows`
 * (rows each page holds at its largest size, on every desk and for every session) fills, so both desks
 * show exactly that many rows. Null when even the smallest offered size is not filled everywhere.
 */
export function largestFilledSize(offered: readonly number[], rows: readonly number[]): number | null {
  if (rows.length === 0) return null;
  const least = Math.min(...rows);
  const fitting = offered.filter((size) => size <= least);
  return fitting.length ? Math.max(...fitting) : null;
}

/** The largest desk bench:pages generates (claims). */
export const MAX_DESK_CLAIMS = 1_000_000;

/**
 * Parses bench:pages' arguments: `--sizes 1000,10000` (claims per desk, 1 … 1,000,000, default
 * 1000,10000,100000), `--database sqlite|postgresql` or `--pg`, `--skip-build`, `--generate-only`, `--alternations N`
 * (5 … 50, default 5), `--port N` (default BENCH_PORT or 4210), `--only claim-page,lists,…` (a comma
 * list of BENCH_GROUPS; default all; `growth` needs two sizes). Throws Error with a message for the
 * user on anything else.
 */
export function parseBenchPagesArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): BenchPagesArgs {
  const out: BenchPagesArgs = { sizes: [1000, 10_000, 100_000], database: "sqlite", skipBuild: false, generateOnly: false, alternations: 5, port: Number(env.BENCH_PORT ?? 4210), only: null };
  const value = (i: number, name: string) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) throw new Error(`${name} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") continue;
    if (a === "--skip-build") out.skipBuild = true;
    else if (a === "--generate-only") out.generateOnly = true;
    else if (a === "--imports-only") out.only = ["import"];
    else if (a === "--pg") out.database = "postgresql";
    else if (a === "--database") {
      const v = value(i++, a);
      if (v !== "sqlite" && v !== "postgresql") throw new Error(`--database takes sqlite or postgresql, not ${JSON.stringify(v)}`);
      out.database = v;
    } else if (a === "--sizes") {
      const parts = value(i++, a).split(",").map((s) => s.trim());
      const sizes = parts.map(Number);
      if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > MAX_DESK_CLAIMS)) {
        throw new Error(`--sizes takes a comma-separated list of claim counts (1 … ${MAX_DESK_CLAIMS.toLocaleString("en-US")})`);
      }
      out.sizes = [...new Set(sizes)].sort((x, y) => x - y);
    } else if (a === "--alternations") {
      const n = Number(value(i++, a));
      if (!Number.isInteger(n) || n < 5 || n > 50) throw new Error("--alternations takes a whole number from 5 to 50");
      out.alternations = n;
    } else if (a === "--only") {
      const groups = value(i++, a).split(",").map((g) => g.trim());
      const unknown = groups.filter((g) => !(BENCH_GROUPS as readonly string[]).includes(g));
      if (unknown.length || !groups.length) throw new Error(`--only takes a comma-separated list of ${BENCH_GROUPS.join(", ")}; not ${JSON.stringify(unknown.join(","))}`);
      out.only = BENCH_GROUPS.filter((g) => groups.includes(g));
    } else if (a === "--port") {
      const n = Number(value(i++, a));
      if (!Number.isInteger(n) || n < 1024 || n > 65_532) throw new Error("--port takes a port from 1024 to 65532 (the bench uses it and the next three)");
      out.port = n;
    } else throw new Error(`unknown argument ${JSON.stringify(a)} (use --sizes, --database, --pg, --skip-build, --generate-only, --alternations, --port, --only, --imports-only)`);
  }
  if (!Number.isInteger(out.port) || out.port < 1024 || out.port > 65_532) throw new Error("BENCH_PORT must be a port from 1024 to 65532 (the bench uses it and the next three)");
  if (out.only?.includes("growth") && !out.generateOnly && out.sizes.length < 2) throw new Error("--only growth compares two desks: give --sizes two sizes or more (e.g. 1000,100000)");
  return out;
}
