import { describe, expect, it } from "vitest";
import { bulkAssignClaims } from "./claim/bulk-assign-claims";
import { getClaimDetail } from "./claim-detail/get-claim-detail";
import { approveVerdict } from "./claim/approve-verdict";
import { assignClaim } from "./claim/assign-claim";
import { listClaims } from "./claim/list-claims";
import { proposeVerdict } from "./claim/propose-verdict";
import { publishClaim } from "./claim/publish-claim";
import { reopenClaim } from "./claim/reopen-claim";
import { getDb } from "./db";
import { listPoolClaims, takeClaim } from "./pool";
import { getReviewerPoolSetting, updateReviewerPoolSetting } from "./settings";
import {
  claimHistory,
  claimState,
  makeArticle,
  makeAssignedClaim,
  makeEvidence,
  makeProposedClaim,
  makePublishedClaim,
  makeUser,
} from "./testing/factories";
import { verifyAuditChain } from "./audit";

const refs = (claims: { id: string; version: number }[]) => claims.map((c) => ({ claimId: c.id, expectedVersion: c.version }));

async function auditAfter(claimId: string, action: string) {
  const db = await getDb();
  const events = await db.auditEvent.findMany({ where: { claimId, action }, orderBy: { id: "asc" } });
  return events.map((e) => ({ actorId: e.actorId, before: JSON.parse(e.before ?? "null"), after: JSON.parse(e.after ?? "null") }));
}

