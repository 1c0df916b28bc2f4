import { describe, expect, it } from "vitest";
import { accessForMethod, API_TOKEN_PATTERN, apiTokenStatus, scopeAllows } from "./api-token";

describe("API token rules", () => {
  it("lets read tokens read only and write tokens do both", () => {
    expect(scopeAllows("READ", "read")).toBe(true);
    expect(scopeAllows("READ", "write")).toBe(false);
    expect(scopeAllows("WRITE", "read")).toBe(true);
    expect(scopeAllows("WRITE", "write")).toBe(true);
    expect(scopeAllows("ADMIN", "read")).toBe(false);
    expect(scopeAllows("", "read")).toBe(false);
  });

  it("treats only GET and HEAD as reads", () => {
    expect(accessForMethod("GET")).toBe("read");
    expect(accessForMethod("HEAD")).toBe("read");
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "get"]) expect(accessForMethod(method), method).toBe("write");
  });

  it("reports revoked before expired, and expiry at the exact instant", () => {
    const now = new Date("2026-06-01T12:00:00Z");
    expect(apiTokenStatus({ revokedAt: null, expiresAt: null }, now)).toBe("ACTIVE");
    expect(apiTokenStatus({ revokedAt: null, expiresAt: new Date("2026-06-01T12:00:01Z") }, now)).toBe("ACTIVE");
    expect(apiTokenStatus({ revokedAt: null, expiresAt: now }, now)).toBe("EXPIRED");
    expect(apiTokenStatus({ revokedAt: new Date("2026-05-01Z"), expiresAt: new Date("2026-05-02Z") }, now)).toBe("REVOKED");
  });

  it("recognises the token shape", () => {
    expect(API_TOKEN_PATTERN.test(`clk_${"a".repeat(43)}`)).toBe(true);
    expect(API_TOKEN_PATTERN.test(`clk_${"a".repeat(42)}`)).toBe(false);
    expect(API_TOKEN_PATTERN.test(`clk_${"a".repeat(42)}=`)).toBe(false);
    expect(API_TOKEN_PATTERN.test(`xyz_${"a".repeat(43)}`)).toBe(false);
  });
});
