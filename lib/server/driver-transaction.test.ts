import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/sqlite/client";
import { getDb, provider, writeDriverOf, type Db, type Tx } from "./db";
import { NeedsPrismaTransaction, onDriverStatement, runDriverStatement, runDriverTransaction } from "./driver-transaction";
import { makeUser } from "./testing/factories";
import { classifyDatabaseFault } from "@/lib/domain/database-fault";

/** A setting key of this test's own, so runs do not see each other's rows. */
const key = () => `test.driver.${Math.random().toString(36).slice(2)}`;

/**
 * A Prisma transaction that has run `start` and stays open until `finish()` is called: then it commits,
 * or rolls back by throwing `failWith` (which `other` rejects with). Resolves once `start` has run.
 */
async function holdPrismaTransaction(db: Db, start: (tx: Tx) => Promise<void>, failWith?: Error) {
  let finish!: () => void;
  const held = new Promise<void>((resolve) => (finish = resolve));
  let started!: () => void;
  const holding = new Promise<void>((resolve) => (started = resolve));
  const other = db.$transaction(async (tx) => {
    await start(tx as Tx);
    started();
    await held;
    if (failWith) throw failWith;
  });
  other.catch(() => undefined); // awaited by the test; never an unhandled rejection meanwhile
  await holding;
  return { other, finish };
}

describe("runDriverTransaction", () => {
  it("sends the step's statements on the driver and commits them; Prisma reads them back as it wrote its own", async () => {
    const db = await getDb();
    const admin = await makeUser("ADMIN");
    const other = await makeUser("ADMIN");
    const at = new Date("2026-12-01T10:20:30.456Z");
    const heard: string[] = [];
    const stop = onDriverStatement((sql) => heard.push(sql));
    try {
      const changed = await runDriverTransaction(db, async (tx) => {
        const [row] = await tx.$queryRaw<{ n: number | bigint | string; yes: unknown }[]>`SELECT count(*) AS "n", ${true} AS "yes" FROM "User" WHERE "id" = ${admin.id}`;
        expect(Number(row!.n)).toBe(1);
        return tx.$executeRaw`UPDATE "User" SET "updatedAt" = ${at} WHERE "id" = ${admin.id}`;
      });
      expect(changed).toBe(1);
    } finally {
      stop();
    }
    expect(heard).toHaveLength(2);
    expect(heard[1]).toMatch(/^UPDATE "User"/);
    // The date as Prisma stores it: its own read gives the same instant, and so does its raw query.
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).updatedAt.toISOString()).toBe(at.toISOString());
    const [raw] = await db.$queryRaw<{ updatedAt: Date }[]>`SELECT "updatedAt" FROM "User" WHERE "id" = ${admin.id}`;
    expect(raw!.updatedAt.toISOString()).toBe(at.toISOString());
    // Ordered among dates Prisma wrote (text comparison on SQLite).
    const later = await db.user.count({ where: { id: admin.id, updatedAt: { gt: new Date(at.getTime() - 1) } } });
    expect(later).toBe(1);
    // The very value Prisma stores for the same instant (SQLite keeps it as text).
    await db.user.update({ where: { id: other.id }, data: { updatedAt: at } });
    const [distinct] = await db.$queryRaw<{ n: number | bigint }[]>`SELECT count(DISTINCT "updatedAt") AS "n" FROM "User" WHERE "id" IN (${admin.id}, ${other.id})`;
    expect(Number(distinct!.n)).toBe(1);
  });

  it("rolls back everything when the step throws", async () => {
    const db = await getDb();
    const name = key();
    await expect(
      runDriverTransaction(db, async (tx) => {
        await tx.$executeRaw`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (${name}, ${"1"}, ${new Date()})`;
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(await db.setting.findUnique({ where: { key: name } })).toBeNull();
  });

  it("refuses Prisma's model API inside (NeedsPrismaTransaction) and rolls back what it wrote", async () => {
    const db = await getDb();
    const name = key();
    await expect(
      runDriverTransaction(db, async (tx) => {
        await tx.$executeRaw(Prisma.sql`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (${name}, ${"1"}, ${new Date()})`);
        return tx.setting.count();
      }),
    ).rejects.toBeInstanceOf(NeedsPrismaTransaction);
    expect(await db.setting.findUnique({ where: { key: name } })).toBeNull();
  });

  // SQLite: one connection, so the driver's transactions take the adapter's own transaction lock.
  it.skipIf(provider !== "sqlite")("is serialised with Prisma's transactions on SQLite: neither sees the other half-done", async () => {
    const db = await getDb();
    const name = key();
    await db.setting.create({ data: { key: name, value: "0" } });
    const bump = (n: number) => String(n + 1);
    // Prisma's read-then-write and the driver's interleave at every await; each must see the other's commit.
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        i % 2
          ? db.$transaction(async (tx) => {
              const row = await tx.setting.findUniqueOrThrow({ where: { key: name } });
              await tx.setting.update({ where: { key: name }, data: { value: bump(Number(row.value)) } });
            })
          : runDriverTransaction(db, async (tx) => {
              const [row] = await tx.$queryRaw<{ value: string }[]>`SELECT "value" FROM "Setting" WHERE "key" = ${name}`;
              await new Promise((r) => setTimeout(r, 5));
              await tx.$executeRaw`UPDATE "Setting" SET "value" = ${bump(Number(row!.value))} WHERE "key" = ${name}`;
            }),
      ),
    );
    expect((await db.setting.findUniqueOrThrow({ where: { key: name } })).value).toBe("6");
  });

  // SQLite: the write lock is one; a driver transaction waits for it a bounded time, like Prisma's.
  it.skipIf(provider !== "sqlite")("gives up after its wait with an 'unavailable' error while another transaction holds the write lock, and changes nothing", async () => {
    const db = await getDb();
    const name = key();
    const { other, finish } = await holdPrismaTransaction(db, async (tx) => {
      await tx.setting.count();
    });
    const attempt = runDriverTransaction(db, async (tx) => tx.$executeRaw`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (${name}, ${"1"}, ${new Date()})`, { maxWaitMs: 200 });
    const error = await attempt.then(() => null, (e: unknown) => e);
    finish();
    await other;
    expect(classifyDatabaseFault(error)).toBe("UNAVAILABLE");
    expect(await db.setting.findUnique({ where: { key: name } })).toBeNull();
    // The lock was handed back: the next driver transaction runs.
    await runDriverTransaction(db, async (tx) => tx.$executeRaw`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (${name}, ${"2"}, ${new Date()})`);
    expect((await db.setting.findUniqueOrThrow({ where: { key: name } })).value).toBe("2");
  });
});

