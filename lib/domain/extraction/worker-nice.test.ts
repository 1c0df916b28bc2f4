import { describe, expect, it } from "vitest";
import { DEFAULT_WORKER_NICE, parseWorkerNice } from "./worker-nice";

describe("parseWorkerNice (CLAIMLEDGER_EXTRACTION_NICE)", () => {
  it("defaults to 10 when unset or blank", () => {
    expect(DEFAULT_WORKER_NICE).toBe(10);
    expect(parseWorkerNice(undefined)).toEqual({ nice: 10 });
    expect(parseWorkerNice("  ")).toEqual({ nice: 10 });
  });

  it.each([["0", 0], ["1", 1], ["10", 10], [" 19 ", 19], ["05", 5]])("accepts %j as %i", (raw, nice) => {
    expect(parseWorkerNice(raw)).toEqual({ nice });
  });

  it.each(["abc", "-5", "20", "25", "7.5", "1e1", "10abc", "100"])("refuses %j, naming the variable, the range and the value, and keeps the default", (raw) => {
    expect(parseWorkerNice(raw)).toEqual({
      nice: 10,
      error: `CLAIMLEDGER_EXTRACTION_NICE must be a whole number from 0 (off) to 19; got "${raw}", so the analysis workers run at the default 10.`,
    });
  });
});
