import "server-only";
import { AppError } from "@/lib/domain/errors";
import { extractionThreads, type PoolWork } from "./run-task";

/**
 * One person's share of the worker pool. The pool has few threads (2 on a 2-core server) and an
 * analysis may run up to its 30 s limit, so without a share one editor sending several hostile texts at
 * once held every thread and everyone else's imports waited a minute (found by trying four 2 MB
 * texts of "1 1 1 …" through the API: a small import sent after them took 63 s). Each person may have
 * at most `userSlotLimit()` operations in the pool at once (an import, a file or URL preview, an
 * evidence page's archive reading, a PDF), which leaves at least one thread for the others.
 *
 * Counted per server process, like the pool itself: with several instances behind one database a
 * person gets this share on each instance, and each instance keeps a thread for everyone else.
 */
const inFlight = new Map<string, number>();

/** Operations one person may have in the pool at once: the pool's threads less one, at least 1. */
export function userSlotLimit(): number {
  return Math.max(1, extractionThreads() - 1);
}

const BUSY: Record<PoolWork, (limit: number) => string> = {
  analysis: (limit) =>
    `You already have ${limit === 1 ? "an article" : `${limit} articles`} being analysed; nothing more was started. Try again when ${limit === 1 ? "it is" : "one is"} done (a few seconds).`,
  pdf: (limit) =>
    `You already have ${limit === 1 ? "a document" : `${limit} documents`} being prepared; nothing more was started. Try again when ${limit === 1 ? "it is" : "one is"} done (a few seconds).`,
};

/**
 * Runs `operation` (which uses the worker pool) in one of `userId`'s slots. Throws AppError
 * RATE_LIMITED (Retry-After 5 s), without running it, when that person already has userSlotLimit()
 * operations in the pool; `work` picks the message's words. The slot is given back when `operation`
 * settles, whatever its outcome.
 */
export async function withPoolSlot<T>(userId: string, work: PoolWork, operation: () => Promise<T>): Promise<T> {
  const limit = userSlotLimit();
  const held = inFlight.get(userId) ?? 0;
  if (held >= limit) throw new AppError("RATE_LIMITED", BUSY[work](limit), { retryAfterSeconds: 5 });
  inFlight.set(userId, held + 1);
  try {
    return await operation();
  } finally {
    const left = (inFlight.get(userId) ?? 1) - 1;
    if (left > 0) inFlight.set(userId, left);
    else inFlight.delete(userId);
  }
}
