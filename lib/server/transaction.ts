import "server-only";
import { getDb, type Tx } from "./db";

/** One business step = one transaction, together with its audit event. No network I/O inside. */
export async function inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.$transaction(work, { maxWait: 10_000, timeout: 20_000 });
}
