import { describe, expect, it } from "vitest";
import { MAX_BULK_CLAIMS } from "@/lib/validation/claims";
import { verifyAuditChain } from "../audit";
import { bulkAssignClaims } from "./bulk-assign-claims";
import { assignClaim } from "./assign-claim";
import { getDb } from "../db";
import { claimState, makeArticle, makeAssignedClaim, makeUser } from "../testing/factories";
import { countQueries } from "../testing/query-counter";
import type { Actor } from "../permissions";

const refs = (claims: { id: string; version: number }[]) => claims.map((c) => ({ claimId: c.id, expectedVersion: c.version }));

/**
 * The most statements a bulk assignment of plain claims may send, whatever their number: the chain
 * lock, the claims, the people, at most two UPDATEs, the notifications, the audit INSERT, and the
 * signed checkpoint's reads after the commit.
 */
const BULK_STATEMENTS = 10;

/** The first words of each statement (a failure message that names them without their parameter lists). */
const brief = (statements: string[]) => statements.map((s) => s.slice(0, 60)).join("\n");

/** `count` new claims (copies of a fresh article's first claim), read back as the list shows them. */
async function manyNewClaims(editor: Actor, count: number) {
  const { claims } = await makeArticle(editor);
  const { id: _id, ...template } = claims[0]!;
  const db = await getDb();
  const tag = Math.random().toString(36).slice(2, 10);
  await db.claim.createMany({
    data: Array.from({ length: count }, (_, i) => ({ ...template, id: `bulk-${tag}-${i}`, status: "NEW", assigneeId: null, version: 1, matchFeatures: template.matchFeatures ?? undefined })),
  });
  return db.claim.findMany({ where: { id: { startsWith: `bulk-${tag}-` } }, orderBy: { id: "asc" } });
}

async function countEvents(claimIds: string[]) {
  return (await getDb()).auditEvent.count({ where: { claimId: { in: claimIds } } });
}

