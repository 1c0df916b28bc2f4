/** Runs once when the Next.js server starts. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { applyHeapPolicy } = await import("./lib/server/heap-policy");
  applyHeapPolicy();
  // Client addresses and forwarded headers are believed only from TRUSTED_PROXIES (lib/server/client-ip.ts).
  const { installForwardedHeaderGuard } = await import("./lib/server/client-ip");
  installForwardedHeaderGuard();
  // Claims stored before the search fold changed get their folded words once, in the background
  // (lib/server/search-refold.ts; searches work on the words stored before until then).
  const [{ getDb }, { refoldClaimSearchAtStart }] = await Promise.all([import("./lib/server/db"), import("./lib/server/search-refold")]);
  void getDb().then(refoldClaimSearchAtStart, () => undefined);
  // One warm worker thread for claim finding, started in the background (its thread runs at a lower
  // priority), so the first import after start does not pay a cold thread's start-up.
  void import("./lib/server/extraction-pool/run-task").then(({ warmExtractionPool }) => warmExtractionPool());
}
