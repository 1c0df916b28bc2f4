import { setFlagsFromString } from "node:v8";

/**
 * How far V8 lets the old generation grow past what survived the last full collection, in percent.
 * V8's default factor reaches 4× when collections are cheap, so a server with ~55 MB of live data let
 * its heap climb to ~230 MB during a long streamed export before collecting the short-lived batch
 * data that had been promoted. 30 % keeps RSS flat during exports (bench:export) for a full
 * collection every second or so, each a few milliseconds of mostly incremental marking.
 */
export const DEFAULT_HEAP_GROWING_PERCENT = 30;

/** The setting from CLAIMLEDGER_HEAP_GROWING_PERCENT: an integer 0–400, 0 leaving V8's own policy. */
export function heapGrowingPercent(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return DEFAULT_HEAP_GROWING_PERCENT;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 400) {
    throw new Error(`CLAIMLEDGER_HEAP_GROWING_PERCENT must be an integer from 0 to 400 (0 keeps V8's default), not "${value}"`);
  }
  return n;
}

/** Applied once when the server starts (instrumentation.ts); V8 reads the flag at every full collection. */
export function applyHeapPolicy(env: Partial<Record<string, string>> = process.env): number {
  const percent = heapGrowingPercent(env.CLAIMLEDGER_HEAP_GROWING_PERCENT);
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}
