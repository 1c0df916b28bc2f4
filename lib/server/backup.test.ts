/**
 * Backups under write load: every write acknowledged before the backup started is in it, the backup's
 * integrity is ok, its audit chain verifies, and a desk restored from it serves. Restores refuse a
 * live database without force. SQLite restores into a scratch file, PostgreSQL into a scratch database.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "./audit";
import { checkpointFilePath } from "./audit-checkpoint";
import { backupDatabase, checkSqliteIntegrity, restoreDatabase } from "./backup";
import { addComment } from "./comments";
import { createClient, getDb, provider } from "./db";
import { makeAssignedClaim, makeUser } from "./testing/factories";

const scratchDir = mkdtempSync(path.join(tmpdir(), "claimledger-backup-"));
/** PostgreSQL scratch databases this file created, dropped after it (their names, unquoted). */
const scratchDatabases = new Set<string>();
afterAll(async () => {
  rmSync(scratchDir, { recursive: true, force: true });
  for (const name of scratchDatabases) await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});

/** Runs one statement on the admin database (`TEST_PG_ADMIN_DATABASE`, else `test`) of DATABASE_URL's server. */
async function adminQuery(sql: string): Promise<void> {
  const admin = new URL(process.env.DATABASE_URL!);
  admin.pathname = `/${process.env.TEST_PG_ADMIN_DATABASE ?? "test"}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A database to restore into: a fresh SQLite file, or `<test database>_restore` recreated empty (dropped after the file). */
async function scratchDatabase(): Promise<string> {
  if (provider === "sqlite") return `file:${path.join(scratchDir, `restored-${randomUUID()}.db`)}`;
  const url = new URL(process.env.DATABASE_URL!);
  const name = `${decodeURIComponent(url.pathname.slice(1))}_restore`;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${name}`);
  scratchDatabases.add(name);
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${name}"`);
  url.pathname = `/${name}`;
  return url.toString();
}

describe("db:backup and db:restore", () => {
  it("a backup taken under write load holds every acknowledged write; the restored desk verifies and serves", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const tag = randomUUID();
    const acknowledged: string[] = [];
    let stop = false;
    // Writers keep committing comments (one transaction + audit event each) before, during and after the backup.
    const writer = (async () => {
      for (let i = 0; i < 200 && !stop; i++) {
        const comment = await addComment(reviewer, { claimId: claim.id, body: `${tag} #${i}` });
        acknowledged.push(comment.id);
      }
    })();
    while (acknowledged.length < 15) await new Promise((r) => setTimeout(r, 10));
    const ackedBeforeBackup = [...acknowledged];
    const file = path.join(scratchDir, `backup-${randomUUID()}.${provider === "sqlite" ? "db" : "dump"}`);
    const result = await backupDatabase(file);
    const ackedAfterBackup = acknowledged.length;
    stop = true;
    await writer;
    expect(result.bytes).toBeGreaterThan(0);
    expect(ackedAfterBackup).toBeGreaterThan(ackedBeforeBackup.length - 1);
    await expect(backupDatabase(file)).rejects.toThrow(/exists already/);
    if (provider === "sqlite") expect(checkSqliteIntegrity(file)).toEqual({ ok: true, problems: [] });

    const target = await scratchDatabase();
    await restoreDatabase(file, { url: target });
    const restored = createClient(target);
    try {
      const inBackup = await restored.comment.findMany({ where: { id: { in: ackedBeforeBackup } }, select: { id: true } });
      expect(inBackup.length).toBe(ackedBeforeBackup.length);
      // The restored desk is checked against the signed checkpoints the backup carried (db:restore installs them).
      const check = await verifyAuditChain(restored, 1000, { checkpointFile: checkpointFilePath(target) });
      expect(check).toMatchObject({ ok: true });
      expect(check.ok && check.checked).toBeGreaterThan(ackedBeforeBackup.length);
      // The restored desk serves: the reviewer's claim with its comments and the reviewer's account.
      const served = await restored.claim.findUniqueOrThrow({ where: { id: claim.id }, include: { comments: true, assignee: true } });
      expect(served.assignee?.email).toBe(reviewer.email);
      expect(served.comments.length).toBeGreaterThanOrEqual(ackedBeforeBackup.length);
    } finally {
      await restored.$disconnect();
    }
    // A second restore over the now live database is refused without force, then allowed with it.
    await expect(restoreDatabase(file, { url: target })).rejects.toThrow(/is a live database; nothing was restored/);
    await expect(restoreDatabase(file, { url: target, force: true })).resolves.toMatchObject({ provider });
    // The test database itself is untouched by all this.
    const db = await getDb();
    expect(await db.comment.count({ where: { claimId: claim.id } })).toBe(acknowledged.length);
  });

  it.runIf(provider === "sqlite")("a damaged backup is refused before anything is replaced", async () => {
    const { writeFileSync } = await import("node:fs");
    const file = path.join(scratchDir, "damaged.db");
    writeFileSync(file, Buffer.alloc(8192, 7));
    const target = await scratchDatabase();
    await expect(restoreDatabase(file, { url: target })).rejects.toThrow();
  });
});
