import { getDb } from "../db";
import { observeDirectReads } from "../direct-read";
import { onDriverStatement } from "../driver-transaction";

type QueryListener = (event: { query: string }) => void;
const listeners = new Set<QueryListener>();
let attached = false;

/**
 * Runs `work` and returns how many SQL statements the app sent meanwhile: those of the Prisma client
 * (it logs query events under NODE_ENV=test), the reads run on the driver (direct-read.ts) and the
 * transactions run on the driver (driver-transaction.ts). Transaction control statements are not
 * counted.
 */
export async function countQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: number; statements: string[] }> {
  const db = await getDb();
  if (!attached) {
    (db as unknown as { $on(event: "query", cb: QueryListener): void }).$on("query", (e) => listeners.forEach((l) => l(e)));
    attached = true;
  }
  const statements: string[] = [];
  const listener: QueryListener = (e) => {
    if (!/^\s*(BEGIN|COMMIT|ROLLBACK)\b/i.test(e.query)) statements.push(e.query);
  };
  listeners.add(listener);
  const stopDirect = observeDirectReads((query) => listener({ query }));
  const stopDriver = onDriverStatement((query) => listener({ query }));
  try {
    const result = await work();
    return { result, queries: statements.length, statements };
  } finally {
    listeners.delete(listener);
    stopDirect();
    stopDriver();
  }
}
