// Entry of the extraction pool's worker threads (plain JavaScript, so that the production server,
// vitest and the CLIs all start it the same way): registers tsx's loader in this thread, then runs
// the named task of lib/domain/extraction/tasks.ts.
import { register } from "tsx/esm/api";

register({ tsconfig: new URL("../../../tsconfig.json", import.meta.url).pathname });
const { EXTRACTION_TASKS } = await import("../../domain/extraction/tasks.ts");

/** Piscina calls the default export with the task; the result is structured-cloned back. */
export default function runTask({ name, input }) {
  const task = EXTRACTION_TASKS[name];
  if (!task) throw new TypeError(`unknown extraction task ${name}`);
  return task(input);
}
