import { describe, expect, it } from "vitest";
import { approveVerdict } from "./claim/approve-verdict";
import { assignClaim } from "./claim/assign-claim";
import { publishClaim } from "./claim/publish-claim";
import { returnVerdict } from "./claim/return-verdict";
import { appendAuditEvent, verifyAuditChain } from "./audit";
import { getDb, provider } from "./db";
import { removeEvidence } from "./evidence";
import { TEST_PASSWORD, claimState, makeAssignedClaim, makeEvidence, makeProposedClaim, makeUser, userState } from "./testing/factories";
import { inTransaction } from "./transaction";
import { changeUserRole, endAllSessions } from "./users";

async function lastEvents(n: number) {
  const db = await getDb();
  return db.auditEvent.findMany({ orderBy: { id: "desc" }, take: n });
}

describe("audit chain", () => {
  it("verifies after a run of mixed steps", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const approver = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeProposedClaim(editor, reviewer);
    await returnVerdict(editor, { claimId: claim.id, expectedVersion: (await claimState(claim.id)).version, reason: "More sources." });
    const extra = await makeEvidence(reviewer, claim.id);
    await removeEvidence(reviewer, { evidenceId: extra.id, expectedVersion: extra.version });
    const second = await makeAssignedClaim(editor, reviewer);
    await assignClaim(editor, {
      claimId: second.claim.id,
      assigneeId: null,
      priority: "LOW",
      dueAt: undefined,
      expectedVersion: second.claim.version,
    });
    await changeUserRole(admin, reviewer.id, "EDITOR", TEST_PASSWORD);
    await endAllSessions(editor.id);
    const proposed = await makeProposedClaim(editor, approver);
    await approveVerdict(editor, { claimId: proposed.claim.id, expectedVersion: (await claimState(proposed.claim.id)).version });
    await publishClaim(editor, { claimId: proposed.claim.id, expectedVersion: (await claimState(proposed.claim.id)).version });

    const db = await getDb();
    const total = await db.auditEvent.count();
    const check = await verifyAuditChain();
    expect(check).toMatchObject({ ok: true, checked: total, legacy: 0, uncovered: 0, lastHash: (await lastEvents(1))[0]!.hash });
    // Every step left a signed checkpoint of the head it committed (issue 12).
    expect(check.ok && check.checkpoint).toMatchObject({ count: total, head: (await lastEvents(1))[0]!.hash });
    // Small batches walk the same chain.
    expect(await verifyAuditChain(db, 7)).toEqual(check);
  });

  it("keeps one unbroken chain when steps run at the same time", async () => {
    const editor = await makeUser("EDITOR");
    const reviewers = await Promise.all([makeUser("REVIEWER"), makeUser("REVIEWER"), makeUser("REVIEWER")]);
    const claims = [];
    for (const r of reviewers) claims.push((await makeAssignedClaim(editor, r)).claim);
    // Into review first, so the concurrent adds below do not race on the claim's status.
    for (let i = 0; i < claims.length; i++) await makeEvidence(reviewers[i]!, claims[i]!.id);
    const before = await Promise.all(claims.map((c) => claimState(c.id)));
    await Promise.all([
      ...claims.map((c, i) => makeEvidence(reviewers[i]!, c.id)),
      ...claims.map((c, i) => makeEvidence(reviewers[i]!, c.id)),
      ...reviewers.map((r) => endAllSessions(r.id)),
    ]);
    const after = await Promise.all(claims.map((c) => claimState(c.id)));
    for (let i = 0; i < claims.length; i++) {
      expect(after[i]).toEqual({ ...before[i]!, evidence: before[i]!.evidence + 2, audit: before[i]!.audit + 2 });
    }
    const check = await verifyAuditChain();
    expect(check.ok).toBe(true);
    const db = await getDb();
    const hashes = await db.auditEvent.findMany({ select: { prevHash: true } });
    expect(new Set(hashes.map((h) => h.prevHash)).size).toBe(hashes.length); // no fork
  });

  it("two evidence adds racing to move a claim into review: each lands whole or fails as a conflict leaving nothing", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const before = await claimState(claim.id);
    const results = await Promise.allSettled([makeEvidence(reviewer, claim.id), makeEvidence(reviewer, claim.id)]);
    const landed = results.filter((r) => r.status === "fulfilled").length;
    expect(landed).toBeGreaterThanOrEqual(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "CONFLICT" });
    // One move into review, one evidence.add per landed piece.
    expect(await claimState(claim.id)).toEqual({
      ...before,
      status: "IN_REVIEW",
      version: before.version + 1,
      evidence: before.evidence + landed,
      audit: before.audit + 1 + landed,
    });
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("lets two editors race to approve: one wins, the other gets a conflict, one set of events", async () => {
    const assigner = await makeUser("EDITOR");
    const a = await makeUser("EDITOR");
    const b = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeProposedClaim(assigner, reviewer);
    const before = await claimState(claim.id);
    const results = await Promise.allSettled([
      approveVerdict(a, { claimId: claim.id, expectedVersion: before.version }),
      approveVerdict(b, { claimId: claim.id, expectedVersion: before.version }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r) => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    expect(await claimState(claim.id)).toEqual({ ...before, status: "APPROVED", version: before.version + 1, audit: before.audit + 2 });
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("writes nothing when a step fails after its first write", async () => {
    const user = await makeUser("REVIEWER");
    const before = await userState(user.id);
    const db = await getDb();
    const total = await db.auditEvent.count();
    await expect(
      inTransaction(async (tx) => {
        await appendAuditEvent(tx, { actorId: user.id, action: "test.partial", entityType: "User", entityId: user.id });
        await tx.user.update({ where: { id: user.id }, data: { name: "Changed" } });
        throw new Error("step failed");
      }),
    ).rejects.toThrow("step failed");
    expect(await db.auditEvent.count()).toBe(total);
    expect(await userState(user.id)).toEqual(before);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe(user.name);
  });
});

describe("append-only audit table", () => {
  it("refuses raw UPDATE and DELETE and leaves the rows as they were", async () => {
    const user = await makeUser("REVIEWER");
    await endAllSessions(user.id);
    const db = await getDb();
    const target = await db.auditEvent.findFirstOrThrow({ where: { entityType: "User", entityId: user.id }, orderBy: { id: "desc" } });
    const snapshot = await db.auditEvent.findMany({ where: { id: { gte: target.id - 5 } }, orderBy: { id: "asc" } });
    const total = await db.auditEvent.count();

    await expect(db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "action" = 'forged' WHERE "id" = ${target.id}`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "actorId" = NULL`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "id" = ${target.id}`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "id" <= ${target.id}`)).rejects.toThrow(/append-only/);
    // Through the ORM too.
    await expect(db.auditEvent.update({ where: { id: target.id }, data: { action: "forged" } })).rejects.toThrow();
    await expect(db.auditEvent.deleteMany({ where: { id: target.id } })).rejects.toThrow();

    expect(await db.auditEvent.count()).toBe(total);
    expect(await db.auditEvent.findMany({ where: { id: { gte: target.id - 5 } }, orderBy: { id: "asc" } })).toEqual(snapshot);
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it.runIf(provider === "postgresql")("refuses TRUNCATE on PostgreSQL", async () => {
    const db = await getDb();
    const total = await db.auditEvent.count();
    expect(total).toBeGreaterThan(0);
    // Inside a transaction that is rolled back anyway, so a missing trigger cannot wipe the table.
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`TRUNCATE "AuditEvent"`);
        throw new Error("TRUNCATE was allowed");
      }),
    ).rejects.toThrow(/append-only/);
    expect(await db.auditEvent.count()).toBe(total);
  });
});
