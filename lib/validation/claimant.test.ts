import { describe, expect, it } from "vitest";
import { setClaimantSchema } from "./claimant";

const base = { claimId: "cl_abc123", expectedVersion: "3" };

describe("setClaimantSchema", () => {
  it("trims and collapses the name, keeps the kind, and clears with an empty name", () => {
    expect(setClaimantSchema.parse({ ...base, claimant: "  Pete   Hegseth ", claimantKind: "PERSON" })).toMatchObject({ claimant: "Pete Hegseth", claimantKind: "PERSON" });
    expect(setClaimantSchema.parse({ ...base, claimant: "", claimantKind: "" })).toMatchObject({ claimant: null });
  });

  it.each([
    [{ claimant: "Reuters", claimantKind: "" }, "claimantKind", "Choose a person or an organization."],
    [{ claimant: "Reuters", claimantKind: "ROBOT" }, "claimantKind", "Choose a person or an organization."],
    [{ claimant: "x".repeat(201), claimantKind: "PERSON" }, "claimant", "The claimant must be at most 200 characters."],
  ])("refuses %j with a message at the field", (input, field, message) => {
    const result = setClaimantSchema.safeParse({ ...base, ...input });
    expect(result.success).toBe(false);
    expect(result.error?.issues.find((i) => i.path[0] === field)?.message).toBe(message);
  });

  it("refuses unknown fields", () => {
    expect(setClaimantSchema.safeParse({ ...base, claimant: "Reuters", claimantKind: "ORGANIZATION", status: "PUBLISHED" }).success).toBe(false);
  });
});
