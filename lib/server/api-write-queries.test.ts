import { describe, expect, it } from "vitest";
import { POST as addEvidenceRoute } from "@/app/api/v1/claims/[claimId]/evidence/route";
import { POST as proposeVerdictRoute } from "@/app/api/v1/claims/[claimId]/verdict/route";
import { apiRequest, makeApiToken, routeParams } from "./testing/api";
import { makeAssignedClaim, makeUser } from "./testing/factories";
import { countQueries } from "./testing/query-counter";

const EVIDENCE = { url: "https://example.org/report", title: "Annual report", publisher: "Example Agency", quote: "The agency counted 2,000.", stance: "REFUTES" };

/**
 * The statements of the route's response after the write: what follows the last audit insert, less
 * transaction control and the signed audit checkpoint's reads of the chain's head (issue 12, after
 * the commit, outside the step).
 */
function afterWrite(statements: string[]): string[] {
  const last = statements.findLastIndex((s) => /^\s*insert into\s+(?:[`"]main[`"]\.)?[`"]?(?:public[`"]\.[`"])?AuditEvent\b/i.test(s));
  return statements.slice(last + 1).filter((s) => !/^\s*(COMMIT|BEGIN|ROLLBACK)\b/i.test(s) && !/[`"]AuditEvent[`"]/.test(s));
}

describe("REST writes", () => {
  it("answer add-evidence and propose-verdict without re-reading the claim's article, comments or history", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const token = await makeApiToken(admin, reviewer, "WRITE");
    const added = await countQueries(() =>
      addEvidenceRoute(apiRequest("POST", `/api/v1/claims/${claim.id}/evidence`, { token: token.secret, body: EVIDENCE }), routeParams({ claimId: claim.id })),
    );
    expect(added.result.status).toBe(201);
    const { claim: tag } = (await added.result.json()) as { claim: { version: number; etag: string } };
    // After the write, one read gives the new ETag.
    expect(afterWrite(added.statements)).toHaveLength(1);
    expect(added.statements.join("\n")).not.toMatch(/[`"](Comment|Article)[`"]/);

    const proposed = await countQueries(() =>
      proposeVerdictRoute(
        apiRequest("POST", `/api/v1/claims/${claim.id}/verdict`, { token: token.secret, body: { rating: "FALSE", rationale: "The report says 2,000." }, headers: { "if-match": tag.etag } }),
        routeParams({ claimId: claim.id }),
      ),
    );
    expect(proposed.result.status).toBe(200);
    const body = (await proposed.result.json()) as { data: { verdicts: { state: string }[]; article: Record<string, unknown> } };
    expect(body.data.verdicts[0]!.state).toBe("PROPOSED");
    expect(body.data.article).not.toHaveProperty("text");
    // The response reads the claim, its evidence, verdicts, scale and named people: no article text,
    // no comments, no history.
    const response = afterWrite(proposed.statements);
    expect(response.length).toBeLessThanOrEqual(7);
    expect(response.join("\n")).not.toMatch(/[`"](Comment|AuditEvent)[`"]|[`"]Article[`"]\.[`"]text[`"]/);
  });
});
