/**
 * Each vitest worker runs on its own database and evidence folder, derived from the base database the
 * suite was started with (TEST_PG_DATABASE_URL for PostgreSQL), so parallel test files never share one.
 */
import { afterEach, describe, expect, it } from "vitest";
import { getDb, provider } from "../db";
import { env } from "../env";
import { integrationBaseDatabaseUrl, integrationDataDir, integrationDatabaseUrl, integrationWorkers } from "./database-url";

const saved = { ...process.env };
afterEach(() => {
  for (const key of ["TEST_DATABASE", "TEST_PG_DATABASE_URL", "CLAIMLEDGER_TEST_WORKERS"]) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

describe("integration databases per worker", () => {
  it("points this worker's DATABASE_URL and evidence folder at its own copy before the app reads them", () => {
    expect(process.env.VITEST_POOL_ID).toMatch(/^[1-9]\d*$/);
    expect(process.env.DATABASE_URL).toBe(integrationDatabaseUrl(process.env.VITEST_POOL_ID));
    expect(env.DATABASE_URL).toBe(integrationDatabaseUrl(process.env.VITEST_POOL_ID));
    expect(env.CLAIMLEDGER_DATA_DIR).toBe(integrationDataDir(process.env.VITEST_POOL_ID));
    expect(process.env.DATABASE_URL).not.toBe(integrationBaseDatabaseUrl());
  });

  it("names one SQLite file and one evidence folder per worker", () => {
    delete process.env.TEST_DATABASE;
    expect([1, 2].map((w) => integrationDatabaseUrl(w))).toEqual(["file:./prisma/data/integration-1.db", "file:./prisma/data/integration-2.db"]);
    expect([1, 2].map((w) => integrationDataDir(w))).toEqual(["prisma/data/integration-1-files", "prisma/data/integration-2-files"]);
  });

  it("derives each PostgreSQL worker database from TEST_PG_DATABASE_URL, on the same server", () => {
    process.env.TEST_DATABASE = "postgresql";
    process.env.TEST_PG_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/it_task";
    expect(integrationDatabaseUrl(2)).toBe("postgresql://postgres@127.0.0.1:5432/it_task_2");
    expect(integrationDataDir(2)).toBe("prisma/data/it_task_2-files");
    delete process.env.TEST_PG_DATABASE_URL;
    expect(integrationDatabaseUrl(1)).toBe("postgresql://postgres@127.0.0.1:5432/claimledger_it_1");
  });

  it("refuses a missing worker id and a worker count that is not a whole number", () => {
    expect(() => integrationDatabaseUrl("")).toThrow(/VITEST_POOL_ID is ""/);
    expect(() => integrationDatabaseUrl("0")).toThrow(/VITEST_POOL_ID is "0"/);
    process.env.CLAIMLEDGER_TEST_WORKERS = "";
    expect(integrationWorkers()).toBe(2);
    process.env.CLAIMLEDGER_TEST_WORKERS = "3";
    expect(integrationWorkers()).toBe(3);
    for (const bad of ["0", "two", "1.5", "-1"]) {
      process.env.CLAIMLEDGER_TEST_WORKERS = bad;
      expect(() => integrationWorkers()).toThrow(/CLAIMLEDGER_TEST_WORKERS must be a whole number/);
    }
  });

  it.runIf(provider === "postgresql")("runs each PostgreSQL worker database without waiting for the WAL flush at commit", async () => {
    // Global setup sets it per database: a TEMPLATE copy does not inherit the base database's settings.
    const db = await getDb();
    const [setting] = await db.$queryRawUnsafe<{ synchronous_commit: string }[]>("SHOW synchronous_commit");
    expect(setting?.synchronous_commit).toBe("off");
  });
});
