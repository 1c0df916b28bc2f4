import { describe, expect, it } from "vitest";
import { getApiClaim, listClaimsPage } from "./api-claims";
import { importArticle, listArticleOptions, listArticles } from "./articles";
import { listSortedClaimPage } from "./claim-sorting";
import { getClaimDetail } from "./claim-detail/get-claim-detail";
import { assignClaim } from "./claim/assign-claim";
import { getDb } from "./db";
import { countUnreadNotifications, listNotifications } from "./notifications";
import { makeDoubleReviewClaim, makeUser, proposeWithEvidence } from "./testing/factories";
import { apiClaimSchema } from "@/lib/validation/api";

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

  it("give dates as instants (Date objects, ISO 8601 in the API's JSON) and numbers as numbers on both databases", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const publishedAt = new Date("2026-03-04T05:06:07.089Z");
    const dueAt = new Date("2026-12-24T17:00:00.000Z");
    const { id: articleId } = await importArticle(editor, {
      title: `Dated ${Date.now()}`,
      outlet: "Test Outlet",
      author: undefined,
      publishedAt,
      text: `Dated report ${Date.now()}. Unemployment fell to 3.5 percent last year, the lowest rate in five decades, according to the Labor Department.`,
    });
    const db = await getDb();
    const suggested = await db.claim.findFirstOrThrow({ where: { articleId } });
    await db.claim.update({ where: { id: suggested.id }, data: { status: "NEW" } });
    const claim = await assignClaim(editor, { claimId: suggested.id, assigneeId: reviewer.id, priority: "HIGH", dueAt, expectedVersion: suggested.version });
    const stored = await db.claim.findUniqueOrThrow({ where: { id: claim.id } });
    const api = await getApiClaim(reviewer, claim.id);
    // The response schema (ISO 8601 date-times) and the exact instants, through JSON as the route sends it.
    const json = JSON.parse(JSON.stringify(api));
    expect(apiClaimSchema.safeParse(json).success).toBe(true);
    expect(json).toMatchObject({ dueAt: dueAt.toISOString(), createdAt: stored.createdAt.toISOString(), updatedAt: stored.updatedAt.toISOString(), version: stored.version });
    expect(json.article.publishedAt).toBe(publishedAt.toISOString());
    expect(typeof json.checkworthiness).toBe("number");
    const detail = await getClaimDetail(reviewer, claim.id);
    expect(detail.claim.article.publishedAt).toEqual(publishedAt);
    expect(detail.claim.dueAt).toEqual(dueAt);
    expect(detail.claim.clusterConfirmed).toBe(false);
    const row = (await listSortedClaimPage(reviewer, { articleId }, { sort: "due", size: 10 })).claims.find((c) => c.id === claim.id)!;
    expect([row.dueAt, row.createdAt, row.version, typeof row.checkworthiness]).toEqual([dueAt, stored.createdAt, stored.version, "number"]);
    const listed = (await listArticles(reviewer)).find((x) => x.id === articleId)!;
    expect(listed.publishedAt).toEqual(publishedAt);
    expect(listed._count.claims).toBe(1);
  });
});
