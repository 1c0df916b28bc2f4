/**
 * `npm run audit:verify` against a scratch database of the same kind as the test database: a clean
 * chain verifies, then a row edited behind the triggers' back (or deleted) is reported as the first
 * broken link, with a non-zero exit code. With AUDIT_KEY (issue 12): an edit whose hashes were
 * recomputed without the key, the last 20 rows deleted and a wiped table are all reported, thanks to
 * the keyed links and the signed checkpoint file; unkeyed history before the key still verifies.
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
import { GENESIS_HASH, hashAuditEvent, KEYED_ALGORITHM } from "@/lib/domain/audit-chain";
import { appendAuditEvent, verifyAuditChain } from "./audit";
import { recordAuditCheckpoint } from "./audit-checkpoint";
import { provider, type Db, type Tx } from "./db";
import { integrationDatabaseUrl } from "./testing/database-url";

const bin = (name: string) => path.join("node_modules", ".bin", name);
const tag = randomUUID().slice(0, 8);
let scratchUrl = "";
let scratch: Db;
let adminUrl: URL | null = null;
let scratchName = "";
const checkpointFile = `prisma/data/audit-tamper-${tag}-checkpoints.jsonl`;

function run(command: string, args: string[], extraEnv: Record<string, string> = {}) {
  return spawnSync(bin(command), args, {
    // CLAIMLEDGER_QUIET_DATABASE: the CLI's "Database: …" line would sit before the verdict in `out`.
    env: { ...process.env, DATABASE_URL: scratchUrl, LOG_LEVEL: "silent", AUDIT_CHECKPOINT_FILE: checkpointFile, CLAIMLEDGER_QUIET_DATABASE: "1", ...extraEnv },
    encoding: "utf8",
  });
}

function auditVerify(extraEnv: Record<string, string> = {}) {
  const result = run("tsx", ["--conditions=react-server", "scripts/audit-verify.ts"], extraEnv);
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
  rmSync(checkpointFile, { force: true });
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

async function step(i: number) {
  await scratch.$transaction((tx) =>
    appendAuditEvent(tx as unknown as Tx, { actorId: null, action: "test.step", entityType: "Setting", entityId: `step-${i}`, after: { step: i } }),
  );
  await recordAuditCheckpoint({ db: scratch, file: checkpointFile });
}

/** What an attacker without the key does after editing a row: rebuild every later link with the public SHA-256 formula. */
async function rehashFrom(fromId: number, algorithm: string | null) {
  const rows = await scratch.auditEvent.findMany({ orderBy: { id: "asc" } });
  let prev = GENESIS_HASH;
  for (const row of rows) {
    if (row.id >= fromId) {
      const hash = hashAuditEvent(prev, row);
      await scratch.auditEvent.update({ where: { id: row.id }, data: { prevHash: prev, hash, hashAlgorithm: algorithm } });
      prev = hash;
    } else prev = row.hash;
  }
}

