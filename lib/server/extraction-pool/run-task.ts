import "server-only";
import { availableParallelism } from "node:os";
import { MessageChannel } from "node:worker_threads";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Piscina } from "piscina";
import { AppError } from "@/lib/domain/errors";
import type { EXTRACTION_TASKS, ExtractionTaskName, Refusal } from "@/lib/domain/extraction/tasks";
import { parseWorkerNice } from "@/lib/domain/extraction/worker-nice";
import { logger } from "../logger";

/**
 * The worker pool for the server's CPU work — claim finding (HTML parsing, Readability, sentence
 * analysis, scoring, matching) and PDF reports' layout — so that no request thread and no open
 * transaction ever waits on it. Its threads run at a lower scheduling priority (worker.mjs), so
 * the request thread gets the cores first when both want them.
 * Worker threads run lib/server/extraction-pool/worker.mjs (resolved from the project root, the
 * working directory of `next start`, vitest and the CLIs; the file is not bundled).
 */

/**
 * Default time one task may run before its worker is terminated (ms). Counted from the moment its
 * worker thread begins the task (worker.mjs posts "started"), not from the request: a thread's
 * start-up (tsx register, imports: 3–7 s on a loaded 2-core machine) and the queue are not in it.
 */
export const EXTRACTION_TIME_LIMIT_MS = 30_000;
/**
 * Default time one task may wait for a worker to begin it — queue plus a cold thread's start-up —
 * before it is cancelled with the "busy, try again" refusal (ms), so no request waits for ever.
 */
export const EXTRACTION_START_LIMIT_MS = 60_000;
/** Tasks waiting for a worker beyond which new ones are refused (429) rather than queued. */
export const EXTRACTION_QUEUE_LIMIT = 64;

const WORKER_FILE = "lib/server/extraction-pool/worker.mjs";

type Tasks = typeof EXTRACTION_TASKS;
type TaskInput<N extends ExtractionTaskName> = Parameters<Tasks[N]>[0];
type TaskOutput<N extends ExtractionTaskName> = Exclude<Awaited<ReturnType<Tasks[N]>>, Refusal>;

/** The words of a refusal, by what the task was doing: analysing an article, or laying out a PDF. */
export type PoolWork = "analysis" | "pdf";

const REFUSALS: Record<PoolWork, { timeout: (limit: string) => string; memory: (mb: number) => string; busy: string }> = {
  analysis: {
    timeout: (limit) => `Analysing this text took longer than the ${limit} limit, so it was stopped; nothing was imported. Split the text or remove markup and try again.`,
    memory: (mb) => `Analysing this text needed more than the ${mb} MB memory limit, so it was stopped; nothing was imported. Split the text and try again.`,
    busy: "The server is analysing many articles right now; try again in a few seconds.",
  },
  pdf: {
    timeout: (limit) => `Laying out this PDF took longer than the ${limit} limit, so it was stopped. Narrow the report (an article, filters or dates) or export CSV, JSON or NDJSON.`,
    memory: (mb) => `Laying out this PDF needed more than the ${mb} MB memory limit, so it was stopped. Narrow the report (an article, filters or dates) or export CSV, JSON or NDJSON.`,
    busy: "The server is preparing many documents right now; try again in a few seconds.",
  },
};