describe("bulk assignment", () => {
  it("assigns many claims in one step with priority and due date, one audit event per claim", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claims } = await makeArticle(editor);
    const picked = claims.slice(0, 3);
    const before = await Promise.all(picked.map((c) => claimState(c.id)));
    const dueAt = new Date("2026-12-24T23:59:59Z");
    const updated = await bulkAssignClaims(editor, { claims: refs(picked), assigneeId: reviewer.id, priority: "URGENT", dueAt });
    expect(updated.map((c) => [c.id, c.status, c.assigneeId, c.priority, c.dueAt?.toISOString()])).toEqual(
      picked.map((c) => [c.id, "ASSIGNED", reviewer.id, "URGENT", dueAt.toISOString()]),
    );
    for (const [i, c] of picked.entries()) {
      expect(await claimState(c.id)).toEqual({ ...before[i]!, status: "ASSIGNED", assigneeId: reviewer.id, version: before[i]!.version + 1, audit: before[i]!.audit + 1 });
      const [event] = await auditAfter(c.id, "claim.assign");
      expect(event).toMatchObject({ actorId: editor.id, after: { status: "ASSIGNED", assigneeId: reviewer.id, priority: "URGENT", assignee: reviewer.name } });
    }
    expect((await listClaims(reviewer)).map((c) => c.id).sort()).toEqual(picked.map((c) => c.id).sort());
    // The reviewer is told once per claim, in the same transaction.
    const notes = await (await getDb()).notification.findMany({ where: { userId: reviewer.id, kind: "ASSIGNED" } });
    expect(notes.map((n) => n.claimId).sort()).toEqual(picked.map((c) => c.id).sort());
  });

  it("reassigns and unassigns in bulk, each claim by its own rule", async () => {
    const editor = await makeUser("EDITOR");
    const first = await makeUser("REVIEWER");
    const second = await makeUser("REVIEWER");
    const { claims } = await makeArticle(editor);
    const assigned = await bulkAssignClaims(editor, { claims: refs(claims.slice(0, 2)), assigneeId: first.id, priority: "NORMAL", dueAt: undefined });
    await makeEvidence(first, assigned[1]!.id); // the second one is in review now
    const current = await (await getDb()).claim.findMany({ where: { id: { in: assigned.map((c) => c.id) } }, orderBy: { start: "asc" } });
    const moved = await bulkAssignClaims(editor, { claims: refs(current), assigneeId: second.id, priority: "HIGH", dueAt: undefined });
    expect(moved.map((c) => [c.status, c.assigneeId, c.priority])).toEqual([
      ["ASSIGNED", second.id, "HIGH"],
      ["IN_REVIEW", second.id, "HIGH"],
    ]);
    expect((await auditAfter(moved[0]!.id, "claim.reassign"))[0]).toMatchObject({ before: { assignee: first.name }, after: { assignee: second.name } });
    // Unassigning works for the assigned claim; the one in review blocks it, so neither changes.
    const beforeBoth = await Promise.all(moved.map((c) => claimState(c.id)));
    await expect(bulkAssignClaims(editor, { claims: refs(moved), assigneeId: null, priority: "NORMAL", dueAt: undefined })).rejects.toMatchObject({
      code: "INVALID_TRANSITION",
      message: expect.stringMatching(/^Nothing was changed\. The claim “.+” blocked it: A claim that is in review cannot be unassigned/),
      current: { claimId: moved[1]!.id },
    });
    expect(await Promise.all(moved.map((c) => claimState(c.id)))).toEqual(beforeBoth);
    const unassigned = await bulkAssignClaims(editor, { claims: refs([moved[0]!]), assigneeId: null, priority: "NORMAL", dueAt: undefined });
    expect(unassigned[0]).toMatchObject({ status: "NEW", assigneeId: null });
  });

  it("changes nothing when one claim of the batch is stale, and names that claim", async () => {
    const editor = await makeUser("EDITOR");
    const other = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claims } = await makeArticle(editor);
    const picked = claims.slice(0, 3);
    // Someone else assigns the last one after the list was loaded.
    await assignClaim(other, { claimId: picked[2]!.id, assigneeId: reviewer.id, priority: "LOW", dueAt: undefined, expectedVersion: picked[2]!.version });
    const before = await Promise.all(picked.map((c) => claimState(c.id)));
    const total = await (await getDb()).auditEvent.count();
    const error = await bulkAssignClaims(editor, { claims: refs(picked), assigneeId: reviewer.id, priority: "HIGH", dueAt: undefined }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining(`The claim “${picked[2]!.text.slice(0, 40)}`),
      current: { claimId: picked[2]!.id, status: "ASSIGNED", version: before[2]!.version },
    });
    expect(await Promise.all(picked.map((c) => claimState(c.id)))).toEqual(before);
    expect(await (await getDb()).auditEvent.count()).toBe(total);
    // Nor were notifications about the rolled-back assignments left behind.
    expect(await (await getDb()).notification.count({ where: { userId: reviewer.id, claimId: { in: picked.slice(0, 2).map((c) => c.id) } } })).toBe(0);
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("refuses reviewers, unknown claims and inactive assignees without changing anything", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claims } = await makeArticle(editor);
    const before = await Promise.all(claims.map((c) => claimState(c.id)));
    await expect(bulkAssignClaims(reviewer, { claims: refs(claims), assigneeId: reviewer.id, priority: "HIGH", dueAt: undefined })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      bulkAssignClaims(editor, { claims: [...refs(claims), { claimId: "no-such-claim", expectedVersion: 1 }], assigneeId: reviewer.id, priority: "HIGH", dueAt: undefined }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/^Nothing was changed\. A selected claim blocked it/) });
    await expect(bulkAssignClaims(editor, { claims: refs(claims), assigneeId: "no-such-user", priority: "HIGH", dueAt: undefined })).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { assigneeId: ["Choose an active reviewer."] },
    });
    expect(await Promise.all(claims.map((c) => claimState(c.id)))).toEqual(before);
  });
});

