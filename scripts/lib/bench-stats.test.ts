import { describe, expect, it } from "vitest";
import { formatTarget, growthSizes, keepRepeating, largestFilledSize, median, medianRatio, parseBenchPagesArgs, percentile, sidesInTurn, summarize, targetMet, targetsLine } from "./bench-stats";

describe("median and percentile", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it("uses the nearest rank", () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i); // 1 … 100, shuffled order
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile([7, 9], 50)).toBe(7);
    expect(percentile([7, 9], 51)).toBe(9);
    expect(percentile([3], 0)).toBe(3);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it("summarises a batch into req/s and percentiles", () => {
    const s = summarize([10, 20, 30, 40], 2000);
    expect(s).toEqual({ requests: 4, reqPerS: 2, p50: 20, p95: 40, p99: 40 });
  });
});

describe("keepRepeating", () => {
  it("starts requests until enough probes are in, and never past the run bound", () => {
    const bounds = { minProbes: 20, maxRuns: 60 };
    expect(keepRepeating(0, 0, bounds)).toBe(true);
    expect(keepRepeating(19, 59, bounds)).toBe(true);
    expect(keepRepeating(20, 3, bounds)).toBe(false);
    expect(keepRepeating(2, 60, bounds)).toBe(false);
    // A simulated series where every request leaves room for one probe in three: the loop ends.
    let probes = 0;
    let runs = 0;
    while (keepRepeating(probes, runs, bounds)) {
      runs += 1;
      if (runs % 3 === 0) probes += 1;
    }
    expect(runs).toBe(60);
    expect(probes).toBe(20);
  });
});

describe("medianRatio", () => {
  it("is the median of the per-alternation ratios, not the ratio of medians", () => {
    // ratios 0.5, 2, 1, 4, 0.25 → median 1; the ratio of medians would be 3 / 3 = 1 too, so use a skewed case
    expect(medianRatio([1, 4, 3, 8, 1], [2, 2, 3, 2, 4])).toBe(1);
    expect(medianRatio([10, 10, 10], [1, 5, 100])).toBe(2);
  });

  it("leaves out alternations whose raw side is zero and refuses lists of different lengths", () => {
    expect(medianRatio([1, 2, 3], [0, 1, 1])).toBe(2.5);
    expect(() => medianRatio([1], [1, 2])).toThrow(/alternations/);
  });
});

describe("sidesInTurn", () => {
  it("puts the first side first in even alternations and second in odd ones", () => {
    const orders = Array.from({ length: 5 }, (_, alt) => sidesInTurn(alt, "desk", "empty").join("/"));
    expect(orders).toEqual(["desk/empty", "empty/desk", "desk/empty", "empty/desk", "desk/empty"]);
    // Over an even number of alternations each side goes first equally often.
    const firsts = Array.from({ length: 6 }, (_, alt) => sidesInTurn(alt, 1, 2)[0]);
    expect(firsts.filter((x) => x === 1)).toHaveLength(3);
  });

  it("refuses an alternation that is not a whole number ≥ 0", () => {
    expect(() => sidesInTurn(-1, "a", "b")).toThrow(RangeError);
    expect(() => sidesInTurn(1.5, "a", "b")).toThrow(/whole number/);
  });
});

describe("targets", () => {
  it("evaluates ≤ and ≥, and never counts an unmeasured figure", () => {
    expect(targetMet({ what: "a", figure: 0.3, op: ">=", limit: 0.3 })).toBe(true);
    expect(targetMet({ what: "a", figure: 0.29, op: ">=", limit: 0.3 })).toBe(false);
    expect(targetMet({ what: "b", figure: 8, op: "<=", limit: 8 })).toBe(true);
    expect(targetMet({ what: "b", figure: 9, op: "<=", limit: 8 })).toBe(false);
    expect(targetMet({ what: "c", figure: Number.NaN, op: "<=", limit: 8 })).toBe(false);
  });

  it("prints the figure beside the target and ends with the count", () => {
    const targets = [
      { what: "claim page req/s ÷ raw", figure: 0.42, op: ">=" as const, limit: 0.3, unit: "×" },
      { what: "import 100k ÷ empty", figure: 2.1, op: "<=" as const, limit: 1.5, unit: "×" },
      { what: "statements", figure: Number.NaN, op: "<=" as const, limit: 8 },
    ];
    expect(formatTarget(targets[0]!)).toBe("claim page req/s ÷ raw: 0.42 × (target ≥ 0.3 ×) met");
    expect(formatTarget(targets[1]!)).toBe("import 100k ÷ empty: 2.10 × (target ≤ 1.5 ×) NOT met");
    expect(formatTarget(targets[2]!)).toBe("statements: not measured (target ≤ 8) NOT met");
    expect(targetsLine(targets)).toBe("targets met: 1 of 3");
  });
});

