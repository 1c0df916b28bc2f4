/**
 * Four-eyes through API tokens (issue 12): every event done through a token records the token and
 * the human who created it, the claim timeline shows them, and an admin who proposed through a token
 * acting as an editor cannot approve that verdict themselves.
 */
import { describe, expect, it } from "vitest";
import { POST as addEvidenceRoute } from "@/app/api/v1/claims/[claimId]/evidence/route";
import { POST as proposeVerdictRoute } from "@/app/api/v1/claims/[claimId]/verdict/route";
import { verifyAuditChain } from "./audit";
import { runThroughToken } from "./audit-context";
import { getClaimDetail } from "./claim-detail/get-claim-detail";
import { approveVerdict } from "./claim/approve-verdict";
import { getDb } from "./db";
import { apiRequest, makeApiToken, routeParams } from "./testing/api";
import { claimState, makeAssignedClaim, makeProposedClaim, makeUser } from "./testing/factories";

const EVIDENCE = { url: "https://example.org/report", title: "Annual report", publisher: "Example Agency", quote: "The figure was 2,000.", stance: "REFUTES" };

describe("four-eyes through API tokens", () => {
  it("records token and creator, shows them in the timeline, and refuses the creator's own approval", async () => {
    const admin = await makeUser("ADMIN");
    const editor2 = await makeUser("EDITOR");
    const otherEditor = await makeUser("EDITOR");
    const { claim } = await makeAssignedClaim(admin, editor2);
    const token = await makeApiToken(admin, editor2, "WRITE");

    const added = await addEvidenceRoute(apiRequest("POST", `/api/v1/claims/${claim.id}/evidence`, { token: token.secret, body: EVIDENCE }), routeParams({ claimId: claim.id }));
    expect(added.status).toBe(201);
    const etag = (await claimState(claim.id)).version;
    const proposed = await proposeVerdictRoute(
      apiRequest("POST", `/api/v1/claims/${claim.id}/verdict`, { token: token.secret, body: { rating: "FALSE", rationale: "Two thousand, not three." }, headers: { "if-match": `"v${etag}"` } }),
      routeParams({ claimId: claim.id }),
    );
    expect(proposed.status).toBe(200);

    const db = await getDb();
    const events = await db.auditEvent.findMany({ where: { claimId: claim.id }, orderBy: { id: "asc" } });
    const throughToken = events.filter((e) => e.tokenId !== null);
    expect(throughToken.map((e) => e.action)).toEqual(expect.arrayContaining(["evidence.add", "verdict.propose"]));
    for (const e of throughToken) expect(e).toMatchObject({ actorId: editor2.id, tokenId: token.id, tokenCreatorId: admin.id, hashAlgorithm: "hmac-sha256" });
    // The assignment, done in the browser, came through no token.
    expect(events.find((e) => e.action === "claim.assign")).toMatchObject({ tokenId: null, tokenCreatorId: null });

    const detail = await getClaimDetail(admin, claim.id);
    const proposal = detail.history.find((e) => e.action === "verdict.propose")!;
    expect(proposal.via).toEqual({ tokenId: token.id, tokenName: token.name, tokenPrefix: expect.any(String), creatorName: admin.name });
    expect(detail.history.find((e) => e.action === "claim.assign")!.via).toBeNull();

    const version = (await claimState(claim.id)).version;
    await expect(approveVerdict(admin, { claimId: claim.id, expectedVersion: version })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/proposed through an API token you are behind/),
    });
    expect((await claimState(claim.id)).status).toBe("PROPOSED");
    // Another editor, behind neither act, approves.
    await approveVerdict(otherEditor, { claimId: claim.id, expectedVersion: version });
    expect((await claimState(claim.id)).status).toBe("APPROVED");
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("refuses an approval made through a token whose creator proposed the verdict", async () => {
    const admin = await makeUser("ADMIN");
    const editor2 = await makeUser("EDITOR");
    const { claim } = await makeProposedClaim(admin, admin); // the admin reviewed and proposed it in the browser
    const version = (await claimState(claim.id)).version;
    // The same admin's token acting as editor2 (the origin the API layer sets for every token request).
    const token = await makeApiToken(admin, editor2, "WRITE");
    await expect(
      runThroughToken({ tokenId: token.id, tokenCreatorId: admin.id }, () => approveVerdict(editor2, { claimId: claim.id, expectedVersion: version })),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await claimState(claim.id)).status).toBe("PROPOSED");
    await approveVerdict(editor2, { claimId: claim.id, expectedVersion: version });
    expect((await claimState(claim.id)).status).toBe("APPROVED");
  });
});
