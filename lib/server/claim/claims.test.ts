import { describe, expect, it } from "vitest";
import { getClaimDetail } from "../claim-detail/get-claim-detail";
import { approveVerdict } from "./approve-verdict";
import { assignClaim } from "./assign-claim";
import { listClaims } from "./list-claims";
import { proposeVerdict } from "./propose-verdict";
import { publishClaim } from "./publish-claim";
import { returnVerdict } from "./return-verdict";
import { getDb } from "../db";
import {
  claimHistory,
  claimState,
  makeArticle,
  makeAssignedClaim,
  makeEvidence,
  makeProposedClaim,
  makeUser,
} from "../testing/factories";
import { deactivateUser } from "../users";

async function verdictsOf(claimId: string) {
  const db = await getDb();
  return db.verdict.findMany({ where: { claimId }, orderBy: { createdAt: "asc" } });
}

describe("assignClaim", () => {
  it("lets an editor assign a new claim with priority and due date, recording it", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claims } = await makeArticle(editor);
    const claim = claims[0]!;
    const before = await claimState(claim.id);
    expect(before).toMatchObject({ status: "NEW", assigneeId: null });
    const dueAt = new Date("2026-05-01T23:59:59Z");
    const updated = await assignClaim(editor, {
      claimId: claim.id,
      assigneeId: reviewer.id,
      priority: "URGENT",
      dueAt,
      expectedVersion: before.version,
    });
    expect(updated).toMatchObject({ status: "ASSIGNED", assigneeId: reviewer.id, priority: "URGENT", version: before.version + 1 });
    expect(updated.dueAt?.toISOString()).toBe(dueAt.toISOString());
    const after = await claimState(claim.id);
    expect(after).toMatchObject({ status: "ASSIGNED", assigneeId: reviewer.id, version: before.version + 1 });
    expect(after.audit).toBe(before.audit + 1);
    expect((await claimHistory(claim.id)).at(-1)).toBe("claim.assign");
  });

  it("reassigns an assigned claim to another reviewer, keeping its status", async () => {
    const editor = await makeUser("EDITOR");
    const first = await makeUser("REVIEWER");
    const second = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, first);
    const before = await claimState(claim.id);
    await assignClaim(editor, { claimId: claim.id, assigneeId: second.id, priority: "HIGH", dueAt: undefined, expectedVersion: before.version });
    const after = await claimState(claim.id);
    expect(after).toEqual({ ...before, assigneeId: second.id, version: before.version + 1, audit: before.audit + 1 });
    expect((await claimHistory(claim.id)).at(-1)).toBe("claim.reassign");
    // The first reviewer lost access; the second has it.
    await expect(getClaimDetail(first, claim.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getClaimDetail(second, claim.id)).claim.id).toBe(claim.id);
  });

  it("reassigns a claim that is in review", async () => {
    const editor = await makeUser("EDITOR");
    const first = await makeUser("REVIEWER");
    const second = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, first);
    await makeEvidence(first, claim.id);
    const before = await claimState(claim.id);
    expect(before.status).toBe("IN_REVIEW");
    await assignClaim(editor, { claimId: claim.id, assigneeId: second.id, priority: "NORMAL", dueAt: undefined, expectedVersion: before.version });
    expect(await claimState(claim.id)).toEqual({ ...before, assigneeId: second.id, version: before.version + 1, audit: before.audit + 1 });
  });

  it("unassigns an assigned claim back to new", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const before = await claimState(claim.id);
    await assignClaim(editor, { claimId: claim.id, assigneeId: null, priority: "NORMAL", dueAt: undefined, expectedVersion: before.version });
    expect(await claimState(claim.id)).toEqual({ ...before, status: "NEW", assigneeId: null, version: before.version + 1, audit: before.audit + 1 });
    expect((await claimHistory(claim.id)).at(-1)).toBe("claim.unassign");
    await expect(getClaimDetail(reviewer, claim.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a reviewer, even on their own claim, and changes nothing", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim, article } = await makeAssignedClaim(editor, reviewer);
    const other = article.claims[1]!;
    const before = await claimState(claim.id);
    const otherBefore = await claimState(other.id);
    await expect(
      assignClaim(reviewer, { claimId: other.id, assigneeId: reviewer.id, priority: "URGENT", dueAt: undefined, expectedVersion: otherBefore.version }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      assignClaim(reviewer, { claimId: claim.id, assigneeId: null, priority: "NORMAL", dueAt: undefined, expectedVersion: before.version }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await claimState(claim.id)).toEqual(before);
    expect(await claimState(other.id)).toEqual(otherBefore);
  });

  it("refuses a stale version with a conflict showing the current state, and changes nothing", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const other = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const before = await claimState(claim.id);
    await expect(
      assignClaim(editor, { claimId: claim.id, assigneeId: other.id, priority: "LOW", dueAt: undefined, expectedVersion: before.version - 1 }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/changed since you opened it/),
      current: { status: "ASSIGNED", version: before.version, assigneeId: reviewer.id },
    });
    expect(await claimState(claim.id)).toEqual(before);
  });

  it("refuses an inactive or unknown assignee and changes nothing", async () => {
    const editor = await makeUser("EDITOR");
    const gone = await makeUser("REVIEWER");
    await deactivateUser("cli", gone.id);
    const { claims } = await makeArticle(editor);
    const claim = claims[0]!;
    const before = await claimState(claim.id);
    for (const assigneeId of [gone.id, "no-such-user"]) {
      await expect(
        assignClaim(editor, { claimId: claim.id, assigneeId, priority: "NORMAL", dueAt: undefined, expectedVersion: before.version }),
      ).rejects.toMatchObject({ code: "VALIDATION", fields: { assigneeId: [expect.any(String)] } });
    }
    expect(await claimState(claim.id)).toEqual(before);
  });

  it("refuses to reassign a claim whose verdict awaits approval", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const other = await makeUser("REVIEWER");
    const { claim } = await makeProposedClaim(editor, reviewer);
    const before = await claimState(claim.id);
    await expect(
      assignClaim(editor, { claimId: claim.id, assigneeId: other.id, priority: "NORMAL", dueAt: undefined, expectedVersion: before.version }),
    ).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    expect(await claimState(claim.id)).toEqual(before);
  });

  it("answers not-found for an unknown claim id", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    await expect(
      assignClaim(editor, { claimId: "does-not-exist", assigneeId: reviewer.id, priority: "NORMAL", dueAt: undefined, expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("claim reads", () => {
  it("lists only a reviewer's own claims, whatever filter they send", async () => {
    const editor = await makeUser("EDITOR");
    const mine = await makeUser("REVIEWER");
    const theirs = await makeUser("REVIEWER");
    const a = await makeAssignedClaim(editor, mine);
    const b = await makeAssignedClaim(editor, theirs);
    // A second claim of the same article goes to the other reviewer.
    const shared = a.article.claims[1]!;
    await assignClaim(editor, { claimId: shared.id, assigneeId: theirs.id, priority: "NORMAL", dueAt: undefined, expectedVersion: shared.version });

    const list = await listClaims(mine);
    expect(list.map((c) => c.id)).toEqual([a.claim.id]);
    expect(list[0]!.assignee?.id).toBe(mine.id);
    expect(list[0]!.article.id).toBe(a.article.id);

    expect(await listClaims(mine, { assigneeId: theirs.id })).toEqual([]);
    expect(await listClaims(mine, { articleId: b.article.id })).toEqual([]);
    expect((await listClaims(mine, { articleId: a.article.id })).map((c) => c.id)).toEqual([a.claim.id]);
    expect(await listClaims(mine, { assigneeId: "none" })).toEqual([]);
    expect((await listClaims(theirs)).map((c) => c.id).sort()).toEqual([b.claim.id, shared.id].sort());
  });

  it("lets an editor list every claim of an article and filter by assignee", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { article, claim } = await makeAssignedClaim(editor, reviewer);
    const all = await listClaims(editor, { articleId: article.id });
    expect(all.map((c) => c.id).sort()).toEqual(article.claims.map((c) => c.id).sort());
    const unassigned = await listClaims(editor, { articleId: article.id, assigneeId: "none" });
    expect(unassigned.map((c) => c.id).sort()).toEqual(article.claims.filter((c) => c.id !== claim.id).map((c) => c.id).sort());
    expect((await listClaims(editor, { articleId: article.id, assigneeId: reviewer.id })).map((c) => c.id)).toEqual([claim.id]);
  });

  it("shows a reviewer their claim's detail and history, and hides another reviewer's claim", async () => {
    const editor = await makeUser("EDITOR");
    const owner = await makeUser("REVIEWER");
    const intruder = await makeUser("REVIEWER");
    const { claim, article } = await makeAssignedClaim(editor, owner);
    const detail = await getClaimDetail(owner, claim.id);
    expect(detail.claim.article.id).toBe(article.id);
    expect(detail.history.map((h) => h.action).filter((a) => a !== "claim.match")).toEqual(["claim.create", "claim.accept", "claim.assign"]);
    expect(detail.scale.length).toBeGreaterThan(0);
    await expect(getClaimDetail(intruder, claim.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getClaimDetail(intruder, article.claims[1]!.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getClaimDetail(owner, "no-such-claim")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getClaimDetail(editor, claim.id)).claim.id).toBe(claim.id);
  });
});

describe("verdicts", () => {
  it("refuses a factual verdict without evidence and changes nothing", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const before = await claimState(claim.id);
    for (const rating of ["TRUE", "FALSE", "MISLEADING"]) {
      await expect(
        proposeVerdict(reviewer, { claimId: claim.id, expectedVersion: before.version, rating, rationale: "Sure." }),
      ).rejects.toMatchObject({ code: "VALIDATION", fields: { rating: [expect.stringMatching(/evidence/)] } });
    }
    expect(await claimState(claim.id)).toEqual(before);
  });

  it("does not count removed evidence towards a factual verdict", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const evidence = await makeEvidence(reviewer, claim.id);
    const { removeEvidence } = await import("../evidence");
    await removeEvidence(reviewer, { evidenceId: evidence.id, expectedVersion: evidence.version });
    const before = await claimState(claim.id);
    await expect(
      proposeVerdict(reviewer, { claimId: claim.id, expectedVersion: before.version, rating: "FALSE", rationale: "Sure." }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await claimState(claim.id)).toEqual(before);
  });

  it("accepts 'not checkable' without evidence", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const before = await claimState(claim.id);
    const updated = await proposeVerdict(reviewer, {
      claimId: claim.id,
      expectedVersion: before.version,
      rating: "NOT_CHECKABLE",
      rationale: "An opinion.",
    });
    expect(updated.status).toBe("PROPOSED");
    const after = await claimState(claim.id);
    expect(after).toMatchObject({ status: "PROPOSED", verdicts: before.verdicts + 1, evidence: 0, audit: before.audit + 3 });
    expect(await claimHistory(claim.id)).toEqual(["claim.create", "claim.accept", "claim.assign", "claim.startReview", "verdict.propose", "claim.propose"]);
    const [verdict] = await verdictsOf(claim.id);
    expect(verdict).toMatchObject({ rating: "NOT_CHECKABLE", rationale: "An opinion.", proposedById: reviewer.id, state: "PROPOSED", approvedById: null });
  });

  it("refuses a rating that is not on the scale", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    await makeEvidence(reviewer, claim.id);
    const before = await claimState(claim.id);
    for (const rating of ["PANTS_ON_FIRE", "false", "True"]) {
      await expect(
        proposeVerdict(reviewer, { claimId: claim.id, expectedVersion: before.version, rating, rationale: "x" }),
      ).rejects.toMatchObject({ code: "VALIDATION", fields: { rating: [expect.any(String)] } });
    }
    expect(await claimState(claim.id)).toEqual(before);
  });

  it("refuses a proposal on a stale version", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const seenVersion = (await claimState(claim.id)).version;
    await makeEvidence(reviewer, claim.id); // moves the claim into review: version changes
    const before = await claimState(claim.id);
    expect(before.version).toBeGreaterThan(seenVersion);
    await expect(
      proposeVerdict(reviewer, { claimId: claim.id, expectedVersion: seenVersion, rating: "FALSE", rationale: "x" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await claimState(claim.id)).toEqual(before);
  });

  it("only the assignee proposes: another reviewer gets not-found, an editor forbidden", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const intruder = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    await makeEvidence(reviewer, claim.id);
    const before = await claimState(claim.id);
    const input = { claimId: claim.id, expectedVersion: before.version, rating: "FALSE", rationale: "x" };
    await expect(proposeVerdict(intruder, input)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(proposeVerdict(editor, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await claimState(claim.id)).toEqual(before);
  });

  it("does not let an editor approve a verdict they proposed; another editor can", async () => {
    const assigner = await makeUser("EDITOR");
    const selfReviewer = await makeUser("EDITOR");
    const otherEditor = await makeUser("EDITOR");
    const { claim } = await makeProposedClaim(assigner, selfReviewer);
    const before = await claimState(claim.id);
    expect(before.status).toBe("PROPOSED");
    await expect(approveVerdict(selfReviewer, { claimId: claim.id, expectedVersion: before.version })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/another editor/),
    });
    expect(await claimState(claim.id)).toEqual(before);
    expect((await verdictsOf(claim.id))[0]).toMatchObject({ state: "PROPOSED", approvedById: null });

    const approved = await approveVerdict(otherEditor, { claimId: claim.id, expectedVersion: before.version });
    expect(approved.status).toBe("APPROVED");
    expect(await claimState(claim.id)).toEqual({ ...before, status: "APPROVED", version: before.version + 1, audit: before.audit + 2 });
    const [verdict] = await verdictsOf(claim.id);
    expect(verdict).toMatchObject({ state: "APPROVED", approvedById: otherEditor.id, proposedById: selfReviewer.id });
    expect(verdict!.approvedAt).toBeInstanceOf(Date);
    expect((await claimHistory(claim.id)).slice(-2)).toEqual(["verdict.approved", "claim.approve"]);
  });

  it("refuses approval by a reviewer and on a stale version", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeProposedClaim(editor, reviewer);
    const before = await claimState(claim.id);
    await expect(approveVerdict(reviewer, { claimId: claim.id, expectedVersion: before.version })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(approveVerdict(editor, { claimId: claim.id, expectedVersion: before.version - 1 })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(returnVerdict(editor, { claimId: claim.id, expectedVersion: before.version - 1, reason: "x" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await claimState(claim.id)).toEqual(before);
    expect((await verdictsOf(claim.id))[0]!.state).toBe("PROPOSED");
  });

  it("returns a verdict with a reason, after which the reviewer can propose again", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeProposedClaim(editor, reviewer);
    const before = await claimState(claim.id);
    const returned = await returnVerdict(editor, { claimId: claim.id, expectedVersion: before.version, reason: "Cite the primary source." });
    expect(returned.status).toBe("RETURNED");
    const afterReturn = await claimState(claim.id);
    expect(afterReturn).toEqual({ ...before, status: "RETURNED", version: before.version + 1, audit: before.audit + 2 });
    expect((await verdictsOf(claim.id))[0]).toMatchObject({ state: "RETURNED", returnReason: "Cite the primary source." });
    const events = await (await getDb()).auditEvent.findMany({ where: { claimId: claim.id, action: "claim.return" } });
    expect(JSON.parse(events[0]!.after ?? "{}")).toMatchObject({ status: "RETURNED", reason: "Cite the primary source." });

    await makeEvidence(reviewer, claim.id);
    const beforeRepropose = await claimState(claim.id);
    expect(beforeRepropose.status).toBe("IN_REVIEW");
    await proposeVerdict(reviewer, {
      claimId: claim.id,
      expectedVersion: beforeRepropose.version,
      rating: "MOSTLY_FALSE",
      rationale: "With the primary source.",
    });
    const after = await claimState(claim.id);
    expect(after).toMatchObject({ status: "PROPOSED", verdicts: 2, audit: beforeRepropose.audit + 2 });
    expect((await verdictsOf(claim.id)).map((v) => [v.rating, v.state])).toEqual([
      ["FALSE", "RETURNED"],
      ["MOSTLY_FALSE", "PROPOSED"],
    ]);
  });

  it("publishes after approval", async () => {
    const editor = await makeUser("EDITOR");
    const approver = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeProposedClaim(editor, reviewer);
    const proposed = await claimState(claim.id);
    await approveVerdict(approver, { claimId: claim.id, expectedVersion: proposed.version });
    const approved = await claimState(claim.id);
    // Publishing is a desk step: not for the reviewer.
    await expect(publishClaim(reviewer, { claimId: claim.id, expectedVersion: approved.version })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(publishClaim(editor, { claimId: claim.id, expectedVersion: proposed.version })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await claimState(claim.id)).toEqual(approved);
    const published = await publishClaim(editor, { claimId: claim.id, expectedVersion: approved.version });
    expect(published.status).toBe("PUBLISHED");
    expect(await claimState(claim.id)).toEqual({ ...approved, status: "PUBLISHED", version: approved.version + 1, audit: approved.audit + 2 });
    expect((await verdictsOf(claim.id))[0]).toMatchObject({ state: "PUBLISHED", approvedById: approver.id });
    expect(await claimHistory(claim.id)).toEqual([
      "claim.create",
      "claim.accept",
      "claim.assign",
      "claim.startReview",
      "evidence.add",
      "verdict.propose",
      "claim.propose",
      "verdict.approved",
      "claim.approve",
      "verdict.published",
      "claim.publish",
    ]);
  });

  it("refuses skipped steps and changes nothing", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claims } = await makeArticle(editor);
    const fresh = claims[0]!;
    const freshBefore = await claimState(fresh.id);
    await expect(approveVerdict(editor, { claimId: fresh.id, expectedVersion: freshBefore.version })).rejects.toMatchObject({
      code: "INVALID_TRANSITION",
      message: expect.stringMatching(/cannot be approved/),
    });
    await expect(publishClaim(editor, { claimId: fresh.id, expectedVersion: freshBefore.version })).rejects.toMatchObject({
      code: "INVALID_TRANSITION",
    });
    await expect(returnVerdict(editor, { claimId: fresh.id, expectedVersion: freshBefore.version, reason: "x" })).rejects.toMatchObject({
      code: "INVALID_TRANSITION",
    });
    expect(await claimState(fresh.id)).toEqual(freshBefore);

    const { claim } = await makeProposedClaim(editor, reviewer);
    const proposedBefore = await claimState(claim.id);
    await expect(publishClaim(editor, { claimId: claim.id, expectedVersion: proposedBefore.version })).rejects.toMatchObject({
      code: "INVALID_TRANSITION",
      message: expect.stringMatching(/cannot be published/),
    });
    // Proposing again while a verdict awaits approval is also a skipped step.
    await expect(
      proposeVerdict(reviewer, { claimId: claim.id, expectedVersion: proposedBefore.version, rating: "TRUE", rationale: "again" }),
    ).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    expect(await claimState(claim.id)).toEqual(proposedBefore);
    expect((await verdictsOf(claim.id)).map((v) => v.state)).toEqual(["PROPOSED"]);
  });
});
