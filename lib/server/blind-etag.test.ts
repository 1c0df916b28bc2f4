/**
 * Blind double review through the API (issue 12): nothing a reviewer can see — the claim's ETag, its
 * status, version, update time, evidence, verdicts — changes because of the other reviewer's evidence
 * or proposal, and the reviewer's own If-Match stays valid.
 */
import { describe, expect, it } from "vitest";
import { GET as getClaimRoute } from "@/app/api/v1/claims/[claimId]/route";
import { POST as addEvidenceRoute } from "@/app/api/v1/claims/[claimId]/evidence/route";
import { POST as proposeVerdictRoute } from "@/app/api/v1/claims/[claimId]/verdict/route";
import { apiRequest, makeApiToken, routeParams } from "./testing/api";
import { claimState, makeDoubleReviewClaim, makeUser } from "./testing/factories";

const EVIDENCE = { url: "https://example.org/a-secret", title: "A's source", publisher: "P", quote: "A-SECRET", stance: "REFUTES" };

describe("blind double review through the API", () => {
  it("keeps the other reviewer's ETag and view unchanged while one reviewer adds evidence and proposes", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const a = await makeUser("REVIEWER");
    const b = await makeUser("REVIEWER");
    const { claim } = await makeDoubleReviewClaim(editor, a, b);
    const tokenA = await makeApiToken(admin, a, "WRITE");
    const tokenB = await makeApiToken(admin, b, "WRITE");
    const read = async (token: string) => {
      const response = await getClaimRoute(apiRequest("GET", `/api/v1/claims/${claim.id}`, { token }), routeParams({ claimId: claim.id }));
      expect(response.status).toBe(200);
      return { etag: response.headers.get("etag"), body: await response.json() };
    };
    const before = await read(tokenB.secret);
    expect(before.etag).toMatch(/^"v\d+"$/);

    const post = (route: typeof addEvidenceRoute, path: string, body: unknown, headers: Record<string, string> = {}) =>
      route(apiRequest("POST", `/api/v1/claims/${claim.id}/${path}`, { token: tokenA.secret, body, headers }), routeParams({ claimId: claim.id }));
    expect((await post(addEvidenceRoute, "evidence", EVIDENCE)).status).toBe(201);
    expect(await read(tokenB.secret)).toEqual(before);
    const aEtag = (await read(tokenA.secret)).etag!;
    expect((await post(proposeVerdictRoute, "verdict", { rating: "FALSE", rationale: "A-SECRET-RATIONALE" }, { "if-match": aEtag })).status).toBe(200);
    expect(await read(tokenB.secret)).toEqual(before);

    // B's own work goes through on the ETag B read before A started.
    const bEvidence = await addEvidenceRoute(
      apiRequest("POST", `/api/v1/claims/${claim.id}/evidence`, { token: tokenB.secret, body: { ...EVIDENCE, url: "https://example.org/b", quote: "B" } }),
      routeParams({ claimId: claim.id }),
    );
    expect(bEvidence.status).toBe(201);
    const proposed = await proposeVerdictRoute(
      apiRequest("POST", `/api/v1/claims/${claim.id}/verdict`, { token: tokenB.secret, body: { rating: "MOSTLY_FALSE", rationale: "B" }, headers: { "if-match": before.etag! } }),
      routeParams({ claimId: claim.id }),
    );
    expect(proposed.status).toBe(200);
    // Both proposed: now the claim moves, and both see it.
    expect((await claimState(claim.id)).status).toBe("PROPOSED");
    const after = await read(tokenB.secret);
    expect(after.etag).not.toBe(before.etag);
    expect(after.body.data.verdicts).toHaveLength(2);
  });
});
