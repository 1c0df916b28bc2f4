/**
 * `npm run audit:verify` against a scratch database of the same kind as the test database: a clean
 * chain verifies, then a row edited behind the triggers' back (or deleted) is reported as the first
 * broken link, with a non-zero exit code.
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgresql/client";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";
import { appendAuditEvent, verifyAuditChain } from "./audit";
import { provider, type Db, type Tx } from "./db";
import { integrationDatabaseUrl } from "./testing/database-url";

const bin = (name: string) => path.join("node_modules", ".bin", name);
const tag = randomUUID().slice(0, 8);
let scratchUrl = "";
let scratch: Db;
let adminUrl: URL | null = null;
let scratchName = "";

function run(command: string, args: string[]) {
  return spawnSync(bin(command), args, { env: { ...process.env, DATABASE_URL: scratchUrl, LOG_LEVEL: "silent" }, encoding: "utf8" });
}

function auditVerify() {
  const result = run("tsx", ["--conditions=react-server", "scripts/audit-verify.ts"]);
  return { code: result.status, out: `${result.stdout}${result.stderr}`.trim() };
}

beforeAll(async () => {
  if (provider === "postgresql") {
    const base = new URL(integrationDatabaseUrl());
    scratchName = `${decodeURIComponent(base.pathname.slice(1))}_tamper`;
    adminUrl = new URL(base);
    adminUrl.pathname = `/${process.env.TEST_PG_ADMIN_DATABASE ?? "test"}`;
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${scratchName}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${scratchName}"`);
    await admin.end();
    base.pathname = `/${scratchName}`;
    scratchUrl = base.toString();
  } else {
    mkdirSync("prisma/data", { recursive: true });
    scratchUrl = `file:./prisma/data/audit-tamper-${tag}.db`;
  }
  const migrated = run("prisma", ["migrate", "deploy"]);
  if (migrated.status !== 0) throw new Error(`migrate deploy failed: ${migrated.stdout}${migrated.stderr}`);
  scratch =
    provider === "postgresql"
      ? (new PostgresClient({ adapter: new PrismaPg({ connectionString: scratchUrl, max: 2 }) }) as unknown as Db)
      : new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: scratchUrl }) });
}, 120_000);

afterAll(async () => {
  await scratch?.$disconnect();
  if (provider === "postgresql" && adminUrl) {
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${scratchName}" WITH (FORCE)`);
    await admin.end();
  } else if (scratchUrl) {
    const file = scratchUrl.replace(/^file:/, "");
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  }
});

/** Turns the append-only triggers off (what an attacker with database access would do first). */
async function dropTriggers() {
  if (provider === "postgresql") {
    await scratch.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`);
  } else {
    await scratch.$executeRawUnsafe(`DROP TRIGGER "AuditEvent_no_update"`);
    await scratch.$executeRawUnsafe(`DROP TRIGGER "AuditEvent_no_delete"`);
  }
}

describe("npm run audit:verify", () => {
  it("reports ok with the count, then the first broken link after tampering, with a non-zero exit code", async () => {
    expect(await verifyAuditChain(scratch)).toMatchObject({ ok: true, checked: 0 });
    for (let i = 1; i <= 5; i++) {
      await scratch.$transaction((tx) =>
        appendAuditEvent(tx as unknown as Tx, { actorId: null, action: "test.step", entityType: "Setting", entityId: `step-${i}`, after: { step: i } }),
      );
    }
    expect(auditVerify()).toEqual({ code: 0, out: "ok, 5 events" });
    const rows = await scratch.auditEvent.findMany({ orderBy: { id: "asc" } });
    const [, second, third] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];

    // The triggers refuse the edit as long as they are in place.
    await expect(scratch.$executeRawUnsafe(`UPDATE "AuditEvent" SET "after" = '{"step":99}' WHERE "id" = ${third.id}`)).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(scratch)).toMatchObject({ ok: true, checked: 5 });

    await dropTriggers();
    await scratch.$executeRawUnsafe(`UPDATE "AuditEvent" SET "after" = '{"step":99}' WHERE "id" = ${third.id}`);
    expect(auditVerify()).toEqual({ code: 1, out: `broken at event ${third.id}: content does not match its hash (2 events before it verified)` });
    expect(await verifyAuditChain(scratch)).toMatchObject({ ok: false, brokenAtId: third.id, checked: 2 });

    // Put the content back: the chain verifies again. Then delete an earlier row: the link after it breaks.
    await scratch.$executeRawUnsafe(`UPDATE "AuditEvent" SET "after" = '{"step":3}' WHERE "id" = ${third.id}`);
    expect(await verifyAuditChain(scratch)).toMatchObject({ ok: true, checked: 5 });
    await scratch.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "id" = ${second.id}`);
    expect(auditVerify()).toEqual({
      code: 1,
      out: `broken at event ${third.id}: prevHash does not match the previous event's hash (1 events before it verified)`,
    });
  });

  it("exits with 2 when the database cannot be read", () => {
    const result = spawnSync(bin("tsx"), ["--conditions=react-server", "scripts/audit-verify.ts"], {
      env: { ...process.env, DATABASE_URL: `file:./prisma/data/missing-dir-${tag}/none.db`, LOG_LEVEL: "silent" },
      encoding: "utf8",
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^could not read the audit log/);
  });
});