describe("bulk assignment at the allowed maximum", () => {
  it(`assigns and then reassigns ${MAX_BULK_CLAIMS} claims in a bounded number of statements; the audit chain verifies`, async () => {
    const editor = await makeUser("EDITOR");
    const first = await makeUser("REVIEWER");
    const second = await makeUser("REVIEWER");
    const claims = await manyNewClaims(editor, MAX_BULK_CLAIMS);
    const ids = claims.map((c) => c.id);

    const assigned = await countQueries(() => bulkAssignClaims(editor, { claims: refs(claims), assigneeId: first.id, priority: "URGENT", dueAt: undefined }));
    expect(assigned.queries, brief(assigned.statements)).toBeLessThanOrEqual(BULK_STATEMENTS);
    expect(assigned.result.map((c) => [c.id, c.status, c.assigneeId, c.version])).toEqual(claims.map((c) => [c.id, "ASSIGNED", first.id, 2]));
    const db = await getDb();
    expect(await db.claim.count({ where: { id: { in: ids }, status: "ASSIGNED", assigneeId: first.id, priority: "URGENT", version: 2 } })).toBe(MAX_BULK_CLAIMS);
    expect(await db.notification.count({ where: { userId: first.id, kind: "ASSIGNED", claimId: { in: ids } } })).toBe(MAX_BULK_CLAIMS);
    const [event] = await db.auditEvent.findMany({ where: { claimId: ids[0], action: "claim.assign" } });
    expect(JSON.parse(event!.before!)).toEqual({ status: "NEW", assigneeId: null, priority: claims[0]!.priority, dueAt: null, assignee: null });
    expect(JSON.parse(event!.after!)).toEqual({ status: "ASSIGNED", assigneeId: first.id, priority: "URGENT", dueAt: null, assignee: first.name });

    const dueAt = new Date("2026-12-24T12:00:00Z");
    const moved = await countQueries(() => bulkAssignClaims(editor, { claims: refs(assigned.result), assigneeId: second.id, priority: "LOW", dueAt }));
    expect(moved.queries, brief(moved.statements)).toBeLessThanOrEqual(BULK_STATEMENTS);
    expect(await db.claim.count({ where: { id: { in: ids }, status: "ASSIGNED", assigneeId: second.id, priority: "LOW", dueAt, version: 3 } })).toBe(MAX_BULK_CLAIMS);
    const [reassign] = await db.auditEvent.findMany({ where: { claimId: ids[1], action: "claim.reassign" } });
    expect(JSON.parse(reassign!.before!)).toMatchObject({ assigneeId: first.id, assignee: first.name });
    expect(JSON.parse(reassign!.after!)).toMatchObject({ assigneeId: second.id, assignee: second.name, dueAt: dueAt.toISOString() });
    expect(await countEvents(ids)).toBe(2 * MAX_BULK_CLAIMS);
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it(`changes none of ${MAX_BULK_CLAIMS} claims when one changed meanwhile, and names it`, async () => {
    const editor = await makeUser("EDITOR");
    const other = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const claims = await manyNewClaims(editor, MAX_BULK_CLAIMS);
    const changed = claims[321]!;
    await assignClaim(other, { claimId: changed.id, assigneeId: reviewer.id, priority: "LOW", dueAt: undefined, expectedVersion: changed.version });
    const before = await countEvents(claims.map((c) => c.id));
    const error = await bulkAssignClaims(editor, { claims: refs(claims), assigneeId: reviewer.id, priority: "HIGH", dueAt: undefined }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/^Nothing was changed\. The claim “.+” blocked it: This claim changed since you opened it/),
      current: { claimId: changed.id, version: changed.version + 1 },
    });
    const db = await getDb();
    expect(await db.claim.count({ where: { id: { in: claims.map((c) => c.id) }, status: "NEW", version: 1 } })).toBe(MAX_BULK_CLAIMS - 1);
    expect(await countEvents(claims.map((c) => c.id))).toBe(before);
    expect(await db.notification.count({ where: { userId: reviewer.id, claimId: { in: claims.map((c) => c.id) } } })).toBe(1);
  });

  it("refuses a reviewer, and changes nothing", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const claims = await manyNewClaims(editor, 20);
    await expect(bulkAssignClaims(reviewer, { claims: refs(claims), assigneeId: reviewer.id, priority: "HIGH", dueAt: undefined })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await (await getDb()).claim.count({ where: { id: { in: claims.map((c) => c.id) }, status: "NEW", version: 1 } })).toBe(20);
  });

  it("moves a blind double review's first reviewer along with plain claims in the same bulk", async () => {
    const editor = await makeUser("EDITOR");
    const first = await makeUser("REVIEWER");
    const second = await makeUser("REVIEWER");
    const third = await makeUser("REVIEWER");
    const { claim: double } = await makeAssignedClaim(editor, first, second);
    const plain = await manyNewClaims(editor, 3);
    const result = await bulkAssignClaims(editor, { claims: refs([plain[0]!, double, ...plain.slice(1)]), assigneeId: third.id, priority: "HIGH", dueAt: undefined });
    expect(result.map((c) => [c.id, c.assigneeId])).toEqual([plain[0]!, double, ...plain.slice(1)].map((c) => [c.id, third.id]));
    const reviewers = await (await getDb()).claimReviewer.findMany({ where: { claimId: double.id }, orderBy: { slot: "asc" } });
    expect(reviewers.map((r) => [r.slot, r.userId])).toEqual([[1, third.id], [2, second.id]]);
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});

describe("bulk assignment of claims in different states", () => {
  it("moves a NEW claim to ASSIGNED when an already assigned claim comes first in the same bulk", async () => {
    const editor = await makeUser("EDITOR");
    const first = await makeUser("REVIEWER");
    const second = await makeUser("REVIEWER");
    const [earlier, fresh] = await manyNewClaims(editor, 2);
    const [assigned] = await bulkAssignClaims(editor, { claims: refs([earlier!]), assigneeId: first.id, priority: "NORMAL", dueAt: undefined });
    // ASSIGNED → ASSIGNED (a reassignment) and NEW → ASSIGNED share one target status.
    const result = await bulkAssignClaims(editor, { claims: refs([assigned!, fresh!]), assigneeId: second.id, priority: "NORMAL", dueAt: undefined });
    expect(result.map((c) => [c.id, c.status, c.assigneeId])).toEqual([[assigned!.id, "ASSIGNED", second.id], [fresh!.id, "ASSIGNED", second.id]]);
    const stored = await (await getDb()).claim.findMany({ where: { id: { in: [assigned!.id, fresh!.id] } }, orderBy: { id: "asc" } });
    expect(stored.map((c) => [c.id, c.status, c.assigneeId])).toEqual([[assigned!.id, "ASSIGNED", second.id], [fresh!.id, "ASSIGNED", second.id]].sort((a, b) => a[0]!.localeCompare(b[0]!)));
  });
});

describe("whom claims may be assigned to: one rule for single and bulk assignment", () => {
  it("both accept an active editor and refuse a deactivated reviewer or an unknown id, changing nothing", async () => {
    const editor = await makeUser("EDITOR");
    const otherEditor = await makeUser("EDITOR");
    const gone = await makeUser("REVIEWER");
    await (await getDb()).user.update({ where: { id: gone.id }, data: { active: false } });
    const claims = await manyNewClaims(editor, 4);
    const single = (c: (typeof claims)[number], assigneeId: string) => assignClaim(editor, { claimId: c.id, assigneeId, priority: "NORMAL", dueAt: undefined, expectedVersion: c.version });
    const bulk = (cs: typeof claims, assigneeId: string) => bulkAssignClaims(editor, { claims: refs(cs), assigneeId, priority: "NORMAL", dueAt: undefined });
    const refusal = { code: "VALIDATION", message: "Choose an active reviewer.", fields: { assigneeId: ["Choose an active reviewer."] } };
    for (const assigneeId of [gone.id, "no-such-user"]) {
      await expect(single(claims[0]!, assigneeId)).rejects.toMatchObject(refusal);
      await expect(bulk(claims.slice(1), assigneeId)).rejects.toMatchObject(refusal);
    }
    expect((await claimState(claims[0]!.id)).status).toBe("NEW");
    expect(await (await getDb()).claim.count({ where: { id: { in: claims.map((c) => c.id) }, status: "NEW", version: 1 } })).toBe(4);
    expect(await single(claims[0]!, otherEditor.id)).toMatchObject({ status: "ASSIGNED", assigneeId: otherEditor.id });
    expect((await bulk(claims.slice(1), otherEditor.id)).map((c) => c.assigneeId)).toEqual([otherEditor.id, otherEditor.id, otherEditor.id]);
  });
});
