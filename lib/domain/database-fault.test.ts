import { describe, expect, it } from "vitest";
import { classifyDatabaseFault } from "./database-fault";

/** Shapes as Prisma 6.19 and the drivers throw them (driver-adapter error inside `meta`, pg errors with SQLSTATE `code`). */
const adapterError = (cause: Record<string, unknown>) => Object.assign(new Error("driver"), { name: "DriverAdapterError", cause });
const prismaError = (code: string, driverCause?: Record<string, unknown>) =>
  Object.assign(new Error(`Prisma ${code}`), { code, meta: driverCause ? { driverAdapterError: adapterError(driverCause) } : { modelName: "Claim" } });

describe("classifyDatabaseFault", () => {
  it("a full disk on SQLite and PostgreSQL is STORAGE_FULL", () => {
    expect(classifyDatabaseFault(prismaError("SQLITE_FULL"))).toBe("STORAGE_FULL");
    expect(classifyDatabaseFault(adapterError({ kind: "sqlite", extendedCode: 13, message: "database or disk is full" }))).toBe("STORAGE_FULL");
    expect(classifyDatabaseFault(Object.assign(new Error("could not extend file"), { code: "53100" }))).toBe("STORAGE_FULL");
    expect(classifyDatabaseFault(new Error("SqliteError: database or disk is full"))).toBe("STORAGE_FULL");
    expect(classifyDatabaseFault(Object.assign(new Error("write"), { code: "ENOSPC" }))).toBe("STORAGE_FULL");
  });

  it("every SQLite class that may roll back by itself is UNAVAILABLE, with extended codes", () => {
    for (const code of ["SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_IOERR", "SQLITE_IOERR_WRITE", "SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_CANTOPEN", "SQLITE_NOMEM"]) {
      expect(classifyDatabaseFault(prismaError(code)), code).toBe("UNAVAILABLE");
    }
    // SQLITE_IOERR_FSYNC = 10 | (4 << 8); SQLITE_BUSY_SNAPSHOT = 5 | (2 << 8); SQLITE_CORRUPT_VTAB = 11 | (1 << 8)
    for (const extendedCode of [1034, 517, 267, 5, 6]) {
      expect(classifyDatabaseFault(adapterError({ kind: "sqlite", extendedCode, message: "x" })), String(extendedCode)).toBe("UNAVAILABLE");
    }
    expect(classifyDatabaseFault(adapterError({ kind: "sqlite", extendedCode: 13 | (1 << 8), message: "x" }))).toBe("STORAGE_FULL");
  });

  it("PostgreSQL restarts and lost connections are UNAVAILABLE", () => {
    expect(classifyDatabaseFault(prismaError("P1001", { kind: "DatabaseNotReachable", host: "127.0.0.1" }))).toBe("UNAVAILABLE");
    expect(classifyDatabaseFault(prismaError("P1017", { kind: "ConnectionClosed" }))).toBe("UNAVAILABLE");
    expect(classifyDatabaseFault(adapterError({ kind: "postgres", code: "57P01", message: "terminating connection due to administrator command" }))).toBe("UNAVAILABLE");
    expect(classifyDatabaseFault(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe("UNAVAILABLE");
    expect(classifyDatabaseFault(new Error("Connection terminated unexpectedly"))).toBe("UNAVAILABLE");
    expect(classifyDatabaseFault(Object.assign(new Error("x"), { code: "08006" }))).toBe("UNAVAILABLE");
    expect(classifyDatabaseFault(new Error("Transaction API error: Unable to start a transaction in the given time."))).toBe("UNAVAILABLE");
    expect(classifyDatabaseFault(new Error("timeout exceeded when trying to connect"))).toBe("UNAVAILABLE");
  });

  it("anything else is not a database fault", () => {
    expect(classifyDatabaseFault(prismaError("P2002", { kind: "UniqueConstraintViolation" }))).toBeNull();
    expect(classifyDatabaseFault(adapterError({ kind: "sqlite", extendedCode: 19, message: "constraint failed" }))).toBeNull();
    expect(classifyDatabaseFault(adapterError({ kind: "postgres", code: "23505", message: "duplicate key" }))).toBeNull();
    expect(classifyDatabaseFault(new TypeError("x is undefined"))).toBeNull();
    expect(classifyDatabaseFault("SQLITE_FULL")).toBeNull();
    expect(classifyDatabaseFault(null)).toBeNull();
    const loop: Record<string, unknown> = { message: "loop" };
    loop.cause = loop;
    expect(classifyDatabaseFault(loop)).toBeNull();
  });
});
