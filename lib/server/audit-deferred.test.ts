import { describe, expect, it } from "vitest";
import { POST as addEvidenceRoute } from "@/app/api/v1/claims/[claimId]/evidence/route";
import { importArticle } from "./articles";
import { appendAuditEvent, appendAuditEvents, verifyAuditChain, type AuditInput } from "./audit";
import { assignClaim } from "./claim/assign-claim";
import { proposeVerdict } from "./claim/propose-verdict";
import { addComment } from "./comments";
import { getDb } from "./db";
import { DEMO_ARTICLES, readDemoArticle } from "./seed/demo-data";
import { apiRequest, makeApiToken, routeParams } from "./testing/api";
import { makeArticle, makeAssignedClaim, makeEvidence, makeUser } from "./testing/factories";
import { inTransaction } from "./transaction";

/** The newest event's id and how many events there are. */
async function chainEnd(): Promise<{ lastId: number; count: number }> {
  const db = await getDb();
  const [last, count] = await Promise.all([db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }), db.auditEvent.count()]);
  return { lastId: last?.id ?? 0, count };
}

const probe = (actorId: string, n: number): AuditInput => ({ actorId, action: "test.deferred", entityType: "Setting", entityId: `probe-${n}` });

describe("the audit events a step defers to its commit", () => {
  it("are never written when the step fails, however many it appended (single appends and batches past 500)", async () => {
    const editor = await makeUser("EDITOR");
    const before = await chainEnd();
    await expect(
      inTransaction(async (tx) => {
        await appendAuditEvent(tx, probe(editor.id, 0));
        await appendAuditEvents(tx, Array.from({ length: 1201 }, (_, i) => probe(editor.id, i + 1)));
        await appendAuditEvent(tx, probe(editor.id, 1202));
        throw new Error("the step fails after its appends");
      }),
    ).rejects.toThrow("the step fails after its appends");
    expect(await chainEnd()).toEqual(before);
    const db = await getDb();
    expect(await db.auditEvent.count({ where: { action: "test.deferred", actorId: editor.id } })).toBe(0);
    // The next step links to the head the failed one never moved.
    await inTransaction(async (tx) => appendAuditEvents(tx, Array.from({ length: 1203 }, (_, i) => probe(editor.id, i))));
    const after = await chainEnd();
    expect(after.count - before.count).toBe(1203);
    // One step's events have consecutive ids, in the order appended.
    const written = await db.auditEvent.findMany({ where: { action: "test.deferred", actorId: editor.id }, orderBy: { id: "asc" }, select: { id: true, entityId: true } });
    expect(written.map((e) => e.entityId)).toEqual(Array.from({ length: 1203 }, (_, i) => `probe-${i}`));
    expect(written.at(-1)!.id - written[0]!.id).toBe(1202);
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("keep the chain whole under concurrent REST writes, page steps, refused steps and imports", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const other = await makeUser("REVIEWER");
    const token = await makeApiToken(admin, reviewer, "WRITE");
    const claims = await Promise.all(Array.from({ length: 3 }, () => makeAssignedClaim(editor, reviewer).then((r) => r.claim)));
    const { claims: fresh } = await makeArticle(editor);
    const tag = `Deferred ${Date.now()}`;
    const before = await chainEnd();
    const outcomes = await Promise.allSettled([
      // REST: evidence through the route handler (token origin recorded in the event).
      ...claims.map((c) =>
        addEvidenceRoute(
          apiRequest("POST", `/api/v1/claims/${c.id}/evidence`, { token: token.secret, body: { url: "https://example.org/rest", title: "REST", publisher: "Example", quote: "Quoted.", stance: "SUPPORTS" } }),
          routeParams({ claimId: c.id }),
        ).then((r) => {
          if (r.status !== 201) throw new Error(`REST evidence answered ${r.status}`);
        }),
      ),
      // Page steps: evidence, comments, a proposal.
      ...claims.map((c) => makeEvidence(reviewer, c.id)),
      ...claims.map((c) => addComment(reviewer, { claimId: c.id, body: `Checking ${c.id}.` })),
      // Refused (stale version): rolls back with whatever it appended.
      proposeVerdict(reviewer, { claimId: claims[0]!.id, expectedVersion: claims[0]!.version - 1, rating: "FALSE", rationale: "Stale." }),
      // Assignments of fresh claims and two imports of the same story (matches: one INSERT of several events).
      ...fresh.slice(0, 2).map((c) => assignClaim(editor, { claimId: c.id, assigneeId: other.id, priority: "NORMAL", dueAt: undefined, expectedVersion: c.version })),
      ...[0, 1].map((i) =>
        importArticle(editor, { title: DEMO_ARTICLES[i]!.title, outlet: DEMO_ARTICLES[i]!.outlet, author: undefined, publishedAt: undefined, text: `${tag}\n\n${readDemoArticle(DEMO_ARTICLES[i]!.file)}` }),
      ),
    ]);
    const refused = outcomes.filter((o) => o.status === "rejected");
    expect(refused).toHaveLength(1);
    expect(String((refused[0] as PromiseRejectedResult).reason)).toMatch(/changed since you opened it/i);
    const after = await chainEnd();
    expect(after.count).toBeGreaterThan(before.count);
    // No gaps: ids are consecutive from the head the writers started from (a rolled-back insert would leave one on PostgreSQL).
    expect(after.lastId - before.lastId).toBe(after.count - before.count);
    const db = await getDb();
    expect(await db.auditEvent.count({ where: { id: { gt: before.lastId }, action: "claim.match" } })).toBeGreaterThan(0);
    // The three REST steps' evidence events carry the token (each step also moved its claim into review).
    expect(await db.auditEvent.count({ where: { id: { gt: before.lastId }, tokenId: token.id, action: "evidence.add" } })).toBe(3);
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});
