/** The CLIs and the demo agree on the database; a missing one is named, never created empty. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveCliDatabase } from "./cli-database";

let root = "";
const data = () => path.join(root, "prisma", "data");
function migrated(name: string) {
  const db = new Database(path.join(data(), name));
  db.exec("CREATE TABLE _prisma_migrations (id TEXT)");
  db.close();
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "cli-db-"));
  mkdirSync(data(), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("resolveCliDatabase", () => {
  it("reads the demo's database when there is no real install", () => {
    migrated("demo.db");
    const r = resolveCliDatabase({}, root);
    expect(r).toMatchObject({ ok: true, url: "file:./prisma/data/demo.db" });
    expect(r.ok && r.note).toContain("the demo's");
  });

  it("prefers the real install, and says how to read the demo's", () => {
    migrated("demo.db");
    migrated("claimledger.db");
    const r = resolveCliDatabase({}, root);
    expect(r).toMatchObject({ ok: true, url: "file:./prisma/data/claimledger.db" });
    expect(r.ok && r.note).toContain("file:./prisma/data/demo.db");
  });

  it("treats an empty default file (no tables) as no install", () => {
    writeFileSync(path.join(data(), "claimledger.db"), "");
    migrated("demo.db");
    expect(resolveCliDatabase({}, root)).toMatchObject({ ok: true, url: "file:./prisma/data/demo.db" });
  });

  it("refuses when there is no database, saying how to make one", () => {
    const r = resolveCliDatabase({}, root);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain("npm run db:deploy");
    expect(!r.ok && r.message).toContain("npm run demo");
  });

  it("uses DATABASE_URL when set, and refuses a SQLite file that does not exist", () => {
    migrated("demo.db");
    expect(resolveCliDatabase({ DATABASE_URL: "postgresql://u:secret@127.0.0.1/x" }, root)).toMatchObject({ ok: true, url: "postgresql://u:secret@127.0.0.1/x" });
    const note = resolveCliDatabase({ DATABASE_URL: "postgresql://u:secret@127.0.0.1/x" }, root);
    expect(note.ok && note.note).not.toContain("secret");
    const missing = resolveCliDatabase({ DATABASE_URL: "file:./prisma/data/other.db" }, root);
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.message).toContain("does not exist");
  });
});
