import { describe, expect, it } from "vitest";
import type { ClaimListCursor } from "@/lib/domain/claim-cursor";
import type { ClaimListFilter } from "@/lib/validation/claims";
import { assignClaim } from "./claim/assign-claim";
import { countClaims } from "./claim/count-claims";
import { listClaimPage } from "./claim/list-claim-page";
import { listClaims } from "./claim/list-claims";
import { getDb } from "./db";
import type { Actor } from "./permissions";
import { countQueries } from "./testing/query-counter";
import { makeArticle, makeUser } from "./testing/factories";

/** More pages than a list of this size could ever need: reaching it means paging looped. */
const MAX_PAGES = 50;

/** Follows "Next" from the first page to the last, as the claims page's links do. */
async function collectPages(actor: Actor, filter: ClaimListFilter, size: number) {
  const pages: { ids: string[]; first: number | null; total: number }[] = [];
  let after: ClaimListCursor | undefined;
  do {
    const page = await listClaimPage(actor, filter, { size, after });
    pages.push({ ids: page.claims.map((c) => c.id), first: page.first, total: page.total });
    after = page.next ?? undefined;
  } while (after && pages.length < MAX_PAGES);
  expect(pages.length).toBeLessThan(MAX_PAGES);
  return { pages, ids: pages.flatMap((p) => p.ids) };
}

/** The list's order worked out here: newest change first, then the larger id. */
function sortByListOrder<T extends { id: string; updatedAt: Date }>(rows: T[]): string[] {
  return [...rows]
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((r) => r.id);
}

