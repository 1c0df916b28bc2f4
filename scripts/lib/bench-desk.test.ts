import { describe, expect, it } from "vitest";
import { assigneeOf, claimIdOf, claimSentence, DESK_USERS, generateDesk, REVIEWERS, statusOf, type DeskSink } from "./bench-desk";

describe("the bench desk's shape", () => {
  it("has the issue's 14 users and spreads claims over statuses and reviewers", () => {
    expect(DESK_USERS).toHaveLength(14);
    expect(REVIEWERS).toHaveLength(10);
    const counts = new Map<string, number>();
    const perReviewer = new Map<string, number>();
    for (let k = 0; k < 1000; k++) {
      counts.set(statusOf(k), (counts.get(statusOf(k)) ?? 0) + 1);
      const a = assigneeOf(k);
      if (statusOf(k) === "NEW") expect(a).toBeNull();
      else perReviewer.set(a!, (perReviewer.get(a!) ?? 0) + 1);
    }
    expect(Object.fromEntries(counts)).toEqual({ NEW: 100, ASSIGNED: 100, IN_REVIEW: 300, PROPOSED: 100, APPROVED: 100, PUBLISHED: 300 });
    expect([...perReviewer.values()].every((c) => c === 90)).toBe(true);
    expect(new Set(Array.from({ length: 5000 }, (_, k) => claimIdOf(k))).size).toBe(5000);
    expect(new Set(Array.from({ length: 5000 }, (_, k) => claimSentence(k))).size).toBe(5000);
  });

  it("writes ~1.14 evidence rows and ~4.2 audit events per claim, one article per 500 claims", async () => {
    const rows = new Map<string, number>();
    const sink: DeskSink = {
      async insert(table, columns, batch) {
        for (const row of batch) expect(row).toHaveLength(columns.length);
        rows.set(table, (rows.get(table) ?? 0) + batch.length);
      },
    };
    const shape = await generateDesk(sink, 1000, () => undefined);
    expect(shape).toMatchObject({ claims: 1000, articles: 2, evidence: 1140 });
    expect(rows.get("Claim")).toBe(1000);
    expect(rows.get("Evidence")).toBe(1140);
    expect(shape.auditEvents / 1000).toBeGreaterThan(4);
    expect(shape.auditEvents / 1000).toBeLessThan(4.5);
    expect(rows.get("AuditEvent")).toBe(shape.auditEvents);
  }, 60_000);
});
