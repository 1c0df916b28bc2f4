/**
 * REST writes racing on one claim (issue 13: on PostgreSQL the step's first statement takes the audit
 * chain lock, and the token's lookup counts both rate limits): two proposals with the same If-Match and
 * an evidence upload at once never both win, nothing fails with 500, the audit chain still verifies,
 * and parallel requests are each counted once against the token's and the address's limits.
 */
import { describe, expect, it } from "vitest";
import { POST as addEvidenceRoute } from "@/app/api/v1/claims/[claimId]/evidence/route";
import { GET as getClaimRoute } from "@/app/api/v1/claims/[claimId]/route";
import { POST as proposeVerdictRoute } from "@/app/api/v1/claims/[claimId]/verdict/route";
import { verifyAuditChain } from "./audit";
import { getDb, provider } from "./db";
import { apiRequest, freshIp, makeApiToken, routeParams } from "./testing/api";
import { claimState, makeAssignedClaim, makeUser } from "./testing/factories";

const EVIDENCE = { url: "https://example.org/report", title: "Annual report", publisher: "Example Agency", quote: "The agency counted 2,000.", stance: "REFUTES" };
const RACES = 8;

describe("REST writes racing on one claim", () => {
  it("two proposals with one If-Match and an evidence upload: at most one proposal wins, no 500, the chain verifies", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const token = await makeApiToken(admin, reviewer, "WRITE");
    const statuses: number[] = [];
    for (let i = 0; i < RACES; i++) {
      const { claim } = await makeAssignedClaim(editor, reviewer);
      const { version } = await claimState(claim.id);
      const propose = () =>
        proposeVerdictRoute(
          apiRequest("POST", `/api/v1/claims/${claim.id}/verdict`, { token: token.secret, body: { rating: "FALSE", rationale: "Report says 2,000." }, headers: { "if-match": `"v${version}"` } }),
          routeParams({ claimId: claim.id }),
        );
      const evidence = () => addEvidenceRoute(apiRequest("POST", `/api/v1/claims/${claim.id}/evidence`, { token: token.secret, body: EVIDENCE }), routeParams({ claimId: claim.id }));
      const [a, b, e] = await Promise.all([propose(), propose(), evidence()]);
      statuses.push(a.status, b.status, e.status);
      expect([a.status, b.status].filter((s) => s === 200).length, `race ${i}: ${a.status} ${b.status} ${e.status}`).toBeLessThanOrEqual(1);
      // 400: a proposal that ran before the evidence was saved ("False" needs evidence).
      for (const r of [a, b]) expect([200, 400, 409, 412], await r.clone().text()).toContain(r.status);
      expect([201, 409]).toContain(e.status);
      const after = await claimState(claim.id);
      expect(after.verdicts).toBeLessThanOrEqual(1);
      // The claim's ETag is the version the winner wrote.
      const read = await getClaimRoute(apiRequest("GET", `/api/v1/claims/${claim.id}`, { token: token.secret }), routeParams({ claimId: claim.id }));
      expect(read.headers.get("etag")).toBe(`"v${after.version}"`);
    }
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect((await verifyAuditChain()).ok).toBe(true);
  }, 120_000);

  it("parallel requests of one token from one address are each counted once", async () => {
    const admin = await makeUser("ADMIN");
    const reviewer = await makeUser("REVIEWER");
    const editor = await makeUser("EDITOR");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const token = await makeApiToken(admin, reviewer, "READ");
    const ip = freshIp();
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => getClaimRoute(apiRequest("GET", `/api/v1/claims/${claim.id}`, { token: token.secret, ip }), routeParams({ claimId: claim.id }))),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    // SQLite counts in memory; PostgreSQL in the RateLimitCounter table, shared by every instance.
    if (provider !== "postgresql") return;
    const db = await getDb();
    const counters = await db.$queryRaw<{ points: number }[]>`SELECT "points" FROM "RateLimitCounter" WHERE "key" IN (${`api_ip:${ip}`}, ${`api_token:${token.id}`})`;
    expect(counters.map((c) => Number(c.points))).toEqual([12, 12]);
  }, 60_000);
});
