/**
 * The scheduling priority ("nice value") of the analysis pool's worker threads, read from
 * CLAIMLEDGER_EXTRACTION_NICE. Linux nice values run from −20 (first) to 19 (last); a thread may only
 * lower its own priority, so 0 (no change, off) to 19 are allowed. Figures: with the CFS weights of
 * the Linux kernel (kernel/sched/core.c, sched_prio_to_weight: nice 0 = 1024, 10 = 110, 19 = 15), a
 * nice-10 thread gets ~10 % of a core a nice-0 thread also wants, a nice-19 thread ~1.5 %.
 */

/** Default nice value of a worker thread (19 starved the workers past their wall-clock time limit under foreign load). */
export const DEFAULT_WORKER_NICE = 10;
/** Largest nice value Linux accepts. */
export const MAX_WORKER_NICE = 19;

/**
 * Parses CLAIMLEDGER_EXTRACTION_NICE's text: unset or blank gives DEFAULT_WORKER_NICE; a whole
 * number 0–19 (surrounding spaces allowed) gives itself. Anything else ("abc", "-5", "25", "7.5")
 * gives `{ error }`, a sentence naming the variable, the allowed range and the value received, so the
 * caller can log it and keep the default; it never throws.
 */
export function parseWorkerNice(raw: string | undefined): { nice: number } | { error: string; nice: number } {
  const text = (raw ?? "").trim();
  if (text === "") return { nice: DEFAULT_WORKER_NICE };
  if (/^\d{1,2}$/.test(text) && Number(text) <= MAX_WORKER_NICE) return { nice: Number(text) };
  return {
    error: `CLAIMLEDGER_EXTRACTION_NICE must be a whole number from 0 (off) to ${MAX_WORKER_NICE}; got "${raw}", so the analysis workers run at the default ${DEFAULT_WORKER_NICE}.`,
    nice: DEFAULT_WORKER_NICE,
  };
}
