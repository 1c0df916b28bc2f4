import { describe, expect, it } from "vitest";
import { getClaimDetail } from "./claim-detail/get-claim-detail";
import { getDb } from "./db";
import { addComment } from "./comments";
import { countQueries } from "./testing/query-counter";
import { makeAssignedClaim, makeDoubleReviewClaim, makeEvidence, makeUser } from "./testing/factories";

describe("the claim page's reads", () => {
  it("take the same small number of statements however much the claim holds, and name every person", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const empty = await countQueries(() => getClaimDetail(editor, claim.id));
    for (let i = 0; i < 3; i++) await makeEvidence(reviewer, claim.id, { url: `https://example.org/source-${i}` });
    await addComment(editor, { claimId: claim.id, body: "Please check the second source." });
    await addComment(reviewer, { claimId: claim.id, body: "On it." });
    const full = await countQueries(() => getClaimDetail(editor, claim.id));
    expect(full.queries).toBe(empty.queries);
    expect(full.queries, full.statements.join("\n")).toBeLessThanOrEqual(8);
    const detail = full.result;
    expect(detail.claim.evidence).toHaveLength(3);
    expect(detail.claim.evidence.every((e) => e.addedBy.name === reviewer.name)).toBe(true);
    expect(detail.comments.map((c) => c.author.name)).toEqual([editor.name, reviewer.name]);
    expect(detail.claim.assignee?.name).toBe(reviewer.name);
    expect(detail.history.some((h) => h.actor?.name === editor.name)).toBe(true);
    // @mention candidates and assignable people come from the same read of the desk's users.
    expect(detail.mentionCandidates.map((u) => u.id)).toContain(reviewer.id);
    expect(detail.mentionCandidates.map((u) => u.id)).not.toContain(editor.id);
    expect(detail.assignable.map((u) => u.id)).toEqual(expect.arrayContaining([reviewer.id, editor.id]));
    const asReviewer = await getClaimDetail(reviewer, claim.id);
    expect(asReviewer.assignable).toEqual([]);
  });

  it("on a double review, blind or not, stays within 8 statements and hides the other reviewer from @mentions", async () => {
    const editor = await makeUser("EDITOR");
    const first = await makeUser("REVIEWER");
    const second = await makeUser("REVIEWER");
    const { claim } = await makeDoubleReviewClaim(editor, first, second);
    const { result, queries, statements } = await countQueries(() => getClaimDetail(first, claim.id));
    expect(result.blind).toBe(true);
    expect(queries, statements.join("\n")).toBeLessThanOrEqual(8);
    expect(result.mentionCandidates.map((u) => u.id)).not.toContain(second.id);
    expect(result.mentionCandidates.map((u) => u.id)).toContain(editor.id);
    const asEditor = await countQueries(() => getClaimDetail(editor, claim.id));
    expect(asEditor.result.blind).toBe(false);
    expect(asEditor.queries, asEditor.statements.join("\n")).toBeLessThanOrEqual(8);
    expect(asEditor.result.claim.reviewers.map((r) => [r.slot, r.user.name])).toEqual([
      [1, first.name],
      [2, second.name],
    ]);
  });

  it("reads, by hand-written SQL, the same rows with the same types as Prisma's own queries", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    await makeEvidence(reviewer, claim.id, { url: "https://example.org/typed" });
    await addComment(reviewer, { claimId: claim.id, body: "Typed." });
    const detail = await getClaimDetail(editor, claim.id);
    const db = await getDb();
    const strip = <T extends object>(rows: T[], keys: string[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k))));
    expect(strip(detail.claim.evidence, ["addedBy"])).toEqual(await db.evidence.findMany({ where: { claimId: claim.id, deletedAt: null }, orderBy: { createdAt: "asc" } }));
    expect(strip(detail.comments, ["author"])).toEqual(await db.comment.findMany({ where: { claimId: claim.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }));
    expect(strip(detail.history, ["actor", "via"])).toEqual(await db.auditEvent.findMany({ where: { claimId: claim.id }, orderBy: { id: "asc" } }));
    const { article, assignee, reviewers, evidence, verdicts, ...claimRow } = detail.claim;
    expect(claimRow).toEqual(await db.claim.findUnique({ where: { id: claim.id } }));
    expect(article).toEqual(await db.article.findUnique({ where: { id: claim.articleId }, select: { id: true, title: true, outlet: true, author: true, url: true, publishedAt: true, text: true } }));
    expect([assignee?.id, reviewers, evidence.length, verdicts]).toEqual([reviewer.id, [], 1, []]);
    expect(detail.claim.evidence[0]!.createdAt).toBeInstanceOf(Date);
    expect(detail.claim.article.publishedAt === null || detail.claim.article.publishedAt instanceof Date).toBe(true);
  });
});
