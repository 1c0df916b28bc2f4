import "server-only";
import { armAuditChainLockInStatement, auditChainProgress, deferAuditWrites, flushAuditEvents, lockAuditChain } from "./audit";
import { recordAuditCheckpoint } from "./audit-checkpoint";
import { getDb, provider, type Tx } from "./db";
import { NeedsPrismaTransaction, runDriverTransaction } from "./driver-transaction";
import { idempotencyKeyPending, idempotentStep } from "./idempotency";

/** Prisma's interactive transaction limits the app's steps use (ms): wait for a connection or lock, then run. */
export const PRISMA_TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;

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

export interface TransactionOptions {
  /**
   * "first-statement" (PostgreSQL): the step's first statement takes the audit chain's lock itself
   * (lib/server/audit.ts auditChainLockJoin / auditChainLockFrom) instead of a lock statement of its
   * own — one statement less. That statement may read a snapshot older than the lock, so the step's
   * audit INSERT checks the chain's head is still the one it read, and if the step fails in any way
   * (that check, or a refusal that a stale read could have caused) it runs again, once, with the lock
   * taken first. Only for steps whose first statement locks no row before the chain lock, and that
   * write nothing outside the database. With an idempotency key in scope the lock comes first as
   * usual (the key is looked up under it). Default "separate".
   */
  chainLock?: "separate" | "first-statement";
  /**
   * true: the step runs straight on the database driver (lib/server/driver-transaction.ts), for steps
   * whose usual path sends only hand-written statements (`tx.$queryRaw`/`$executeRaw`). When the step
   * reaches for Prisma's model API (a rarer path, e.g. a double-reviewed claim) it is rolled back and
   * runs again in a Prisma transaction; with an idempotency key in scope it runs in Prisma's from the
   * start. Default false.
   */
  driver?: boolean;
}

/**
 * One business step = one transaction, together with its audit event. No network I/O inside.
 * Steps write the audit chain, so they are serialised from their start (see lockAuditChain): rows are
 * always locked after the chain lock, never before it, and steps cannot deadlock each other.
 * The step's audit events are appended in memory and written in one INSERT before the commit
 * (lib/server/audit.ts deferAuditWrites). After the commit, a signed checkpoint of the chain's head is appended outside the database
 * (lib/server/audit-checkpoint.ts; never throws). See TransactionOptions for `chainLock`.
 */
export async function inTransaction<T>(work: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const lockInStatement = options.chainLock === "first-statement" && provider === "postgresql" && !idempotencyKeyPending();
  const onDriver = options.driver === true && !idempotencyKeyPending();
  if (lockInStatement) {
    try {
      return await runTransaction(work, true, onDriver);
    } catch (error) {
      // A failure before the commit rolled everything back: run the step again with the lock first,
      // where every read is under the lock (the answer, success or refusal, is then the usual one).
      if (!isKnownRolledBack(error)) throw error;
    }
  }
  return runTransaction(work, false, onDriver);
}

async function runTransaction<T>(work: (tx: Tx) => Promise<T>, lockInStatement: boolean, onDriver: boolean): Promise<T> {
  const db = await getDb();
  let committing = false;
  let result: T;
  let progress: ReturnType<typeof auditChainProgress> = null;
  const step = async (tx: Tx) => {
    if (lockInStatement) armAuditChainLockInStatement(tx);
    else await lockAuditChain(tx);
    // The step's audit events are written together, in one statement, once its work is done.
    deferAuditWrites(tx);
    // With an idempotency key in scope, the key is checked and stored inside this transaction.
    const result = await idempotentStep(tx, () => work(tx));
    await flushAuditEvents(tx);
    progress = auditChainProgress(tx);
    committing = true;
    return result;
  };
  try {
    result = onDriver ? await runDriverTransaction(db, step) : await db.$transaction(step, PRISMA_TRANSACTION_OPTIONS);
  } catch (error) {
    // The step needs Prisma's client: its driver transaction was rolled back; run it in Prisma's.
    if (error instanceof NeedsPrismaTransaction) return runTransaction(work, lockInStatement, false);
    if ((!committing || provider === "sqlite") && typeof error === "object" && error !== null) rolledBackErrors.add(error);
    throw error;
  }
  // Signed checkpoints are written after the commit, outside the transaction (issue 12).
  // The step's own view of the chain (read under the lock) spares the checkpoint its reads.
  await recordAuditCheckpoint({ db, progress: progress ?? undefined });
  return result;
}
