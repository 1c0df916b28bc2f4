import "server-only";
import { lockAuditChain } from "./audit";
import { recordAuditCheckpoint } from "./audit-checkpoint";
import { getDb, type Tx } from "./db";

/**
 * One business step = one transaction, together with its audit event. No network I/O inside.
 * Steps write the audit chain, so they are serialised from their start (see lockAuditChain): rows are
 * always locked after the chain lock, never before it, and steps cannot deadlock each other.
 * After the commit, a signed checkpoint of the chain's head is appended outside the database
 * (lib/server/audit-checkpoint.ts; never throws).
 */
export async function inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  const result = await db.$transaction(
    async (tx) => {
      await lockAuditChain(tx);
      return work(tx);
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
  await recordAuditCheckpoint({ db });
  return result;
}