describe("reopening a published claim", () => {
  it("keeps the published verdict as superseded, records the reason, and lets the reviewer propose again", async () => {
    const editor = await makeUser("EDITOR");
    const approver = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makePublishedClaim(editor, approver, reviewer, "FALSE");
    const before = await claimState(claim.id);
    const reason = "The ministry corrected its figures.";
    const reopened = await reopenClaim(editor, { claimId: claim.id, expectedVersion: claim.version, reason });
    expect(reopened).toMatchObject({ status: "REOPENED", assigneeId: reviewer.id, version: before.version + 1 });
    expect(await claimState(claim.id)).toEqual({ ...before, status: "REOPENED", version: before.version + 1, audit: before.audit + 2 });
    expect((await claimHistory(claim.id)).slice(-2)).toEqual(["verdict.superseded", "claim.reopen"]);
    expect((await auditAfter(claim.id, "claim.reopen"))[0]).toMatchObject({ before: { status: "PUBLISHED" }, after: { status: "REOPENED", reason, supersededRating: "FALSE" } });
    const db = await getDb();
    const [old] = await db.verdict.findMany({ where: { claimId: claim.id } });
    expect(old).toMatchObject({ rating: "FALSE", state: "SUPERSEDED", approvedById: approver.id });

    // Back with the reviewer: a new verdict, approved and published; the old one stays in history.
    const proposed = await proposeVerdict(reviewer, { claimId: claim.id, expectedVersion: reopened.version, rating: "MOSTLY_FALSE", rationale: "With the corrected figures." });
    expect(proposed.status).toBe("PROPOSED");
    const approved = await approveVerdict(approver, { claimId: claim.id, expectedVersion: proposed.version });
    await publishClaim(editor, { claimId: claim.id, expectedVersion: approved.version });
    const verdicts = await db.verdict.findMany({ where: { claimId: claim.id }, orderBy: { createdAt: "asc" } });
    expect(verdicts.map((v) => [v.rating, v.state])).toEqual([
      ["FALSE", "SUPERSEDED"],
      ["MOSTLY_FALSE", "PUBLISHED"],
    ]);
    const detail = await getClaimDetail(reviewer, claim.id);
    expect(detail.history.map((h) => h.action)).toContain("claim.reopen");
  });

  it("refuses reviewers, stale versions and claims that are not published, saying why", async () => {
    const editor = await makeUser("EDITOR");
    const approver = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makePublishedClaim(editor, approver, reviewer);
    const before = await claimState(claim.id);
    await expect(reopenClaim(reviewer, { claimId: claim.id, expectedVersion: claim.version, reason: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(reopenClaim(editor, { claimId: claim.id, expectedVersion: claim.version - 1, reason: "x" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await claimState(claim.id)).toEqual(before);
    const proposed = await makeProposedClaim(editor, reviewer);
    const proposedBefore = await claimState(proposed.claim.id);
    await expect(reopenClaim(editor, { claimId: proposed.claim.id, expectedVersion: proposed.claim.version, reason: "x" })).rejects.toMatchObject({
      code: "INVALID_TRANSITION",
      message: "A claim that is verdict proposed cannot be reopened; it must be published or retracted first.",
    });
    expect(await claimState(proposed.claim.id)).toEqual(proposedBefore);
  });
});

describe("reviewer pool", () => {
  it("is closed by default; an admin opens it (version-checked) and only admins may", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const db = await getDb();
    const start = await getReviewerPoolSetting(db);
    await expect(updateReviewerPoolSetting(editor, { enabled: true, expectedVersion: start.version })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const opened = await updateReviewerPoolSetting(admin, { enabled: true, expectedVersion: start.version });
    expect(opened).toEqual({ enabled: true, version: start.version + 1 });
    expect(await getReviewerPoolSetting(db)).toEqual(opened);
    await expect(updateReviewerPoolSetting(admin, { enabled: false, expectedVersion: start.version })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await getReviewerPoolSetting(db)).toEqual(opened);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "setting.update", entityId: "reviewerPool" }, orderBy: { id: "desc" } });
    expect(JSON.parse(event.after ?? "{}")).toEqual({ reviewerPool: true });
    const closed = await updateReviewerPoolSetting(admin, { enabled: false, expectedVersion: opened.version });
    expect(closed.enabled).toBe(false);
  });

  it("lets a reviewer take an unassigned claim while open, and refuses while closed", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const db = await getDb();
    const { id: articleId, claims } = await makeArticle(editor);
    const target = claims[0]!;
    let setting = await getReviewerPoolSetting(db);
    if (setting.enabled) setting = await updateReviewerPoolSetting(admin, { enabled: false, expectedVersion: setting.version });
    expect(await listPoolClaims(reviewer)).toEqual({ open: false, claims: [], total: 0, articles: [] });
    const before = await claimState(target.id);
    await expect(takeClaim(reviewer, { claimId: target.id, expectedVersion: target.version })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await claimState(target.id)).toEqual(before);

    setting = await updateReviewerPoolSetting(admin, { enabled: true, expectedVersion: setting.version });
    try {
      const pool = await listPoolClaims(reviewer, { articleId });
      expect(pool.open).toBe(true);
      expect(pool.claims.map((c) => c.id).sort()).toEqual(claims.map((c) => c.id).sort());
      expect(pool.total).toBe(claims.length);
      expect(pool.articles.map((a) => a.id)).toContain(articleId);
      const taken = await takeClaim(reviewer, { claimId: target.id, expectedVersion: target.version });
      expect(taken).toMatchObject({ status: "ASSIGNED", assigneeId: reviewer.id, version: target.version + 1 });
      expect((await claimHistory(target.id)).at(-1)).toBe("claim.take");
      expect((await auditAfter(target.id, "claim.take"))[0]).toMatchObject({ actorId: reviewer.id, after: { assignee: reviewer.name, status: "ASSIGNED" } });
      expect((await listPoolClaims(reviewer, { articleId })).claims.map((c) => c.id)).not.toContain(target.id);
      expect((await getClaimDetail(reviewer, target.id)).claim.id).toBe(target.id);
      // An assigned claim is not in the pool.
      const assigned = await makeAssignedClaim(editor, await makeUser("REVIEWER"));
      await expect(takeClaim(reviewer, { claimId: assigned.claim.id, expectedVersion: assigned.claim.version })).rejects.toMatchObject({ code: "CONFLICT" });
      await expect((await getDb()).claim.findUniqueOrThrow({ where: { id: assigned.claim.id } })).resolves.toMatchObject({ assigneeId: assigned.claim.assigneeId });
    } finally {
      await updateReviewerPoolSetting(admin, { enabled: false, expectedVersion: setting.version });
    }
  });

  it("gives a claim to exactly one of two reviewers taking it at the same moment", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const a = await makeUser("REVIEWER");
    const b = await makeUser("REVIEWER");
    const db = await getDb();
    let setting = await getReviewerPoolSetting(db);
    if (!setting.enabled) setting = await updateReviewerPoolSetting(admin, { enabled: true, expectedVersion: setting.version });
    try {
      const { claims } = await makeArticle(editor);
      for (const claim of claims) {
        const before = await claimState(claim.id);
        const results = await Promise.allSettled([
          takeClaim(a, { claimId: claim.id, expectedVersion: claim.version }),
          takeClaim(b, { claimId: claim.id, expectedVersion: claim.version }),
        ]);
        const won = results.filter((r) => r.status === "fulfilled");
        expect(won).toHaveLength(1);
        const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
        expect(loser.reason).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/no longer in the pool/) });
        const winner = (won[0] as PromiseFulfilledResult<{ assigneeId: string | null }>).value.assigneeId;
        expect(await claimState(claim.id)).toEqual({ ...before, status: "ASSIGNED", assigneeId: winner, version: before.version + 1, audit: before.audit + 1 });
        expect((await auditAfter(claim.id, "claim.take")).map((e) => e.actorId)).toEqual([winner]);
      }
    } finally {
      await updateReviewerPoolSetting(admin, { enabled: false, expectedVersion: setting.version });
    }
  });
});
