import { beforeEach, describe, expect, it, vi } from "vitest";

const setFlagsFromString = vi.fn();
vi.mock("node:v8", () => ({ setFlagsFromString }));

const { applyHeapPolicy, DEFAULT_HEAP_GROWING_PERCENT, heapGrowingPercent } = await import("./heap-policy");
const { register } = await import("../../instrumentation");

describe("the server's heap growing policy", () => {
  beforeEach(() => setFlagsFromString.mockClear());

  it("defaults to 30 % and reads an override", () => {
    expect(DEFAULT_HEAP_GROWING_PERCENT).toBe(30);
    expect(heapGrowingPercent(undefined)).toBe(30);
    expect(heapGrowingPercent(" ")).toBe(30);
    expect(heapGrowingPercent("50")).toBe(50);
    expect(heapGrowingPercent("0")).toBe(0);
  });

  it("refuses a value that is not an integer from 0 to 400, naming the variable", () => {
    for (const bad of ["-1", "401", "12.5", "thirty", "1e2x"]) {
      expect(() => heapGrowingPercent(bad)).toThrow(/CLAIMLEDGER_HEAP_GROWING_PERCENT must be an integer from 0 to 400/);
    }
  });

  it("sets V8's flag once at start, and leaves V8's own policy when the setting is 0", () => {
    expect(applyHeapPolicy({})).toBe(30);
    expect(setFlagsFromString).toHaveBeenCalledWith("--heap-growing-percent=30");
    setFlagsFromString.mockClear();
    expect(applyHeapPolicy({ CLAIMLEDGER_HEAP_GROWING_PERCENT: "0" })).toBe(0);
    expect(setFlagsFromString).not.toHaveBeenCalled();
  });

  it("is applied by the server's instrumentation hook in the Node.js runtime only", async () => {
    const runtime = process.env.NEXT_RUNTIME;
    try {
      process.env.NEXT_RUNTIME = "edge";
      await register();
      expect(setFlagsFromString).not.toHaveBeenCalled();
      process.env.NEXT_RUNTIME = "nodejs";
      await register();
      expect(setFlagsFromString).toHaveBeenCalledWith(`--heap-growing-percent=${heapGrowingPercent(process.env.CLAIMLEDGER_HEAP_GROWING_PERCENT)}`);
    } finally {
      if (runtime === undefined) delete process.env.NEXT_RUNTIME;
      else process.env.NEXT_RUNTIME = runtime;
    }
  });
});
