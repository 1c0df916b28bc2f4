import { describe, expect, it } from "vitest";
import { createRecordCounter, DEFAULT_EXPORT_PG_URL, firstDifference, parseBenchExportArgs } from "./export-bench";

describe("parseBenchExportArgs", () => {
  it("defaults to SQLite at 10k, 100k and 1M with any free port and the bench's own PostgreSQL database", () => {
    expect(parseBenchExportArgs([])).toEqual({ sizes: [10_000, 100_000, 1_000_000], database: "sqlite", runs: 5, skipBuild: false, pgUrl: DEFAULT_EXPORT_PG_URL, port: 0 });
  });

  it("reads --pg, --database, --sizes (sorted, without repeats), --runs and --skip-build after npm's --", () => {
    expect(parseBenchExportArgs(["--", "--pg", "--sizes", "100000, 10000,10000", "--runs", "3", "--skip-build"])).toMatchObject({
      database: "postgresql",
      sizes: [10_000, 100_000],
      runs: 3,
      skipBuild: true,
    });
    expect(parseBenchExportArgs(["--database", "postgresql"]).database).toBe("postgresql");
    expect(parseBenchExportArgs(["--pg", "--database", "sqlite"]).database).toBe("sqlite");
  });

  it("takes BENCH_PG_URL and BENCH_PORT from the environment", () => {
    const args = parseBenchExportArgs(["--pg"], { BENCH_PG_URL: "postgres://postgres@127.0.0.1:5432/claimledger_x_export", BENCH_PORT: "4731" });
    expect(args.pgUrl).toBe("postgres://postgres@127.0.0.1:5432/claimledger_x_export");
    expect(args.port).toBe(4731);
  });

  it("refuses what it cannot run, saying why", () => {
    expect(() => parseBenchExportArgs(["--sizes"])).toThrow("--sizes needs a value");
    expect(() => parseBenchExportArgs(["--sizes", "10k"])).toThrow("comma-separated list of claim counts");
    expect(() => parseBenchExportArgs(["--sizes", "0"])).toThrow("comma-separated list");
    expect(() => parseBenchExportArgs(["--sizes", "6000000"])).toThrow("5,000,000");
    expect(() => parseBenchExportArgs(["--runs", "10"])).toThrow("--runs takes a whole number from 1 to 9");
    expect(() => parseBenchExportArgs(["--database", "mysql"])).toThrow('--database takes sqlite or postgresql, not "mysql"');
    expect(() => parseBenchExportArgs(["--postgres"])).toThrow('unknown argument "--postgres"');
    expect(() => parseBenchExportArgs([], { BENCH_PORT: "80" })).toThrow("BENCH_PORT must be a port from 1024");
    expect(() => parseBenchExportArgs([], { BENCH_PORT: "47x" })).toThrow("BENCH_PORT");
    expect(() => parseBenchExportArgs([], { BENCH_PG_URL: "mysql://h/db" })).toThrow("postgresql:// URL");
    // The bench drops the database: a name that would need quoting is refused.
    expect(() => parseBenchExportArgs([], { BENCH_PG_URL: 'postgresql://h/a"b' })).toThrow("letters, digits and _");
    expect(() => parseBenchExportArgs([], { BENCH_PG_URL: "postgresql://h/" })).toThrow("letters, digits and _");
  });
});

describe("createRecordCounter", () => {
  const count = (format: "csv" | "ndjson", text: string, cuts: number[]) => {
    const counter = createRecordCounter(format);
    const bytes = Buffer.from(text, "utf8");
    let from = 0;
    for (const cut of [...cuts, bytes.length]) {
      counter.push(bytes.subarray(from, cut));
      from = cut;
    }
    return counter.rows();
  };
  const csv = 'id,text\n1,"two\nlines, ""quoted"""\n2,plain\n3,"=SUM(A1)\n+x"\n';

  it("counts CSV records, not the line breaks inside quoted fields, minus the header, however the chunks fall", () => {
    expect(count("csv", csv, [])).toBe(3);
    for (let cut = 1; cut < csv.length; cut++) expect(count("csv", csv, [cut])).toBe(3);
    expect(count("csv", "id,text\n", [])).toBe(0);
  });

  it("counts NDJSON lines", () => {
    expect(count("ndjson", '{"a":"x\\ny"}\n{"b":1}\n', [5])).toBe(2);
  });
});

describe("firstDifference", () => {
  const bytes = (s: string) => Buffer.from(s, "utf8");

  it("is null for byte-identical exports", () => {
    expect(firstDifference(bytes("a,b\n1,2\n"), bytes("a,b\n1,2\n"))).toBeNull();
    expect(firstDifference(bytes(""), bytes(""))).toBeNull();
  });

  it("gives the offset, the line and both sides' line where they first differ", () => {
    expect(firstDifference(bytes("h\nsame\n2026-01-01T00:00:00.000Z,x\n"), bytes("h\nsame\n2026-01-01T01:00:00.000Z,x\n"))).toEqual({
      offset: 19,
      line: 3,
      left: "2026-01-01T00:00:00.000Z,x",
      right: "2026-01-01T01:00:00.000Z,x",
    });
    expect(firstDifference(bytes("\uFEFFa"), bytes("a"))).toMatchObject({ offset: 0, line: 1 });
  });

  it("finds a difference past the first blocks, and one side ending early", () => {
    const long = "x".repeat(10_000) + "\n";
    expect(firstDifference(bytes(`${long}${long}tail A\n`), bytes(`${long}${long}tail B\n`))).toMatchObject({ offset: 20_007, line: 3, left: "tail A", right: "tail B" });
    expect(firstDifference(bytes("a\nb\n"), bytes("a\nb\nc\n"))).toEqual({ offset: 4, line: 3, left: "", right: "c" });
  });
});
