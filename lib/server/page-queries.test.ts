import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseClaimListView } from "@/lib/validation/claim-sort";
import { listArticleOptions } from "./articles";
import { listSortedClaimPage } from "./claim-sorting";
import { getClaimDetail } from "./claim-detail/get-claim-detail";
import { assignClaim } from "./claim/assign-claim";
import { isEditor, type Actor } from "./permissions";
import { readVerdictScale } from "./settings";
import { listAssignableUsers } from "./users";
import { observeDirectReads } from "./direct-read";
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

/** An editor and a reviewer on a desk grown by one article, and the list views the tests read (role, URL parameters). */
async function deskWithListViews() {
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
  return { editor, reviewer, tag, views };
}

describe("the claims page and the claim page read a constant number of statements", () => {
  it("the claims list's loader sends as many statements on a larger desk, for each filter and role", async () => {
    const { editor, reviewer, tag, views } = await deskWithListViews();
    const small = [];
    for (const [actor, params] of views) small.push(await countQueries(() => loadClaimsPage(actor, params)));
    await growDesk(editor, reviewer, 4, `${tag} harbour`);
    for (const [i, [actor, params]] of views.entries()) {
      const large = await countQueries(() => loadClaimsPage(actor, params));
      const label = `${actor.role} ${JSON.stringify(params)}`;
      // As many rows or more (a page holds at most 200), from a desk that grew.
      expect(large.result[0].claims.length, label).toBeGreaterThanOrEqual(small[i]!.result[0].claims.length);
      expect(large.result[0].claims.length, label).toBeGreaterThan(0);
      // The same statements but for the capped count, which the page sends only when its rows fill more
      // than a page: the desk the suite's other files share may cross 200 rows while this test grows it.
      const withoutCount = (r: { statements: string[] }) => r.statements.filter((s) => !/\bCOUNT\(/i.test(s)).length;
      expect(withoutCount(large), label).toBe(withoutCount(small[i]!));
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

  it("the claims list reads its rows, the filters' options, the people, the scale and a reviewer's scope on the driver, not through Prisma", async () => {
    const { views, reviewer } = await deskWithListViews();
    views.push([reviewer, { sort: "changed" }]);
    for (const [actor, params] of views) {
      const label = `${actor.role} ${JSON.stringify(params)}`;
      const direct: string[] = [];
      const stop = observeDirectReads((sql) => direct.push(sql));
      let counted;
      try {
        counted = await countQueries(() => loadClaimsPage(actor, params));
      } finally {
        stop();
      }
      expect(counted.result[0].claims.length, label).toBeGreaterThan(0);
      const readOnDriver = (pattern: RegExp) => direct.some((sql) => pattern.test(sql));
      // The page's rows with their article, assignee and current verdicts (claim-list-rows.ts).
      expect(readOnDriver(/ROW_NUMBER\(\) OVER/), `${label}: list rows`).toBe(true);
      expect(readOnDriver(/SELECT a\."id", a\."title" FROM "Article" a/), `${label}: article options`).toBe(true);
      expect(readOnDriver(/FROM "Setting" s WHERE s\."key" = 'verdictScale'/), `${label}: verdict scale`).toBe(true);
      expect(readOnDriver(/FROM "User" u WHERE u\."active" = TRUE/), `${label}: assignable people`).toBe(isEditor(actor));
      expect(readOnDriver(/FROM "ClaimReviewer" r WHERE r\."userId" =/), `${label}: reviewer scope`).toBe(!isEditor(actor));
      // Through Prisma only what the list's filters build as a query (the keys, the capped count, the search).
      expect(counted.queries - direct.length, `${label}: ${counted.statements.join("\n")}`).toBeLessThanOrEqual(3);
    }
  });
});
