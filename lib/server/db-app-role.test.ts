/**
 * The PostgreSQL app role (issue 12): created by `npm run db:app-role` as the owner, it can do the
 * app's work but is refused every way of rewriting the audit log (UPDATE, DELETE, TRUNCATE, dropping
 * or disabling the triggers, ALTER TABLE). PostgreSQL only; SQLite has no roles.
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { appRoleStatements } from "./db-app-role";
import { getDb, provider } from "./db";
import { makeUser } from "./testing/factories";
import { integrationDatabaseUrl } from "./testing/database-url";

const role = `claimledger_app_it_${randomUUID().slice(0, 8)}`;

describe("appRoleStatements", () => {
  it("refuses a role name that is not a plain identifier", () => {
    for (const bad of ['app"; DROP TABLE "User"; --', "App", "1app", "", "a".repeat(64)]) {
      expect(() => appRoleStatements(bad, "db", null)).toThrow(/role name/);
    }
    expect(appRoleStatements("claimledger_app", "db", "it's")[1]).toContain("PASSWORD 'it''s'");
  });
});

describe.skipIf(provider !== "postgresql")("the PostgreSQL app role", () => {
  let client: pg.Client | null = null;

  afterAll(async () => {
    await client?.end();
    const db = await getDb();
    await db.$executeRawUnsafe(`DROP OWNED BY "${role}"`).catch(() => undefined);
    await db.$executeRawUnsafe(`DROP ROLE IF EXISTS "${role}"`);
  });

  it("is created by npm run db:app-role and may work but never rewrite the audit log", async () => {
    const user = await makeUser("EDITOR"); // writes an audit event as the owner
    const result = spawnSync(path.join("node_modules", ".bin", "tsx"), ["--conditions=react-server", "scripts/db-app-role.ts", "--role", role], {
      env: { ...process.env, DATABASE_URL: integrationDatabaseUrl(), LOG_LEVEL: "silent" },
      encoding: "utf8",
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Password \(shown once\): \S{20,}/);

    const url = new URL(integrationDatabaseUrl());
    url.username = role;
    client = new pg.Client({ connectionString: url.toString() }); // trust auth on 127.0.0.1 in tests
    await client.connect();
    // The app's own work goes through.
    expect((await client.query(`SELECT "name" FROM "User" WHERE "id" = $1`, [user.id])).rows).toEqual([{ name: user.name }]);
    await client.query(`UPDATE "User" SET "name" = $1 WHERE "id" = $2`, [`${user.name} (renamed)`, user.id]);
    const [last] = (await client.query(`SELECT "id", "hash" FROM "AuditEvent" ORDER BY "id" DESC LIMIT 1`)).rows as { id: number; hash: string }[];
    expect(last).toBeDefined();
    await client.query(
      `INSERT INTO "AuditEvent" ("at", "action", "entityType", "entityId", "prevHash", "hash") VALUES (now(), 'test.insert', 'User', $1, $2, $3)`,
      [user.id, last!.hash, randomUUID()],
    );
    // Every way of rewriting the log is refused.
    for (const sql of [
      `UPDATE "AuditEvent" SET "after" = '{}' WHERE "id" = ${last!.id}`,
      `DELETE FROM "AuditEvent" WHERE "id" = ${last!.id}`,
      `TRUNCATE "AuditEvent"`,
      `ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`,
      `DROP TRIGGER "AuditEvent_no_update_delete" ON "AuditEvent"`,
      `ALTER TABLE "AuditEvent" DROP COLUMN "hash"`,
      `DROP TABLE "AuditEvent"`,
      `CREATE TABLE "Sneaky" (id int)`,
      `SELECT * FROM "_prisma_migrations"`,
    ]) {
      await expect(client.query(sql), sql).rejects.toThrow(/permission denied|must be (the )?owner/);
    }
  });
});
