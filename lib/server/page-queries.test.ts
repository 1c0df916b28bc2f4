import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseClaimListView } from "@/lib/validation/claim-sort";
import { listArticleOptions } from "./articles";
import { listSortedClaimPage } from "./claim-sorting";
import { assignClaim, getClaimDetail } from "./claims";
import { isEditor, type Actor } from "./permissions";
import { readVerdictScale } from "./settings";
import { listAssignableUsers } from "./users";
import { countQueries } from "./testing/query-counter";
import { makeArticle, makeAssignedClaim, makeClaimWithText, makeUser } from "./testing/factories";

/** What app/claims/page.tsx reads for one view (the same calls, in the same way). */
function loadClaimsPage(actor: Actor, params: Record<string, string>) {
  const editor = isEditor(actor);
  const { filter, sort, after } = parseClaimListView(params, editor);
  return Promise.all([
    listSortedClaimPage(actor, filter, { sort, size: 200, after }),
    editor ? listAssignableUsers(actor) : Promise.resolve([]),
    listArticleOptions(actor),
    readVerdictScale(actor),
  ]);
}

/** Grows the desk by `articles` articles (their suggested claims accepted) and assigns some claims to `reviewer`. */
async function growDesk(editor: Actor, reviewer: Actor, articles: number, words: string) {
  for (let i = 0; i < articles; i++) {
    const article = await makeArticle(editor);
    for (const claim of article.claims.slice(0, 2)) {
      await assignClaim(editor, { claimId: claim.id, assigneeId: reviewer.id, priority: "HIGH", dueAt: undefined, expectedVersion: claim.version });
    }
    await makeClaimWithText(editor, `${words} number ${i} was reported`);
  }
}

describe("the claims page and the claim page read a constant number of statements", () => {
  it("the claims list's loader sends as many statements on a larger desk, for each filter and role", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const tag = `t${randomUUID().slice(0, 8)}`;
    await growDesk(editor, reviewer, 1, `${tag} harbour`);
    const views: [Actor, Record<string, string>][] = [
      [editor, {}],
      [editor, { status: "ASSIGNED", assigneeId: reviewer.id }],
      [editor, { q: `${tag} harbour` }],
      [reviewer, {}],
      [reviewer, { q: "missiles" }],
    ];
    const small = [];
    for (const [actor, params] of views) small.push(await countQueries(() => loadClaimsPage(actor, params)));
    await growDesk(editor, reviewer, 4, `${tag} harbour`);
    for (const [i, [actor, params]] of views.entries()) {
      const large = await countQueries(() => loadClaimsPage(actor, params));
      const label = `${actor.role} ${JSON.stringify(params)}`;
      // As many rows or more (a page holds at most 200), from a desk that grew.
      expect(large.result[0].claims.length, label).toBeGreaterThanOrEqual(small[i]!.result[0].claims.length);
      expect(large.result[0].claims.length, label).toBeGreaterThan(0);
      expect(large.queries, label).toBe(small[i]!.queries);
      // The most: a reviewer's default order (due date) reads its two buckets, each with the rows' relations.
      expect(large.queries, label).toBeLessThanOrEqual(11);
      // No count over the desk beyond the capped one, and no count per article for the dropdown.
      expect(large.statements.filter((s) => /\bCOUNT\(/i.test(s)).length, label).toBeLessThanOrEqual(1);
      expect(large.statements.join("\n"), label).not.toMatch(/_count\$Article|GROUP BY\s+[`"]?(main[`"]\.)?[`"]?Claim[`"]?\.[`"]?articleId/i);
    }
  });

  it("the claim page's loader sends at most 8 statements, as many on a larger desk", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const small = await countQueries(() => getClaimDetail(editor, claim.id));
    const smallAsReviewer = await countQueries(() => getClaimDetail(reviewer, claim.id));
    await growDesk(editor, reviewer, 3, `t${randomUUID().slice(0, 8)} lake`);
    for (let i = 0; i < 3; i++) await makeUser("REVIEWER");
    const large = await countQueries(() => getClaimDetail(editor, claim.id));
    const largeAsReviewer = await countQueries(() => getClaimDetail(reviewer, claim.id));
    expect(large.queries).toBe(small.queries);
    expect(largeAsReviewer.queries).toBe(smallAsReviewer.queries);
    expect(large.queries, large.statements.join("\n")).toBeLessThanOrEqual(8);
    expect(largeAsReviewer.queries).toBeLessThanOrEqual(8);
    // The claim is read once (no second read for the @mention candidates).
    // (Prisma's form names the table in its columns; the hand-written read selects from "Claim" c.)
    expect(large.statements.filter((s) => /^\s*select\s+(?:[`"]main[`"]|"public")\.[`"]Claim[`"]\.|\bfrom\s+"Claim"\s+c\b/i.test(s))).toHaveLength(1);
  });
});
