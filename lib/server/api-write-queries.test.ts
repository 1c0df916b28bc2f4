import { describe, expect, it } from "vitest";
import { GET as getClaimRoute } from "@/app/api/v1/claims/[claimId]/route";
import { POST as addEvidenceRoute } from "@/app/api/v1/claims/[claimId]/evidence/route";
import { POST as proposeVerdictRoute } from "@/app/api/v1/claims/[claimId]/verdict/route";
import { apiRequest, makeApiToken, routeParams } from "./testing/api";
import { makeAssignedClaim, makeUser } from "./testing/factories";
import { provider } from "./db";
import { countQueries } from "./testing/query-counter";

/** PostgreSQL's audit chain lock: one more statement per transaction. */
const LOCK = provider === "postgresql" ? 1 : 0;

const EVIDENCE = { url: "https://example.org/report", title: "Annual report", publisher: "Example Agency", quote: "The agency counted 2,000.", stance: "REFUTES" };

/** Where the step starts: PostgreSQL's audit chain lock, or (SQLite) the first read of the claim. */
const isStepStart = (s: string) => /pg_advisory_xact_lock/.test(s) || /^\s*select\b[\s\S]*\bfrom\s+(?:[`"]main[`"]\.|"public"\.)?[`"]Claim[`"]/i.test(s);

/**
 * The statements of a REST write from the start of its transaction to the response: what the route
 * sends after the token check (the token with its user, one statement every API request sends, and
 * on PostgreSQL the shared rate-limit counters, two statements per limit). The signed audit
 * checkpoint after the commit is in this count too (it sends none in the steady state).
 */
function stepStatements(statements: string[]): string[] {
  return statements.slice(statements.findIndex(isStepStart));
}

/** The statements after the step's last audit insert: the response's own reads. */
function afterWrite(statements: string[]): string[] {
  const last = statements.findLastIndex((s) => /^\s*insert into\s+(?:[`"]main[`"]\.)?[`"]?(?:public[`"]\.[`"])?AuditEvent\b/i.test(s));
  return statements.slice(last + 1);
}

describe("REST writes", () => {
  it("add evidence and propose a verdict in at most 8 statements each, the ETag from the write", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const token = await makeApiToken(admin, reviewer, "WRITE");
    // A token in use: its lastUsedAt is written at most once a minute (lib/server/api-tokens.ts).
    await getClaimRoute(apiRequest("GET", `/api/v1/claims/${claim.id}`, { token: token.secret }), routeParams({ claimId: claim.id }));

    // The first evidence also moves the claim into review (an update and its audit event).
    const added = await countQueries(() =>
      addEvidenceRoute(apiRequest("POST", `/api/v1/claims/${claim.id}/evidence`, { token: token.secret, body: EVIDENCE }), routeParams({ claimId: claim.id })),
    );
    expect(added.result.status).toBe(201);
    const { claim: tag } = (await added.result.json()) as { claim: { version: number; etag: string; status: string } };
    expect(tag).toMatchObject({ version: claim.version + 1, etag: `"v${claim.version + 1}"`, status: "IN_REVIEW" });
    // The evidence step, then the archive step (issue 16: the source is fetched outside any
    // transaction, then its state is written with its audit event — no read before or after).
    const step = stepStatements(added.statements);
    const archiveAt = step.findIndex((s) => /^\s*update\s+(?:[`"]main[`"]\.)?[`"]?(?:public[`"]\.[`"])?Evidence\b/i.test(s));
    expect(archiveAt, step.join("\n")).toBeGreaterThan(0);
    // The claim read (with its counts, the scale and the audit head), the status change, the evidence
    // and one INSERT of both audit events (and on PostgreSQL the chain lock of each of the two steps).
    expect(archiveAt, step.join("\n")).toBeLessThanOrEqual(4 + 2 * LOCK);
    const archive = step.slice(archiveAt);
    // The update (which reads the audit head) and the audit event.
    expect(archive.length, archive.join("\n")).toBeLessThanOrEqual(2);
    // The response reads nothing: the ETag is the version the step wrote.
    expect(afterWrite(added.statements)).toEqual([]);
    expect(added.statements.join("\n")).not.toMatch(/[`"](Comment|Article)[`"]/);

    const proposed = await countQueries(() =>
      proposeVerdictRoute(
        apiRequest("POST", `/api/v1/claims/${claim.id}/verdict`, { token: token.secret, body: { rating: "FALSE", rationale: "The report says 2,000." }, headers: { "if-match": tag.etag } }),
        routeParams({ claimId: claim.id }),
      ),
    );
    expect(proposed.result.status).toBe(200);
    expect(proposed.result.headers.get("etag")).toBe(`"v${tag.version + 1}"`);
    const body = (await proposed.result.json()) as { data: { version: number; verdicts: { state: string }[]; article: Record<string, unknown> } };
    expect(body.data.version).toBe(tag.version + 1);
    expect(body.data.verdicts[0]!.state).toBe("PROPOSED");
    expect(body.data.article).not.toHaveProperty("text");
    // The write: the claim with its counts, the scale and the audit head, the verdict, the status
    // change, one INSERT of both audit events (and PostgreSQL's chain lock).
    const response = afterWrite(proposed.statements);
    const write = stepStatements(proposed.statements).slice(0, -response.length);
    expect(write.length, write.join("\n")).toBeLessThanOrEqual(4 + LOCK);
    // The body (the claim as GET shows it, with the scale the write read and no name query when only
    // the actor is named): no article text, no comments, no history.
    expect(response.length, response.join("\n")).toBeLessThanOrEqual(4);
    expect(response.join("\n")).not.toMatch(/[`"](Comment|AuditEvent|Setting|User)[`"]|[`"]Article[`"]\.[`"]text[`"]/);
  });
});
