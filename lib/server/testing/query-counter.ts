import { getDb } from "../db";
import { observeDirectReads } from "../direct-read";
import { onDriverStatement } from "../driver-transaction";

type QueryListener = (event: { query: string; source?: StatementSource }) => void;

/** Who sent a statement: Prisma's client, a read on the driver (direct-read.ts), or the driver's transactions and statements (driver-transaction.ts). */
export type StatementSource = "prisma" | "direct" | "driver";
const listeners = new Set<QueryListener>();
let attached = false;

/**
 * Runs `work` and returns how many SQL statements the app sent meanwhile: those of the Prisma client
 * (it logs query events under NODE_ENV=test), the reads run on the driver (direct-read.ts) and the
 * transactions and statements run on the driver (driver-transaction.ts). Transaction control
 * statements are not counted. `sources[i]` says who sent `statements[i]`.
 */
export async function countQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: number; statements: string[]; sources: StatementSource[] }> {
  const db = await getDb();
  if (!attached) {
    (db as unknown as { $on(event: "query", cb: QueryListener): void }).$on("query", (e) => listeners.forEach((l) => l(e)));
    attached = true;
  }
  const statements: string[] = [];
  const sources: StatementSource[] = [];
  const listener: QueryListener = (e) => {
    if (/^\s*(BEGIN|COMMIT|ROLLBACK)\b/i.test(e.query)) return;
    statements.push(e.query);
    sources.push(e.source ?? "prisma");
  };
  listeners.add(listener);
  const stopDirect = observeDirectReads((query) => listener({ query, source: "direct" }));
  const stopDriver = onDriverStatement((query) => listener({ query, source: "driver" }));
  try {
    const result = await work();
    return { result, queries: statements.length, statements, sources };
  } finally {
    listeners.delete(listener);
    stopDirect();
    stopDriver();
  }
}