function envInt(name: string, fallback: number): number {
  const value = Number.parseInt(process.env[name] ?? "", 10);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Worker threads: CLAIMLEDGER_EXTRACTION_THREADS, else cores − 1, at least 2 and at most 4. */
export function extractionThreads(): number {
  return envInt("CLAIMLEDGER_EXTRACTION_THREADS", Math.min(4, Math.max(2, availableParallelism() - 1)));
}

/** Old-generation heap of one worker (MB): CLAIMLEDGER_EXTRACTION_HEAP_MB, default 512. */
const heapLimitMb = () => envInt("CLAIMLEDGER_EXTRACTION_HEAP_MB", 512);

/**
 * Nice value of the worker threads (0 = off, up to 19): CLAIMLEDGER_EXTRACTION_NICE, default 10
 * (lib/domain/extraction/worker-nice.ts). A value outside 0–19 is logged once, when the pool starts,
 * and the default used. Applies to every task of the pool: claim finding and PDF layout alike.
 */
export function workerNice(): number {
  const parsed = parseWorkerNice(process.env.CLAIMLEDGER_EXTRACTION_NICE);
  if ("error" in parsed) logger.warn({ event: "worker_nice_invalid" }, parsed.error);
  return parsed.nice;
}

const globalPool = globalThis as unknown as { claimLedgerExtractionPool?: Piscina };

function pool(): Piscina {
  globalPool.claimLedgerExtractionPool ??= new Piscina({
    // worker.mjs renices its own thread to this value (os.setPriority(0, n)) before its first task.
    env: { ...process.env, CLAIMLEDGER_EXTRACTION_NICE: String(workerNice()) },
    filename: pathToFileURL(path.join(/* turbopackIgnore: true */ process.cwd(), WORKER_FILE)).href,
    minThreads: 1,
    maxThreads: extractionThreads(),
    maxQueue: EXTRACTION_QUEUE_LIMIT,
    idleTimeout: 60_000,
    // A worker's heap is capped so one huge input cannot take the server's memory with it.
    resourceLimits: { maxOldGenerationSizeMb: heapLimitMb() },
  });
  return globalPool.claimLedgerExtractionPool;
}

function isRefusal(value: unknown): value is Refusal {
  return typeof value === "object" && value !== null && "refused" in value && typeof (value as Refusal).refused === "string";
}

/**
 * Runs one task of lib/domain/extraction/tasks.ts in the pool and returns its (awaited) result;
 * `work` picks the refusal messages' wording (default "analysis": "…nothing was imported").
 * Two limits, both in ms: the task must be begun by a worker within `startLimitMs` (default
 * CLAIMLEDGER_EXTRACTION_START_LIMIT_MS, else 60,000 ms: waiting in the queue and a cold thread's
 * start-up), then must finish within `timeoutMs` of beginning (default
 * CLAIMLEDGER_EXTRACTION_TIME_LIMIT_MS, else 30,000 ms; its worker is terminated).
 * Throws AppError VALIDATION when the task refuses its input (its message names the limit), runs
 * past `timeoutMs` or needs more than the worker's heap limit; RATE_LIMITED (Retry-After 5 s) when
 * EXTRACTION_QUEUE_LIMIT tasks already wait or it was not begun within the start limit (cancelled,
 * nothing done); and rethrows anything else (a bug in a task) unchanged.
 */
export async function runExtractionTask<N extends ExtractionTaskName>(
  name: N,
  input: TaskInput<N>,
  options: { timeoutMs?: number; startLimitMs?: number; work?: PoolWork } = {},
): Promise<TaskOutput<N>> {
  const refusals = REFUSALS[options.work ?? "analysis"];
  const timeoutMs = options.timeoutMs ?? envInt("CLAIMLEDGER_EXTRACTION_TIME_LIMIT_MS", EXTRACTION_TIME_LIMIT_MS);
  const startLimitMs = options.startLimitMs ?? envInt("CLAIMLEDGER_EXTRACTION_START_LIMIT_MS", EXTRACTION_START_LIMIT_MS);
  // The worker posts "started" on this port right before it runs the task; only then does the run
  // limit start. Until then the start limit counts.
  const { port1: startedPort, port2: workerPort } = new MessageChannel();
  const controller = new AbortController();
  let stoppedBy: "start" | "run" | undefined;
  let timer = setTimeout(() => {
    stoppedBy = "start";
    controller.abort(new Error(`not begun within ${startLimitMs} ms`));
  }, startLimitMs);
  startedPort.once("message", () => {
    clearTimeout(timer);
    if (stoppedBy) return;
    timer = setTimeout(() => {
      stoppedBy = "run";
      controller.abort(new Error(`ran past ${timeoutMs} ms`));
    }, timeoutMs);
  });
  let result: unknown;
  try {
    result = await pool().run({ name, input, started: workerPort }, { signal: controller.signal, transferList: [workerPort] });
  } catch (error) {
    if (stoppedBy === "run") {
      throw new AppError("VALIDATION", refusals.timeout(timeoutMs >= 1000 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`));
    }
    if (stoppedBy === "start") {
      logger.warn({ event: "extraction_start_limit", task: name, startLimitMs }, "extraction task not begun within the start limit; refused as busy");
      throw new AppError("RATE_LIMITED", refusals.busy, { retryAfterSeconds: 5 });
    }
    if (error instanceof Error && (error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY") {
      throw new AppError("VALIDATION", refusals.memory(heapLimitMb()));
    }
    if (error instanceof Error && /task queue is at limit|no task queue available/i.test(error.message)) {
      throw new AppError("RATE_LIMITED", refusals.busy, { retryAfterSeconds: 5 });
    }
    throw error;
  } finally {
    clearTimeout(timer);
    startedPort.close();
  }
  if (isRefusal(result)) throw new AppError("VALIDATION", result.refused);
  return result as TaskOutput<N>;
}

/**
 * Starts the pool's first worker thread and has it analyse one short sentence, so the first user
 * import after server start does not wait for a cold thread (tsx register, imports, first-run
 * warm-up: 3–10 s on a loaded 2-core machine). Meant to be called without awaiting it at server
 * start (instrumentation.ts); never throws: a failure is logged (`extraction_warm_failed`) and the
 * pool starts threads on demand as before. Resolves when the thread has answered.
 */
export async function warmExtractionPool(): Promise<void> {
  try {
    await runExtractionTask("extractArticle", { text: "The council approved $4.5 million for the schools on Monday.", limit: 1 });
  } catch (error) {
    logger.warn({ event: "extraction_warm_failed", err: error }, "warming the extraction pool failed; threads start on demand");
  }
}
