import { describe, expect, it } from "vitest";
import { getClaimDetail } from "./claim-detail/get-claim-detail";
import { getDb } from "./db";
import { addEvidence, removeEvidence } from "./evidence";
import { claimHistory, claimState, makeAssignedClaim, makeEvidence, makeProposedClaim, makeUser } from "./testing/factories";

async function evidenceRow(id: string) {
  const db = await getDb();
  return db.evidence.findUniqueOrThrow({ where: { id } });
}

describe("addEvidence", () => {
  it("lets the assignee attach evidence and moves the claim into review, with audit events", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const before = await claimState(claim.id);
    await addEvidence(reviewer, {
      claimId: claim.id,
      url: "https://example.org/source",
      title: "Source",
      publisher: "Example",
      quote: "A quoted passage.",
      stance: "SUPPORTS",
    });
    const after = await claimState(claim.id);
    expect(after.evidence).toBe(before.evidence + 1);
    expect(after.status).toBe("IN_REVIEW");
    expect(after.audit).toBe(before.audit + 2);
  });

  it("answers not-found for another reviewer's claim and changes nothing", async () => {
    const editor = await makeUser("EDITOR");
    const owner = await makeUser("REVIEWER");
    const intruder = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, owner);
    const before = await claimState(claim.id);
    await expect(
      addEvidence(intruder, {
        claimId: claim.id,
        url: "https://example.org/x",
        title: "X",
        publisher: "X",
        quote: "X",
        stance: "REFUTES",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await claimState(claim.id)).toEqual(before);
  });
});

describe("addEvidence, more", () => {
  it("stores what the reviewer typed and records it in the claim's history", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const evidence = await addEvidence(reviewer, {
      claimId: claim.id,
      url: "https://stats.example.gov/table-1",
      title: "Table 1",
      publisher: "Statistics Office",
      quote: "3,000 approved; 1,200 delivered.",
      stance: "CONTEXT",
    });
    expect(await evidenceRow(evidence.id)).toMatchObject({
      claimId: claim.id,
      addedById: reviewer.id,
      url: "https://stats.example.gov/table-1",
      stance: "CONTEXT",
      version: 1,
      deletedAt: null,
    });
    expect(await claimHistory(claim.id)).toEqual(["claim.create", "claim.accept", "claim.assign", "claim.startReview", "evidence.add"]);
    // A second piece does not repeat the move into review.
    const before = await claimState(claim.id);
    await makeEvidence(reviewer, claim.id);
    expect(await claimState(claim.id)).toEqual({ ...before, evidence: before.evidence + 1, audit: before.audit + 1 });
  });

  it("refuses an editor who is not the assignee, and a claim whose verdict awaits approval", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const before = await claimState(claim.id);
    await expect(makeEvidence(editor, claim.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await claimState(claim.id)).toEqual(before);

    const proposed = await makeProposedClaim(editor, reviewer);
    const proposedBefore = await claimState(proposed.claim.id);
    await expect(makeEvidence(reviewer, proposed.claim.id)).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    expect(await claimState(proposed.claim.id)).toEqual(proposedBefore);
  });

  it("answers not-found for an unknown claim id", async () => {
    const reviewer = await makeUser("REVIEWER");
    await expect(makeEvidence(reviewer, "no-such-claim")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("removeEvidence", () => {
  it("soft-deletes: the row stays, leaves the claim's list and the removal is recorded", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const kept = await makeEvidence(reviewer, claim.id);
    const removed = await makeEvidence(reviewer, claim.id);
    const before = await claimState(claim.id);
    await removeEvidence(reviewer, { evidenceId: removed.id, expectedVersion: removed.version });
    // Row count is unchanged (soft delete); one more event in the history.
    expect(await claimState(claim.id)).toEqual({ ...before, audit: before.audit + 1 });
    const row = await evidenceRow(removed.id);
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(row.version).toBe(removed.version + 1);
    expect(row.url).toBe(removed.url);
    const detail = await getClaimDetail(reviewer, claim.id);
    expect(detail.claim.evidence.map((e) => e.id)).toEqual([kept.id]);
    expect(detail.history.at(-1)).toMatchObject({ action: "evidence.remove", entityId: removed.id, actorId: reviewer.id });
    // Removing it again finds nothing.
    await expect(removeEvidence(reviewer, { evidenceId: removed.id, expectedVersion: row.version })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("refuses a stale version and changes nothing", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const evidence = await makeEvidence(reviewer, claim.id);
    const before = await claimState(claim.id);
    for (const expectedVersion of [evidence.version + 1, evidence.version - 1 || 99]) {
      await expect(removeEvidence(reviewer, { evidenceId: evidence.id, expectedVersion })).rejects.toMatchObject({
        code: "CONFLICT",
        message: expect.stringMatching(/evidence changed since you opened it/),
      });
    }
    expect(await claimState(claim.id)).toEqual(before);
    expect(await evidenceRow(evidence.id)).toMatchObject({ deletedAt: null, version: evidence.version });
  });

  it("answers not-found to another reviewer and forbids a non-assigned editor, changing nothing", async () => {
    const editor = await makeUser("EDITOR");
    const owner = await makeUser("REVIEWER");
    const intruder = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, owner);
    const evidence = await makeEvidence(owner, claim.id);
    const before = await claimState(claim.id);
    await expect(removeEvidence(intruder, { evidenceId: evidence.id, expectedVersion: evidence.version })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(removeEvidence(editor, { evidenceId: evidence.id, expectedVersion: evidence.version })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await claimState(claim.id)).toEqual(before);
    expect(await evidenceRow(evidence.id)).toMatchObject({ deletedAt: null, version: evidence.version });
  });

  it("keeps evidence once a verdict is proposed", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeProposedClaim(editor, reviewer);
    const [evidence] = (await getClaimDetail(reviewer, claim.id)).claim.evidence;
    const before = await claimState(claim.id);
    await expect(removeEvidence(reviewer, { evidenceId: evidence!.id, expectedVersion: evidence!.version })).rejects.toMatchObject({
      code: "INVALID_TRANSITION",
    });
    expect(await claimState(claim.id)).toEqual(before);
    expect((await evidenceRow(evidence!.id)).deletedAt).toBeNull();
  });
});
