import { describe, expect, it } from "vitest";
import { parseActivityFilter } from "./activity";
import { encodeClaimCursor, encodeClaimListCursor } from "@/lib/domain/claim-cursor";
import { bulkAssignClaimsSchema, claimListFilterSchema, parseClaimListFilter, parseClaimListPage } from "./claims";
import { reviewerPoolSettingSchema } from "./settings";

describe("claim list filter", () => {
  it("reads every filter from URL parameters", () => {
    expect(
      claimListFilterSchema.parse({
        status: "IN_REVIEW",
        articleId: "art_1",
        assigneeId: "none",
        verdict: "MOSTLY_FALSE",
        due: "within",
        dueWithinDays: "14",
        priority: "URGENT",
        q: "  missiles  ",
        cursor: "ignored-by-this-schema",
      }),
    ).toEqual({ status: "IN_REVIEW", articleId: "art_1", assigneeId: "none", verdict: "MOSTLY_FALSE", due: "within", dueWithinDays: 14, priority: "URGENT", q: "missiles" });
    expect(claimListFilterSchema.parse({ status: "", q: "", due: "" })).toEqual({});
  });

  it("refuses values outside their closed sets, including SQL-looking ones", () => {
    for (const raw of [
      { status: "'; DROP TABLE \"Claim\";--" },
      { status: "SUGGESTED" },
      { status: "REJECTED" },
      { assigneeId: "x' OR '1'='1" },
      { verdict: "FALSE' --" },
      { due: "yesterday" },
      { dueWithinDays: "-1" },
      { dueWithinDays: "1e9" },
      { dueWithinDays: "7; DELETE" },
      { priority: "high" },
      { q: "x".repeat(201) },
    ]) {
      expect(claimListFilterSchema.safeParse(raw).success, JSON.stringify(raw)).toBe(false);
    }
  });

  it("drops only the parameters that do not parse, and names them", () => {
    // A repeated search is refused too (claims.ts REPEATED_SEARCH_MESSAGE), not read as its first value.
    expect(parseClaimListFilter({ status: "NOPE", priority: "HIGH", q: ["first", "second"] })).toMatchObject({
      filter: { priority: "HIGH" },
      ignored: ["status", "q"],
    });
    expect(parseClaimListFilter({ due: "soon", dueWithinDays: "x", assigneeId: "none" })).toMatchObject({
      filter: { assigneeId: "none" },
      ignored: ["due", "dueWithinDays"],
    });
  });

  it("gives each dropped parameter the schema's reason, for the page to say why", () => {
    const { ignored, reasons } = parseClaimListFilter({ q: "x".repeat(201), priority: "HIGH", status: "NOPE" });
    expect(ignored).toEqual(["status", "q"]);
    expect(reasons.q).toBe("Search at most 200 characters.");
    expect(reasons.status).toEqual(expect.any(String));
    expect(parseClaimListFilter({ priority: "HIGH" }).reasons).toEqual({});
  });

  it("reads the claims page's cursor beside the filters, and ignores a bad one like a bad filter", () => {
    const key = { updatedAt: new Date("2026-05-01T08:00:00.123Z"), id: "cm1abc" };
    expect(parseClaimListPage({ status: "NEW", after: encodeClaimListCursor(key) })).toMatchObject({ filter: { status: "NEW" }, after: key, ignored: [] });
    expect(parseClaimListPage({ status: "NEW", after: "" })).toMatchObject({ filter: { status: "NEW" }, after: undefined, ignored: [] });
    const foreign = encodeClaimCursor({ createdAt: key.updatedAt, id: key.id });
    for (const bad of ["not-a-cursor", "%%%", foreign, "x".repeat(500)]) {
      expect(parseClaimListPage({ status: "NEW", after: bad }), bad).toMatchObject({ filter: { status: "NEW" }, after: undefined, ignored: ["after"] });
    }
    // The list's filter itself never carries the cursor (the export link and the API take the filter).
    expect(claimListFilterSchema.parse({ after: encodeClaimListCursor(key) })).toEqual({});
  });
});

describe("bulk assignment", () => {
  it("reads the selected claims with the version each was seen at", () => {
    expect(bulkAssignClaimsSchema.parse({ claims: "c1@3, c2@1", assigneeId: "u1", priority: "HIGH", dueAt: "2026-12-24" })).toEqual({
      claims: [
        { claimId: "c1", expectedVersion: 3 },
        { claimId: "c2", expectedVersion: 1 },
      ],
      assigneeId: "u1",
      priority: "HIGH",
      dueAt: new Date("2026-12-24T23:59:59Z"),
    });
    expect(bulkAssignClaimsSchema.parse({ claims: "c1@3", assigneeId: "none" }).assigneeId).toBeNull();
    // Nothing chosen is not "unassign".
    const empty = bulkAssignClaimsSchema.safeParse({ claims: "c1@3", assigneeId: "" });
    expect(empty.success ? "" : empty.error.issues[0]!.message).toBe("Choose whom to assign the claims to, or unassign them.");
  });

  it("refuses an empty selection, versions missing or malformed, duplicates, too many claims and extra fields", () => {
    const bad = [
      { claims: "", assigneeId: "u1" },
      { claims: "c1", assigneeId: "u1" },
      { claims: "c1@0", assigneeId: "u1" },
      { claims: "c1@x", assigneeId: "u1" },
      { claims: "c1@1,c1@2", assigneeId: "u1" },
      { claims: "c'1@1", assigneeId: "u1" },
      { claims: Array.from({ length: 501 }, (_, i) => `c${i}@1`).join(","), assigneeId: "u1" },
      { claims: "c1@1", assigneeId: "u1", status: "ASSIGNED" },
      { claims: "c1@1", assigneeId: "u1", version: "2" },
    ];
    for (const raw of bad) expect(bulkAssignClaimsSchema.safeParse(raw).success, JSON.stringify(raw).slice(0, 80)).toBe(false);
    const dup = bulkAssignClaimsSchema.safeParse({ claims: "c1@1,c1@2", assigneeId: "u1" });
    expect(dup.success ? "" : dup.error.issues[0]!.message).toBe("A claim was selected twice.");
  });
});

describe("activity filter and settings", () => {
  it("reads person, action, dates and page, dropping what does not parse", () => {
    expect(parseActivityFilter({ actorId: "u1", action: "claim.assign", from: "2026-01-01", to: "2026-01-31", before: "120" })).toMatchObject({
      filter: { actorId: "u1", action: "claim.assign", from: "2026-01-01", to: "2026-01-31", before: 120 },
      ignored: [],
    });
    expect(parseActivityFilter({ action: "claim.assign' OR 1=1", from: "2026-13-45", before: "-3" })).toMatchObject({
      filter: {},
      ignored: ["action", "from", "before"],
    });
  });

  it("opens or closes the pool with a version, and nothing else", () => {
    expect(reviewerPoolSettingSchema.parse({ enabled: "true", expectedVersion: "0" })).toEqual({ enabled: true, expectedVersion: 0 });
    expect(reviewerPoolSettingSchema.parse({ enabled: "false", expectedVersion: "4" })).toEqual({ enabled: false, expectedVersion: 4 });
    expect(reviewerPoolSettingSchema.safeParse({ enabled: "yes", expectedVersion: "1" }).success).toBe(false);
    expect(reviewerPoolSettingSchema.safeParse({ enabled: "true", expectedVersion: "1", key: "verdictScale" }).success).toBe(false);
  });
});