describe("parseBenchPagesArgs", () => {
  it("has the issue's sizes on SQLite by default", () => {
    expect(parseBenchPagesArgs([])).toEqual({ sizes: [1000, 10_000, 100_000], database: "sqlite", skipBuild: false, generateOnly: false, alternations: 5, port: 4210, only: null });
  });

  it("reads sizes, the database, --skip-build, alternations and the port", () => {
    expect(parseBenchPagesArgs(["--", "--sizes", "10000,1000,1000", "--pg", "--skip-build", "--alternations", "7"], { BENCH_PORT: "4220" })).toEqual({
      sizes: [1000, 10_000],
      database: "postgresql",
      skipBuild: true,
      generateOnly: false,
      alternations: 7,
      port: 4220,
      only: null,
    });
    expect(parseBenchPagesArgs(["--imports-only", "--sizes", "10000"])).toMatchObject({ only: ["import"], sizes: [10_000] });
    expect(parseBenchPagesArgs(["--database", "postgresql", "--port", "4230"])).toMatchObject({ database: "postgresql", port: 4230 });
    expect(parseBenchPagesArgs(["--generate-only", "--sizes", "100000"])).toMatchObject({ generateOnly: true, sizes: [100_000] });
  });

  it("reads --only as groups in the bench's order", () => {
    expect(parseBenchPagesArgs(["--only", "writes,claim-page"]).only).toEqual(["claim-page", "writes"]);
    expect(parseBenchPagesArgs(["--only", "floor,lists"]).only).toEqual(["lists", "floor"]);
    expect(() => parseBenchPagesArgs(["--only", "claim-page,pages"])).toThrow(/--only takes .*"pages"/);
    expect(() => parseBenchPagesArgs(["--only"])).toThrow(/needs a value/);
  });

  it("refuses what it does not know, with a message", () => {
    expect(() => parseBenchPagesArgs(["--sizes", "0"])).toThrow(/claim counts/);
    expect(() => parseBenchPagesArgs(["--sizes", "1e9"])).toThrow(/claim counts/);
    expect(() => parseBenchPagesArgs(["--sizes"])).toThrow(/needs a value/);
    expect(() => parseBenchPagesArgs(["--database", "mysql"])).toThrow(/sqlite or postgresql/);
    expect(() => parseBenchPagesArgs(["--alternations", "3"])).toThrow(/5 to 50/);
    expect(() => parseBenchPagesArgs(["--fast"])).toThrow(/unknown argument/);
  });

  it("keeps the four ports it uses (--port to --port + 3) below 65536", () => {
    expect(parseBenchPagesArgs(["--port", "65532"]).port).toBe(65_532);
    expect(() => parseBenchPagesArgs(["--port", "65533"])).toThrow(/1024 to 65532/);
    expect(() => parseBenchPagesArgs([], { BENCH_PORT: "65533" })).toThrow(/BENCH_PORT .*65532/);
  });
});

describe("the desk-growth group", () => {
  it("compares 1k with 100k in the default run, and only then", () => {
    expect(growthSizes([1000, 10_000, 100_000], null)).toEqual([1000, 100_000]);
    expect(growthSizes([1000, 100_000], ["lists", "growth"])).toEqual([1000, 100_000]);
    expect(growthSizes([1000, 10_000], null)).toBeNull();
    expect(growthSizes([1000, 100_000], ["lists"])).toBeNull();
  });

  it("compares the smallest with the largest desk when --only names it", () => {
    expect(growthSizes([1000, 10_000], ["growth"])).toEqual([1000, 10_000]);
    expect(growthSizes([500, 2000, 10_000], ["growth"])).toEqual([500, 10_000]);
    expect(growthSizes([10_000], ["growth"])).toBeNull();
    expect(() => parseBenchPagesArgs(["--only", "growth", "--sizes", "10000"])).toThrow(/two sizes/);
    expect(parseBenchPagesArgs(["--only", "growth", "--sizes", "1000,100000"]).only).toEqual(["growth"]);
  });

  it("picks the largest offered page size every page fills", () => {
    const offered = [25, 50, 100, 200];
    expect(largestFilledSize(offered, [200, 200, 90, 200])).toBe(50);
    expect(largestFilledSize(offered, [30, 200])).toBe(25);
    expect(largestFilledSize(offered, [200, 200])).toBe(200);
    expect(largestFilledSize(offered, [100])).toBe(100);
    expect(largestFilledSize(offered, [24, 200])).toBeNull();
    expect(largestFilledSize(offered, [])).toBeNull();
  });
});
