import "server-only";
import { auditChainProgress, deferAuditWrites, flushAuditEvents, lockAuditChain } from "./audit";
import { recordAuditCheckpoint } from "./audit-checkpoint";
import { getDb, provider, type Tx } from "./db";
import { idempotentStep } from "./idempotency";

/** Errors from steps whose transaction is known to have rolled back (see inTransaction). */
const rolledBackErrors = new WeakSet<object>();

/**
 * True when `error` came out of inTransaction and the step's transaction is known to have rolled
 * back: it failed before COMMIT was sent, or on SQLite (whose failed COMMIT is rolled back by
 * lib/server/sqlite-adapter.ts). A PostgreSQL COMMIT that lost its connection may have committed.
 */
export function isKnownRolledBack(error: unknown): boolean {
  return typeof error === "object" && error !== null && rolledBackErrors.has(error);
}

/**
 * One business step = one transaction, together with its audit event. No network I/O inside.
 * Steps write the audit chain, so they are serialised from their start (see lockAuditChain): rows are
 * always locked after the chain lock, never before it, and steps cannot deadlock each other.
 * The step's audit events are appended in memory and written in one INSERT before the commit
 * (lib/server/audit.ts deferAuditWrites). After the commit, a signed checkpoint of the chain's head is appended outside the database
 * (lib/server/audit-checkpoint.ts; never throws).
 */
export async function inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  let committing = false;
  let result: T;
  let progress: ReturnType<typeof auditChainProgress> = null;
  try {
    result = await db.$transaction(
      async (tx) => {
        await lockAuditChain(tx);
        // The step's audit events are written together, in one statement, once its work is done.
        deferAuditWrites(tx);
        // With an idempotency key in scope, the key is checked and stored inside this transaction.
        const result = await idempotentStep(tx, () => work(tx));
        await flushAuditEvents(tx);
        progress = auditChainProgress(tx);
        committing = true;
        return result;
      },
      { maxWait: 10_000, timeout: 20_000 },
    );
  } catch (error) {
    if ((!committing || provider === "sqlite") && typeof error === "object" && error !== null) rolledBackErrors.add(error);
    throw error;
  }
  // Signed checkpoints are written after the commit, outside the transaction (issue 12).
  // The step's own view of the chain (read under the lock) spares the checkpoint its reads.
  await recordAuditCheckpoint({ db, progress: progress ?? undefined });
  return result;
}
