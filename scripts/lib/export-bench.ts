/**
 * The pure parts of bench:export (issue 13): its arguments, the claim count of a CSV or NDJSON
 * download read chunk by chunk, and where two exports first differ (the route's CSV against the raw
 * scan's). No I/O; unit-tested beside (export-bench.test.ts).
 */
import type { BenchDatabase } from "./bench-stats";

export const DEFAULT_EXPORT_PG_URL = "postgresql://postgres@127.0.0.1:5432/claimledger_bench_export";
/** The largest export bench:export generates (claims). */
export const MAX_EXPORT_CLAIMS = 5_000_000;

export interface BenchExportArgs {
  /** claims per scratch database, ascending, no repeats */
  sizes: number[];
  database: BenchDatabase;
  /** route / raw alternations per size for sizes under 1M (at least 5 are always run) */
  runs: number;
  skipBuild: boolean;
  /** the PostgreSQL database the bench creates and drops (BENCH_PG_URL) */
  pgUrl: string;
  /** the server's port (BENCH_PORT), 0 for any free one */
  port: number;
}

/**
 * Parses bench:export's arguments: `--sizes 10000,100000` (claims, 1 … 5,000,000; default
 * 10000,100000,1000000), `--runs N` (1 … 9, default 5), `--skip-build`, `--pg` or
 * `--database sqlite|postgresql`. From `env`: BENCH_PG_URL (a postgres:// or postgresql:// URL whose
 * database name is letters, digits and _; default DEFAULT_EXPORT_PG_URL) and BENCH_PORT (1024 …
 * 65535; default any free port). Throws Error with a message for the user on anything else.
 */
export function parseBenchExportArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): BenchExportArgs {
  const out: BenchExportArgs = {
    sizes: [10_000, 100_000, 1_000_000],
    database: "sqlite",
    runs: 5,
    skipBuild: false,
    pgUrl: env.BENCH_PG_URL?.trim() || DEFAULT_EXPORT_PG_URL,
    port: env.BENCH_PORT?.trim() ? Number(env.BENCH_PORT) : 0,
  };
  const value = (i: number, name: string) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) throw new Error(`${name} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") continue;
    if (a === "--skip-build") out.skipBuild = true;
    else if (a === "--pg") out.database = "postgresql";
    else if (a === "--database") {
      const v = value(i++, a);
      if (v !== "sqlite" && v !== "postgresql") throw new Error(`--database takes sqlite or postgresql, not ${JSON.stringify(v)}`);
      out.database = v;
    } else if (a === "--sizes") {
      const sizes = value(i++, a)
        .split(",")
        .map((s) => Number(s.trim()));
      if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1 || n > MAX_EXPORT_CLAIMS)) {
        throw new Error(`--sizes takes a comma-separated list of claim counts (1 … ${MAX_EXPORT_CLAIMS.toLocaleString("en-US")})`);
      }
      out.sizes = [...new Set(sizes)].sort((x, y) => x - y);
    } else if (a === "--runs") {
      const n = Number(value(i++, a));
      if (!Number.isInteger(n) || n < 1 || n > 9) throw new Error("--runs takes a whole number from 1 to 9");
      out.runs = n;
    } else throw new Error(`unknown argument ${JSON.stringify(a)} (use --sizes, --runs, --skip-build, --pg, --database)`);
  }
  if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65_535 || (out.port > 0 && out.port < 1024)) {
    throw new Error(`BENCH_PORT must be a port from 1024 to 65535, not ${JSON.stringify(env.BENCH_PORT)}`);
  }
  let parsed: URL;
  try {
    parsed = new URL(out.pgUrl);
  } catch {
    throw new Error(`BENCH_PG_URL is not a URL: ${JSON.stringify(out.pgUrl)}`);
  }
  if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") throw new Error(`BENCH_PG_URL must be a postgresql:// URL, not ${parsed.protocol}`);
  if (!/^[A-Za-z0-9_]+$/.test(decodeURIComponent(parsed.pathname.slice(1)))) {
    throw new Error("BENCH_PG_URL must name a database of letters, digits and _ (the bench drops and creates it)");
  }
  return out;
}

/**
 * Counts the claims of a download fed chunk by chunk (chunks may split records anywhere): NDJSON
 * lines; CSV records, i.e. line feeds outside double-quoted fields (RFC 4180, "" inside a quoted field
 * reads as leaving and re-entering it), minus the header line.
 */
export function createRecordCounter(format: "csv" | "ndjson") {
  let lines = 0;
  let inQuotes = false;
  return {
    push(chunk: Uint8Array) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (format === "ndjson") {
        for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) lines += 1;
        return;
      }
      let i = 0;
      while (i < buf.length) {
        if (inQuotes) {
          const q = buf.indexOf(34, i);
          if (q < 0) return;
          inQuotes = false;
          i = q + 1;
        } else {
          const q = buf.indexOf(34, i);
          const nl = buf.indexOf(10, i);
          if (nl >= 0 && (q < 0 || nl < q)) {
            lines += 1;
            i = nl + 1;
          } else if (q >= 0) {
            inQuotes = true;
            i = q + 1;
          } else return;
        }
      }
    },
    /** Claims counted so far. */
    rows: () => (format === "csv" ? Math.max(0, lines - 1) : lines),
  };
}

/** Where two byte strings first differ: the byte offset, its 1-based line, and that line on each side (cut to 300 characters). */
export interface FirstDifference {
  offset: number;
  line: number;
  left: string;
  right: string;
}

/**
 * The first difference of `left` and `right` (e.g. the route's CSV and the raw scan's), null when
 * they are byte-identical. A shorter side that is a prefix of the other differs at its end (its line
 * reads "" there).
 */
export function firstDifference(left: Uint8Array, right: Uint8Array): FirstDifference | null {
  const a = Buffer.from(left.buffer, left.byteOffset, left.byteLength);
  const b = Buffer.from(right.buffer, right.byteOffset, right.byteLength);
  if (a.equals(b)) return null;
  const common = Math.min(a.length, b.length);
  // Compared in blocks first (native), then byte by byte inside the first block that differs.
  const BLOCK = 4096;
  let offset = 0;
  while (offset + BLOCK <= common && a.subarray(offset, offset + BLOCK).equals(b.subarray(offset, offset + BLOCK))) offset += BLOCK;
  while (offset < common && a[offset] === b[offset]) offset += 1;
  // (lastIndexOf with a negative start would count from the end)
  const lineStart = offset === 0 ? 0 : a.lastIndexOf(10, offset - 1) + 1;
  let line = 1;
  for (let i = a.indexOf(10); i >= 0 && i < lineStart; i = a.indexOf(10, i + 1)) line += 1;
  const lineOf = (buf: Buffer) => {
    const end = buf.indexOf(10, lineStart);
    return buf.subarray(lineStart, end < 0 ? buf.length : end).toString("utf8").slice(0, 300);
  };
  return { offset, line, left: lineOf(a), right: lineOf(b) };
}
