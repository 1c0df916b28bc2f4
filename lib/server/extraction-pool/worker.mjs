// Entry of the extraction pool's worker threads (plain JavaScript, so that the production server,
// vitest and the CLIs all start it the same way): registers tsx's loader in this thread, then runs
// the named task of lib/domain/extraction/tasks.ts.
import { setPriority } from "node:os";
import { register } from "tsx/esm/api";

// Lower this thread's scheduling priority, so that when the request thread (which answers other
// users) and a worker want the same core, the request thread gets it first. On Linux,
// setPriority(0, …) renices the calling thread only (a worker thread is its own kernel task; see
// /proc/<pid>/task/<tid>/stat, field 19), so the server's main thread keeps its priority.
// CLAIMLEDGER_EXTRACTION_NICE, 0 (off) to 19, is checked and defaulted (10) by run-task.ts, which
// starts this thread with it; piscina's own niceIncrement would need the optional native module
// @napi-rs/nice, while os.setPriority is Node's own (libuv's setpriority(2)).
const nice = Number.parseInt(process.env.CLAIMLEDGER_EXTRACTION_NICE ?? "", 10);
// Linux only: elsewhere setPriority(0, …) changes the whole process (macOS and the BSDs: the
// process's nice value; Windows: its priority class), which would slow the request thread too.
if (process.platform === "linux" && Number.isInteger(nice) && nice > 0 && nice <= 19) {
  try {
    setPriority(0, nice);
  } catch {
    // Not permitted or not supported here: the thread keeps the process's priority.
  }
}

// Test hook: a thread slow to start (a cold thread on a loaded machine), in ms. Read only under vitest
// (VITEST is set in its processes and passed on to the pool's threads), so it can never slow a server.
const startDelayMs = process.env.VITEST ? Number.parseInt(process.env.CLAIMLEDGER_EXTRACTION_TEST_START_DELAY_MS ?? "", 10) : 0;
if (startDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, startDelayMs));

register({ tsconfig: new URL("../../../tsconfig.json", import.meta.url).pathname });
const { EXTRACTION_TASKS } = await import("../../domain/extraction/tasks.ts");

/**
 * Piscina calls the default export with the task; the result is structured-cloned back. `started`,
 * a MessagePort from run-task.ts, gets "started" right before the task runs: the main thread's run
 * time limit counts from then, not from the queue or this thread's start-up.
 */
export default function runTask({ name, input, started }) {
  started?.postMessage("started");
  const task = EXTRACTION_TASKS[name];
  if (!task) throw new TypeError(`unknown extraction task ${name}`);
  return task(input);
}
