import { describe, expect, it } from "vitest";
import { listArticleOptions, listArticles } from "./articles";
import { assignClaim } from "./claim/assign-claim";
import { makeArticle, makeAssignedClaim, makeDoubleReviewClaim, makeUser } from "./testing/factories";

describe("a reviewer's article lists", () => {
  it("hold the articles with a claim assigned to them or one they double-review, each claim counted once", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const other = await makeUser("REVIEWER");
    // Two claims of one article assigned to the reviewer.
    const assigned = await makeArticle(editor);
    expect(assigned.claims.length).toBeGreaterThanOrEqual(2);
    for (const claim of assigned.claims.slice(0, 2)) {
      await assignClaim(editor, { claimId: claim.id, assigneeId: reviewer.id, priority: "NORMAL", dueAt: undefined, expectedVersion: claim.version });
    }
    // A claim where they are the second reviewer only, and one where they are both assignee and listed reviewer.
    const reviewing = await makeDoubleReviewClaim(editor, other, reviewer);
    const both = await makeDoubleReviewClaim(editor, reviewer, other);
    // An article of someone else's claim only: never listed.
    const foreign = await makeAssignedClaim(editor, other);

    const listed = await listArticles(reviewer);
    const counts = Object.fromEntries(listed.map((a) => [a.id, a._count.claims]));
    expect(counts).toEqual({ [assigned.id]: 2, [reviewing.article.id]: 1, [both.article.id]: 1 });
    // Newest import first, with the columns the articles page shows.
    expect(listed.map((a) => a.id)).toEqual([both.article.id, reviewing.article.id, assigned.id]);
    expect(listed.every((a) => a.title && a.importedAt instanceof Date)).toBe(true);

    const options = await listArticleOptions(reviewer);
    expect(options.map((a) => a.id)).toEqual([both.article.id, reviewing.article.id, assigned.id]);
    expect(options.map((a) => a.id)).not.toContain(foreign.article.id);
    // Editors see every article, each with all its claims.
    const all = await listArticles(editor);
    expect(all.map((a) => a.id)).toEqual(expect.arrayContaining([assigned.id, foreign.article.id]));
  });
});