describe("npm run audit:verify", () => {
  const key = process.env.AUDIT_KEY!;

  it("verifies unkeyed legacy history followed by keyed events and a matching signed checkpoint", async () => {
    expect(key.length).toBeGreaterThanOrEqual(32);
    expect(await verifyAuditChain(scratch, 1000, { checkpointFile })).toMatchObject({ ok: true, checked: 0 });
    // Three events written before AUDIT_KEY existed (unkeyed SHA-256 links, as older versions wrote them).
    let prev = GENESIS_HASH;
    for (let i = 1; i <= 3; i++) {
      const content = { at: new Date(), actorId: null, action: "legacy.step", entityType: "Setting", entityId: `legacy-${i}`, entityVersion: null, claimId: null, before: null, after: `{"legacy":${i}}` };
      const hash = hashAuditEvent(prev, content);
      await scratch.auditEvent.create({ data: { ...content, prevHash: prev, hash } });
      prev = hash;
    }
    for (let i = 1; i <= 25; i++) await step(i);
    const rows = await scratch.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => r.hashAlgorithm)).toEqual([null, null, null, ...Array(25).fill(KEYED_ALGORITHM)]);
    const ok = auditVerify();
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^ok, 28 events \(3 unkeyed legacy events from before AUDIT_KEY; signed checkpoint of \S+ \(28 events\) matches\)$/);
    // Without the key the keyed links cannot be checked: said so, not passed.
    const noKey = auditVerify({ AUDIT_KEY: "" });
    expect(noKey.code).not.toBe(0);
  });

  it("reports an edit even with the triggers dropped and every later hash recomputed without the key", async () => {
    const rows = await scratch.auditEvent.findMany({ orderBy: { id: "asc" } });
    const target = rows[9]!;
    // The triggers refuse the edit as long as they are in place.
    await expect(scratch.$executeRawUnsafe(`UPDATE "AuditEvent" SET "after" = '{"step":99}' WHERE "id" = ${target.id}`)).rejects.toThrow(/append-only/);

    await dropTriggers();
    await scratch.$executeRawUnsafe(`UPDATE "AuditEvent" SET "after" = '{"step":99}' WHERE "id" = ${target.id}`);
    expect(auditVerify()).toEqual({ code: 1, out: `broken at event ${target.id}: content does not match its keyed hash (edited, or a different AUDIT_KEY) (9 events before it verified)` });

    // Recomputed as unkeyed links: the downgrade is refused.
    await rehashFrom(target.id, null);
    expect(auditVerify()).toEqual({ code: 1, out: `broken at event ${target.id}: an unkeyed event follows keyed ones (rewritten without the key?) (9 events before it verified)` });
    // Recomputed with SHA-256 but still labelled keyed: the HMAC does not match.
    await rehashFrom(target.id, KEYED_ALGORITHM);
    expect((await verifyAuditChain(scratch, 1000, { checkpointFile })).ok).toBe(false);
    // The whole chain rebuilt unkeyed from the start, so no keyed event is left: the checkpoint's head no longer matches.
    await rehashFrom(rows[0]!.id, null);
    const rebuilt = auditVerify();
    expect(rebuilt.code).toBe(1);
    expect(rebuilt.out).toMatch(/does not match the signed checkpoint .* \(the chain was rewritten\)/);

    // Put everything back: the chain verifies again.
    for (const row of rows) {
      await scratch.auditEvent.update({ where: { id: row.id }, data: { after: row.after, prevHash: row.prevHash, hash: row.hash, hashAlgorithm: row.hashAlgorithm } });
    }
    expect(auditVerify().code).toBe(0);
  });

  it("reports a deleted middle row, the last 20 rows deleted, and a wiped table", async () => {
    const rows = await scratch.auditEvent.findMany({ orderBy: { id: "asc" } });
    const [, second, third] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
    await scratch.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "id" = ${second.id}`);
    expect(auditVerify()).toEqual({
      code: 1,
      out: `broken at event ${third.id}: prevHash does not match the previous event's hash (1 events before it verified)`,
    });
    await scratch.auditEvent.create({ data: second });

    const last = rows[rows.length - 1]!;
    await scratch.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "id" > ${rows[rows.length - 21]!.id}`);
    const cut = auditVerify();
    expect(cut.code).toBe(1);
    expect(cut.out).toMatch(new RegExp(`^broken at event ${last.id}: the log holds 8 events but a signed checkpoint of \\S+ recorded 28 \\(up to event ${last.id}\\): events were deleted`));

    await scratch.$executeRawUnsafe(`DELETE FROM "AuditEvent"`);
    const wiped = auditVerify();
    expect(wiped.code).toBe(1);
    expect(wiped.out).toMatch(/the log holds 0 events but a signed checkpoint .* recorded 28 .*\(the table is empty\)/);
  });

  it("refuses a checkpoint line not signed with the key, and keyed events without any checkpoint", async () => {
    const { appendFileSync } = await import("node:fs");
    await step(100);
    expect(auditVerify({ AUDIT_CHECKPOINT_FILE: `${checkpointFile}.missing` })).toMatchObject({ code: 1, out: expect.stringMatching(/no signed checkpoint found/) });
    appendFileSync(checkpointFile, `${JSON.stringify({ count: 1, lastId: 1, head: "0".repeat(64), at: new Date().toISOString(), sig: "f".repeat(64) })}\n`);
    expect(auditVerify()).toMatchObject({ code: 1, out: expect.stringMatching(/checkpoint file line\(s\) \d+ are not signed with AUDIT_KEY/) });
  });

  it("exits with 2, naming the database, when there is none to read", () => {
    const result = spawnSync(bin("tsx"), ["--conditions=react-server", "scripts/audit-verify.ts"], {
      env: { ...process.env, DATABASE_URL: `file:./prisma/data/missing-dir-${tag}/none.db`, LOG_LEVEL: "silent" },
      encoding: "utf8",
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^✗ DATABASE_URL points at prisma\/data\/missing-dir-\S+\/none\.db \(SQLite\), which does not exist/);
  });
});
