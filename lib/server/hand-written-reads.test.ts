import { describe, expect, it } from "vitest";
import { getApiClaim, listClaimsPage } from "./api-claims";
import { listArticleOptions, listArticles } from "./articles";
import { listSortedClaimPage } from "./claim-sorting";
import { assignClaim, getClaimDetail } from "./claims";
import { getDb } from "./db";
import { countUnreadNotifications, listNotifications } from "./notifications";
import { makeDoubleReviewClaim, makeUser, proposeWithEvidence } from "./testing/factories";

/**
 * The reads issue 13 rewrote as hand-written SQL (claim page, list rows in every order, REST claim
 * and search, article lists, the header's count) keep the visibility rules: a reviewer sees only the
 * claims they review, and on a blind double review only their own verdict.
 */
describe("hand-written reads and visibility", () => {
  it("hide a claim from a reviewer who does not review it, on every hand-written read", async () => {
    const editor = await makeUser("EDITOR");
    const a = await makeUser("REVIEWER");
    const b = await makeUser("REVIEWER");
    const outsider = await makeUser("REVIEWER");
    const { article, claim } = await makeDoubleReviewClaim(editor, a, b);
    const db = await getDb();
    // A notification about the claim addressed to the outsider (as if left from an earlier assignment).
    await db.notification.create({ data: { userId: outsider.id, kind: "ASSIGNED", claimId: claim.id, actorId: editor.id } });
    const unread = await countUnreadNotifications(outsider);
    expect(unread).toBe(0);
    expect(await listNotifications(outsider)).toEqual([]);
    await expect(getClaimDetail(outsider, claim.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getApiClaim(outsider, claim.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const words = claim.text.split(/\s+/).slice(0, 4).join(" ");
    for (const actor of [outsider, a]) {
      const seen = actor === a;
      const api = await listClaimsPage(actor, { q: words, limit: 100 });
      expect(api.data.some((c) => c.id === claim.id), "REST search").toBe(seen);
      for (const sort of ["changed", "due", "priority", "status", "relevance"] as const) {
        const page = await listSortedClaimPage(actor, { q: words }, { sort, size: 100 });
        expect(page.claims.some((c) => c.id === claim.id), `list sorted by ${sort}`).toBe(seen);
      }
      expect((await listArticles(actor)).some((x) => x.id === article.id), "articles").toBe(seen);
      expect((await listArticleOptions(actor)).some((x) => x.id === article.id), "article options").toBe(seen);
    }
    // Once the outsider is made the assignee, the same notification counts.
    await assignClaim(editor, { claimId: claim.id, assigneeId: outsider.id, priority: "NORMAL", dueAt: undefined, expectedVersion: (await db.claim.findUniqueOrThrow({ where: { id: claim.id } })).version });
    expect(await countUnreadNotifications(outsider)).toBeGreaterThan(unread);
  });

  it("show a blind reviewer only their own verdict in every order of the list, the REST claim and the claim page", async () => {
    const editor = await makeUser("EDITOR");
    const a = await makeUser("REVIEWER");
    const b = await makeUser("REVIEWER");
    const { claim } = await makeDoubleReviewClaim(editor, a, b);
    await proposeWithEvidence(a, claim.id, "MOSTLY_TRUE");
    const words = claim.text.split(/\s+/).slice(0, 4).join(" ");
    for (const [actor, ratings] of [
      [a, ["MOSTLY_TRUE"]],
      [b, []],
    ] as const) {
      for (const sort of ["changed", "due", "priority", "status", "relevance"] as const) {
        const page = await listSortedClaimPage(actor, { q: words }, { sort, size: 100 });
        const row = page.claims.find((c) => c.id === claim.id);
        expect(row?.verdicts.map((v) => v.rating), `list sorted by ${sort}`).toEqual(ratings);
      }
      expect((await getApiClaim(actor, claim.id)).verdicts.map((v) => v.rating), "REST claim").toEqual(ratings);
      expect((await getClaimDetail(actor, claim.id)).claim.verdicts.map((v) => v.rating), "claim page").toEqual(ratings);
    }
  });
});
