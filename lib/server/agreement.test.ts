import { describe, expect, it } from "vitest";
import { getReviewerAgreement } from "./agreement";
import { returnVerdict } from "./claim/return-verdict";
import { makeDoubleReviewClaim, makeUser, proposeWithEvidence } from "./testing/factories";

describe("getReviewerAgreement", () => {
  it("computes agreement per pair over claims both reviewers proposed on, with each reviewer's first blind verdict", async () => {
    const editor = await makeUser("EDITOR");
    const [a, b, c] = await Promise.all([makeUser("REVIEWER"), makeUser("REVIEWER"), makeUser("REVIEWER")]);
    const before = await getReviewerAgreement(editor);

    // a & b: agree on one, disagree on one (a swaps slots on the second).
    const one = await makeDoubleReviewClaim(editor, a, b);
    await proposeWithEvidence(a, one.claim.id, "FALSE");
    await proposeWithEvidence(b, one.claim.id, "FALSE");
    const two = await makeDoubleReviewClaim(editor, b, a);
    await proposeWithEvidence(b, two.claim.id, "TRUE");
    const proposed = await proposeWithEvidence(a, two.claim.id, "MISLEADING");
    // Returned and re-proposed in agreement: the first, blind round is what counts.
    await returnVerdict(editor, { claimId: two.claim.id, expectedVersion: proposed.version, reason: "Agree, please." });
    await proposeWithEvidence(b, two.claim.id, "MISLEADING");
    // Only one of a & c has proposed: not counted yet.
    const three = await makeDoubleReviewClaim(editor, a, c);
    await proposeWithEvidence(a, three.claim.id, "FALSE");

    const after = await getReviewerAgreement(editor);
    const pair = after.pairs.find((p) => p.reviewers.some((r) => r.id === a.id) && p.reviewers.some((r) => r.id === b.id));
    // Person-oriented: a said FALSE, MISLEADING; b said FALSE, TRUE → p_o 1/2; p_e = (1/2·1/2) = 1/4; κ = (1/2 − 1/4)/(3/4) = 1/3.
    expect(pair).toMatchObject({ n: 2, agreements: 1, percentAgreement: 0.5 });
    expect(pair!.expectedAgreement).toBeCloseTo(0.25, 12);
    expect(pair!.kappa).toBeCloseTo(1 / 3, 12);
    expect(pair!.reviewers.map((r) => r.name).sort()).toEqual([a.name, b.name].sort());
    expect(after.pairs.some((p) => p.reviewers.some((r) => r.id === c.id))).toBe(false);
    expect(after.overall.n).toBe(before.overall.n + 2);
    expect(after.doubleReviewedClaims).toBe(before.doubleReviewedClaims + 3);
  });

  it("is for editors only", async () => {
    const reviewer = await makeUser("REVIEWER");
    await expect(getReviewerAgreement(reviewer)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
