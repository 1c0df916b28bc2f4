import { describe, expect, it } from "vitest";
import { CLAIM_SORTS } from "@/lib/domain/claim-sort";
import { listSortedClaimPage } from "./claim-sorting";
import { countClaims } from "./claim/count-claims";
import { listClaims } from "./claim/list-claims";
import { resolveReviewerScope } from "./claim/resolve-reviewer-scope";
import { countQueries } from "./testing/query-counter";
import { makeAssignedClaim, makeDoubleReviewClaim, makeUser } from "./testing/factories";

/** Statements of a list view that select claims (the keys and the count), not the scope read or the rows read. */
const selecting = (statements: string[]) => statements.filter((s) => /\bFROM\s+[`"]?(main|public)?[`"]?\.?[`"]Claim[`"]/i.test(s) && !/ROW_NUMBER/i.test(s));

describe("a reviewer's claims list reads their claims through the assignee's indexes", () => {
  it("lists the claims assigned to them and those they review second, in every order, and no one else's", async () => {
    const editor = await makeUser("EDITOR");
    const riley = await makeUser("REVIEWER");
    const sam = await makeUser("REVIEWER");
    const other = await makeUser("REVIEWER");
    const { article, claim: shared } = await makeDoubleReviewClaim(editor, riley, sam);
    const { claim: own } = await makeAssignedClaim(editor, sam);
    const { claim: theirs } = await makeAssignedClaim(editor, other);

    expect(await resolveReviewerScope(editor)).toBeNull();
    expect(await resolveReviewerScope(sam)).toEqual({ shared: [shared.id] });
    // The first reviewer is the assignee (their ClaimReviewer row, if any, names the same claim).
    expect((await resolveReviewerScope(riley))!.shared.every((id) => id === shared.id)).toBe(true);
    expect(await resolveReviewerScope(other)).toEqual({ shared: [] });

    for (const sort of CLAIM_SORTS.filter((s) => s !== "relevance")) {
      const seen = (await listSortedClaimPage(sam, {}, { sort, size: 200 })).claims.map((c) => c.id);
      expect(seen, sort).toEqual(expect.arrayContaining([shared.id, own.id]));
      expect(seen, sort).not.toContain(theirs.id);
      expect((await listSortedClaimPage(riley, { articleId: article.id }, { sort, size: 200 })).claims.map((c) => c.id), sort).toEqual([shared.id]);
    }
    // The same rule with or without the scope.
    const scope = await resolveReviewerScope(sam);
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
    expect(ids(await listClaims(sam, {}, { scope }))).toEqual(ids(await listClaims(sam, {})));
    expect(await countClaims(sam, {}, new Date(), undefined, 1000, null, scope)).toBe(await countClaims(sam, {}));
  });

  it("never asks the database for a correlated look-up in ClaimReviewer per claim", async () => {
    const editor = await makeUser("EDITOR");
    const riley = await makeUser("REVIEWER");
    const sam = await makeUser("REVIEWER");
    await makeDoubleReviewClaim(editor, riley, sam);
    await makeAssignedClaim(editor, sam);
    for (const actor of [riley, sam]) {
      for (const sort of ["due", "changed", "status"] as const) {
        // size 1: the first page is full, so the count runs too.
        const { statements } = await countQueries(() => listSortedClaimPage(actor, {}, { sort, size: 1 }));
        const reads = selecting(statements);
        expect(reads.length, `${sort}: ${statements.join("\n")}`).toBeGreaterThan(0);
        expect(reads.filter((s) => /ClaimReviewer/.test(s)), sort).toEqual([]);
      }
    }
  });
});