describe("claims page paging", () => {
  it("returns every claim exactly once, in order, with equal change times ordered by id", async () => {
    const editor = await makeUser("EDITOR");
    const { id: articleId, claims } = await makeArticle(editor);
    expect(claims.length).toBeGreaterThanOrEqual(4);
    // Ties: two claims share one instant, the others another, so pages break inside a tie.
    const db = await getDb();
    const [tieA, tieB] = [new Date("2026-01-02T03:04:05.678Z"), new Date("2026-01-01T00:00:00.000Z")];
    const half = Math.ceil(claims.length / 2);
    await db.claim.updateMany({ where: { id: { in: claims.slice(0, half).map((c) => c.id) } }, data: { updatedAt: tieA } });
    await db.claim.updateMany({ where: { id: { in: claims.slice(half).map((c) => c.id) } }, data: { updatedAt: tieB } });
    const stored = await db.claim.findMany({ where: { articleId }, select: { id: true, updatedAt: true } });
    expect(new Set(stored.map((c) => c.updatedAt.getTime()))).toEqual(new Set([tieA.getTime(), tieB.getTime()]));

    // A first page that holds every claim (not full) gives the exact total without a count.
    for (const size of [1, 2, 3, claims.length, claims.length + 5]) {
      const { pages, ids } = await collectPages(editor, { articleId }, size);
      expect(ids).toEqual(sortByListOrder(stored));
      expect(pages).toHaveLength(Math.ceil(claims.length / size));
      expect(pages.map((p) => p.first)).toEqual(pages.map((_, i) => i * size + 1));
      expect(pages.every((p) => p.total === claims.length)).toBe(true);
    }
    // The whole list in one read agrees with the pages.
    expect((await listClaims(editor, { articleId })).map((c) => c.id)).toEqual(sortByListOrder(stored));
  });

  it("applies the filters on every page, and a reviewer pages through their own claims only", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const other = await makeUser("REVIEWER");
    const { id: articleId, claims } = await makeArticle(editor);
    const { claims: moreClaims } = await makeArticle(editor);
    const mine = [...claims.slice(0, 3), ...moreClaims.slice(0, 2)];
    const theirs = [...claims.slice(3), ...moreClaims.slice(2)];
    for (const [claim, assignee] of [...mine.map((c) => [c, reviewer] as const), ...theirs.map((c) => [c, other] as const)]) {
      await assignClaim(editor, { claimId: claim.id, assigneeId: assignee.id, priority: "HIGH", dueAt: undefined, expectedVersion: claim.version });
    }

    const own = await collectPages(reviewer, {}, 2);
    expect([...own.ids].sort()).toEqual(mine.map((c) => c.id).sort());
    expect(new Set(own.ids).size).toBe(own.ids.length);
    expect(own.pages.every((p) => p.total === mine.length)).toBe(true);
    // A filter naming the other reviewer does not widen what this one sees.
    expect((await collectPages(reviewer, { assigneeId: other.id }, 2)).ids).toEqual([]);

    const filtered = await collectPages(editor, { articleId, assigneeId: reviewer.id }, 1);
    expect([...filtered.ids].sort()).toEqual(claims.slice(0, 3).map((c) => c.id).sort());
    expect(filtered.pages.map((p) => p.first)).toEqual([1, 2, 3]);
    const byPriority = await collectPages(editor, { articleId, priority: "HIGH" }, 2);
    expect([...byPriority.ids].sort()).toEqual(claims.map((c) => c.id).sort());
    expect((await collectPages(editor, { articleId, priority: "LOW" }, 2)).ids).toEqual([]);
  });

  it("never loops or skips an unchanged claim when others are edited while paging", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { id: articleId, claims } = await makeArticle(editor);
    expect(claims.length).toBeGreaterThanOrEqual(4);
    const db = await getDb();
    // Distinct change times in the past, so an edit now moves a claim to the top.
    for (const [i, claim] of claims.entries()) {
      await db.claim.update({ where: { id: claim.id }, data: { updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)) } });
    }
    // Page by page; after the first page, one claim already seen and one still ahead are edited.
    const first = await listClaimPage(editor, { articleId }, { size: 2 });
    const seen = first.claims.map((c) => c.id);
    const ahead = claims.find((c) => !seen.includes(c.id))!;
    for (const claim of [claims.find((c) => c.id === seen[0])!, ahead]) {
      const current = await db.claim.findUniqueOrThrow({ where: { id: claim.id } });
      await assignClaim(editor, { claimId: claim.id, assigneeId: reviewer.id, priority: "HIGH", dueAt: undefined, expectedVersion: current.version });
    }
    const rest: string[] = [];
    let after = first.next ?? undefined;
    for (let i = 0; after && i < MAX_PAGES; i++) {
      const page = await listClaimPage(editor, { articleId }, { size: 2, after });
      rest.push(...page.claims.map((c) => c.id));
      after = page.next ?? undefined;
    }
    expect(after).toBeUndefined();
    const unchanged = claims.map((c) => c.id).filter((id) => id !== seen[0] && id !== ahead.id);
    // Every unchanged claim exactly once; the edited ones moved to the top and are not met again.
    expect([...seen, ...rest].filter((id) => unchanged.includes(id)).sort()).toEqual([...unchanged].sort());
    expect(new Set([...seen, ...rest]).size).toBe(seen.length + rest.length);
    expect(rest).not.toContain(ahead.id);
    expect(rest).not.toContain(seen[0]);
    expect((await listClaimPage(editor, { articleId }, { size: 2 })).claims.map((c) => c.id).sort()).toEqual([seen[0], ahead.id].sort());
  });

  it("stops counting at the count limit and says so, keeping positions within it", async () => {
    const editor = await makeUser("EDITOR");
    const { id: articleId, claims } = await makeArticle(editor);
    expect(claims.length).toBeGreaterThan(3);
    const first = await listClaimPage(editor, { articleId }, { size: 1, countLimit: 2 });
    expect(first).toMatchObject({ total: 2, totalIsAtLeast: true, first: 1 });
    const second = await listClaimPage(editor, { articleId }, { size: 1, after: first.next!, countLimit: 2 });
    expect(second).toMatchObject({ total: 2, totalIsAtLeast: true, first: 2 });
    const third = await listClaimPage(editor, { articleId }, { size: 1, after: second.next!, countLimit: 2 });
    expect(third).toMatchObject({ first: 3 });
    const fourth = await listClaimPage(editor, { articleId }, { size: 1, after: third.next!, countLimit: 2 });
    // Past the limit the position is not counted any more.
    expect(fourth.first).toBeNull();
    expect(await countClaims(editor, { articleId }, new Date(), undefined, 2)).toBe(3);
    const exact = await listClaimPage(editor, { articleId }, { size: 1 });
    expect(exact).toMatchObject({ total: claims.length, totalIsAtLeast: false });
  });

  it("reads a later page with the same number of queries as the first (no N+1)", async () => {
    const editor = await makeUser("EDITOR");
    const { id: articleId } = await makeArticle(editor);
    const firstPage = await countQueries(() => listClaimPage(editor, { articleId }, { size: 1 }));
    const secondPage = await countQueries(() => listClaimPage(editor, { articleId }, { size: 1, after: firstPage.result.next ?? undefined }));
    expect(secondPage.result.first).toBe(2);
    // A later page adds one count (the rows still ahead, for "Showing 2–2 of n"), nothing per row.
    expect(secondPage.queries).toBe(firstPage.queries + 1);
    const bigger = await countQueries(() => listClaimPage(editor, { articleId }, { size: 3, after: firstPage.result.next ?? undefined }));
    expect(bigger.queries).toBe(secondPage.queries);
  });
});
