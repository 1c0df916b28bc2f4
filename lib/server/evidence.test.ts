import { describe, expect, it } from "vitest";
import { addEvidence } from "./evidence";
import { claimState, makeAssignedClaim, makeUser } from "./testing/factories";

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
