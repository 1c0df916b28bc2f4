import "server-only";
import { AppError } from "@/lib/domain/errors";
import { extractionThreads, type PoolWork } from "./run-task";

/**
 * One person's share of the worker pool. The pool has few threads (2 on a 2-core server) and an
 * analysis may run up to its 30 s limit, so without a share one editor sending several hostile texts at
 * once held every thread and everyone else's imports waited a minute (found by trying four 2 MB
 * texts of "1 1 1 …" through the API: a small import of another editor sent after them took 63 s).
 *
 * Each person may have at most `userSlotLimit()` operations in the pool at once (an import's analysis,
 * a file or URL preview, a PDF, reading an evidence source's page to archive it), which leaves at least one thread for the others. A further operation
 * of the same person waits for one of theirs to finish — their imports run one after the other, as a
 * script importing in parallel expects — up to USER_WAIT_LIMIT_MS and with at most
 * USER_WAITING_LIMIT waiting, past which it is refused at once.
 *
 * Counted per server process, like the pool itself: with several instances behind one database a
 * person gets this share on each instance, and each instance keeps a thread for everyone else.
 */
interface PersonQueue {
  running: number;
  /** Operations waiting for a slot, first come first served; each is started by being called. */
  waiting: (() => void)[];
}
const queues = new Map<string, PersonQueue>();

/** Longest time one person's operation waits for one of their own slots (ms). */
export const USER_WAIT_LIMIT_MS = 60_000;
/** Most operations one person may have waiting for their slots. */
export const USER_WAITING_LIMIT = 4;

/** Operations one person may have in the pool at once: the pool's threads less one, at least 1. */
export function userSlotLimit(): number {
  return Math.max(1, extractionThreads() - 1);
}

const BUSY: Record<PoolWork, string> = {
  analysis: "You already have several articles being analysed or waiting; nothing more was started. Try again when they are done.",
  pdf: "You already have several documents being prepared or waiting; nothing more was started. Try again when they are done.",
};

/**
 * Runs `operation` (which uses the worker pool) in one of `userId`'s slots, waiting for one when
 * they are all taken by that person's earlier operations. Throws AppError RATE_LIMITED (Retry-After
 * 5 s), without running it, when USER_WAITING_LIMIT of that person's operations already wait or no
 * slot came free within `waitLimitMs` (default USER_WAIT_LIMIT_MS); `work` picks the message's words.
 * The slot passes to the person's next waiting operation, or is given back, when `operation` settles.
 */
export async function withPoolSlot<T>(userId: string, work: PoolWork, operation: () => Promise<T>, { waitLimitMs = USER_WAIT_LIMIT_MS } = {}): Promise<T> {
  let queue = queues.get(userId);
  if (!queue) queues.set(userId, (queue = { running: 0, waiting: [] }));
  if (queue.running < userSlotLimit()) queue.running++;
  else {
    if (queue.waiting.length >= USER_WAITING_LIMIT) throw new AppError("RATE_LIMITED", BUSY[work], { retryAfterSeconds: 5 });
    const waiting = queue.waiting;
    await new Promise<void>((resolve, reject) => {
      const start = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(start), 1);
        reject(new AppError("RATE_LIMITED", BUSY[work], { retryAfterSeconds: 5 }));
      }, waitLimitMs);
      waiting.push(start);
    });
  }
  try {
    return await operation();
  } finally {
    const next = queue.waiting.shift();
    if (next) next(); // the slot passes on: `running` stays the same
    else if (--queue.running === 0) queues.delete(userId);
  }
}
