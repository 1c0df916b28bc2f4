import { describe, expect, it } from "vitest";
import { mfaRequiredRolesSchema } from "./settings";

describe("mfaRequiredRolesSchema", () => {
  it("reads the ticked role checkboxes in role order", () => {
    expect(mfaRequiredRolesSchema.parse({ REVIEWER: "on", ADMIN: "on", expectedVersion: "3" })).toEqual({ expectedVersion: 3, roles: ["ADMIN", "REVIEWER"] });
    expect(mfaRequiredRolesSchema.parse({ expectedVersion: "0" })).toEqual({ expectedVersion: 0, roles: [] });
  });

  it("refuses unknown roles and fields (no mass assignment) and a missing version", () => {
    expect(mfaRequiredRolesSchema.safeParse({ OWNER: "on", expectedVersion: "1" }).success).toBe(false);
    expect(mfaRequiredRolesSchema.safeParse({ ADMIN: "yes", expectedVersion: "1" }).success).toBe(false);
    expect(mfaRequiredRolesSchema.safeParse({ ADMIN: "on" }).success).toBe(false);
  });
});
