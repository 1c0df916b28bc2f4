/**
 * Memory of this process after a full garbage collection, for the in-process benches
 * (bench:extract-memory, bench:story-text). The process must run with node --expose-gc.
 */

/** Throws Error naming the flag when garbage collection is not exposed. */
export function requireGc(script: string): () => void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error(`run with node --expose-gc (npm run ${script} does)`);
  return gc;
}

/** Resident set size and V8 heap in use, in MiB, after three collections. */
export function memorySnapshot(gc: () => void): { rss: number; heap: number } {
  for (let i = 0; i < 3; i++) gc();
  const m = process.memoryUsage();
  return { rss: m.rss / 2 ** 20, heap: m.heapUsed / 2 ** 20 };
}
