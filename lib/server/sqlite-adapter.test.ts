import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { cacheStatements } from "./sqlite-adapter";

/** A connection used the way Prisma's adapter uses it: prepare(sql).bind(args), then run() or columns() + raw().all(). */
function connection() {
  const db = new Database(":memory:");
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)`);
  let prepared = 0;
  const prepare = db.prepare.bind(db);
  (db as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
    prepared++;
    return prepare(sql);
  };
  const handle = db as unknown as Parameters<typeof cacheStatements>[0];
  return { db, handle, prepared: () => prepared };
}

describe("cacheStatements", () => {
  it("prepares each SQL text once and binds each use's own arguments", () => {
    const { handle, prepared } = connection();
    const cached = cacheStatements(handle);
    for (const [id, name] of [[1, "a"], [2, "b"], [3, "c"]] as const) handle.prepare(`INSERT INTO t (id, name) VALUES (?, ?)`).bind([id, name]).run();
    const select = (id: number) => {
      const statement = handle.prepare(`SELECT id, name FROM t WHERE id >= ? ORDER BY id`).bind([id]);
      expect(statement.reader).toBe(true);
      expect(statement.columns()).toHaveLength(2);
      return statement.raw().all();
    };
    expect(select(2)).toEqual([[2, "b"], [3, "c"]]);
    expect(select(3)).toEqual([[3, "c"]]);
    expect(select(1)).toHaveLength(3);
    expect(prepared()).toBe(2);
    expect(cached()).toBe(2);
    // A statement without arguments (BEGIN, COMMIT) runs without bind().
    handle.prepare("BEGIN").run();
    handle.prepare("COMMIT").run();
    expect(handle.inTransaction).toBe(false);
  });

  it("keeps at most `size` statements, dropping the least recently used, and never caches SQL that fails to prepare", () => {
    const { handle, prepared } = connection();
    const cached = cacheStatements(handle, 2);
    const count = (sql: string) => handle.prepare(sql).raw().all().length;
    count("SELECT 1");
    count("SELECT 2");
    count("SELECT 1"); // now the most recent
    count("SELECT 3"); // drops SELECT 2
    expect(cached()).toBe(2);
    count("SELECT 1");
    expect(prepared()).toBe(3);
    count("SELECT 2");
    expect(prepared()).toBe(4);
    expect(() => handle.prepare("SELEC nonsense")).toThrow();
    expect(cached()).toBe(2);
  });
});
