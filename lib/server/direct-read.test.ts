import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/sqlite/client";
import { getDb } from "./db";
import { readRows } from "./direct-read";
import { makeUser } from "./testing/factories";
import { countQueries } from "./testing/query-counter";

/** Reads on the driver (the layout's session user and unread count) see what Prisma writes, bind as Prisma binds, and never write. */
describe("direct reads", () => {
  it("see a row as soon as Prisma has committed it, and its change", async () => {
    const user = await makeUser("REVIEWER");
    const db = await getDb();
    const [before] = await readRows<{ name: string; sessionVersion: number | string }>(Prisma.sql`SELECT "name", "sessionVersion" FROM "User" WHERE "id" = ${user.id}`);
    expect(before?.name).toBe(user.name);
    await db.user.update({ where: { id: user.id }, data: { name: "Renamed Reviewer", sessionVersion: { increment: 1 } } });
    const [after] = await readRows<{ name: string; sessionVersion: number | string }>(Prisma.sql`SELECT "name", "sessionVersion" FROM "User" WHERE "id" = ${user.id}`);
    expect(after?.name).toBe("Renamed Reviewer");
    expect(Number(after?.sessionVersion)).toBe(Number(before?.sessionVersion) + 1);
  });

  it("bind dates and booleans as Prisma does: the same rows as $queryRaw for the same statement", async () => {
    const user = await makeUser("EDITOR");
    const db = await getDb();
    const created = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { createdAt: true } });
    const at = (ms: number) => new Date(created.createdAt.getTime() + ms);
    for (const [from, to] of [
      [at(-1), at(1)],
      [at(0), at(1)],
      [at(1), at(1000)],
    ] as const) {
      const query = Prisma.sql`SELECT "id" FROM "User" WHERE "id" = ${user.id} AND "active" = ${true} AND "createdAt" >= ${from} AND "createdAt" < ${to}`;
      const viaPrisma = await db.$queryRaw<{ id: string }[]>(query);
      expect(await readRows<{ id: string }>(query)).toEqual(viaPrisma);
    }
    expect(await readRows(Prisma.sql`SELECT "id" FROM "User" WHERE "id" = ${user.id} AND "createdAt" >= ${at(-1)} AND "createdAt" < ${at(1)}`)).toHaveLength(1);
  });

  it("give a table's DateTime and Boolean columns as $queryRaw does (Date, boolean), NULL as null", async () => {
    const user = await makeUser("ADMIN");
    const db = await getDb();
    const query = Prisma.sql`SELECT "id", "role", "active", "mustChangePassword", "createdAt", "updatedAt", "totpEnabledAt", "sessionVersion" FROM "User" WHERE "id" = ${user.id}`;
    const [direct] = await readRows<Record<string, unknown>>(query);
    expect(direct).toEqual((await db.$queryRaw<Record<string, unknown>[]>(query))[0]);
    expect(direct?.createdAt).toBeInstanceOf(Date);
    expect(direct?.active).toBe(true);
    expect(direct?.totpEnabledAt).toBeNull();
  });

  it("refuse a statement that would write, and change nothing", async () => {
    const user = await makeUser("REVIEWER");
    // RETURNING makes it a statement that gives rows: refused by the connection (read-only), not by the API.
    await expect(readRows(Prisma.sql`UPDATE "User" SET "name" = ${"Hijacked"} WHERE "id" = ${user.id} RETURNING "id"`)).rejects.toThrow(/readonly|read-only|query_only/i);
    const db = await getDb();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe(user.name);
  });

  it("are counted with the statements the app sends", async () => {
    const user = await makeUser("REVIEWER");
    const { queries, statements } = await countQueries(() => readRows(Prisma.sql`SELECT "id" FROM "User" WHERE "id" = ${user.id}`));
    expect(queries).toBe(1);
    expect(statements[0]).toContain(`FROM "User"`);
  });
});