describe("runDriverStatement", () => {
  it("runs one statement on the driver in autocommit, heard by the listeners; a PostgreSQL timestamp is the same instant in any time zone", async () => {
    const db = await getDb();
    const name = key();
    const at = new Date("2026-12-01T10:20:30.456Z");
    const heard: string[] = [];
    const stop = onDriverStatement((sql) => heard.push(sql));
    // pg's default parser reads a `timestamp` as local time: a zone far from UTC shows a wrong parser.
    const zone = process.env.TZ;
    process.env.TZ = "Pacific/Auckland";
    let rows: { key: string; updatedAt: unknown }[];
    try {
      rows = await runDriverStatement<{ key: string; updatedAt: unknown }>(db, Prisma.sql`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (${name}, ${"1"}, ${at}) RETURNING "key", "updatedAt"`);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
      stop();
    }
    expect(heard).toEqual([expect.stringMatching(/^INSERT INTO "Setting"/)]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.key).toBe(name);
    // PostgreSQL: a Date (UTC); SQLite: the stored text, which is Prisma's.
    if (provider === "postgresql") expect(rows[0]!.updatedAt).toBeInstanceOf(Date);
    expect(new Date(rows[0]!.updatedAt as string | Date).toISOString()).toBe(at.toISOString());
    // Committed at once, and stored as Prisma stores a date.
    expect((await db.setting.findUniqueOrThrow({ where: { key: name } })).updatedAt.toISOString()).toBe(at.toISOString());
  });

  // SQLite: one connection. A statement sent while a transaction is open would run inside it (and see,
  // or be lost with, its uncommitted writes): it waits for the transaction lock instead.
  it.skipIf(provider !== "sqlite")("waits on SQLite for a transaction in progress instead of running inside it", async () => {
    const db = await getDb();
    const name = key();
    const { other, finish } = await holdPrismaTransaction(db, async (tx) => {
      await tx.setting.create({ data: { key: name, value: "uncommitted" } });
    }, new Error("rolled back"));
    const counted = runDriverStatement<{ n: number | bigint }>(db, Prisma.sql`SELECT count(*) AS "n" FROM "Setting" WHERE "key" = ${name}`);
    await new Promise((r) => setTimeout(r, 20));
    finish();
    await expect(other).rejects.toThrow("rolled back");
    const [row] = await counted;
    expect(Number(row!.n)).toBe(0);
  });

  // A failure elsewhere can leave SQLite's one connection inside a transaction (outside Prisma's view):
  // the statement must not run inside it (and be lost with it), as runDriverTransaction does not.
  it.skipIf(provider !== "sqlite")("rolls back on SQLite a transaction left open on the connection before its statement", async () => {
    const db = await getDb();
    const left = key();
    const name = key();
    const driver = writeDriverOf(db);
    if (driver.provider !== "sqlite") throw new Error("SQLite only");
    const handle = driver.connection()!.handle;
    handle.exec("BEGIN IMMEDIATE");
    let stillOpen: boolean;
    try {
      handle.prepare(`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (?, 'left open', '2026-12-01T00:00:00.000+00:00')`).run(left);
      await runDriverStatement(db, Prisma.sql`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (${name}, ${"1"}, ${new Date()})`);
    } finally {
      stillOpen = handle.inTransaction;
      if (stillOpen) handle.exec("ROLLBACK"); // leave the connection clean for the other tests
    }
    // Autocommitted, not held in the leftover transaction; the leftover's write is gone.
    expect(stillOpen).toBe(false);
    expect(await db.setting.count({ where: { key: { in: [left, name] } } })).toBe(1);
    expect((await db.setting.findUnique({ where: { key: name } }))?.value).toBe("1");
  });
});
