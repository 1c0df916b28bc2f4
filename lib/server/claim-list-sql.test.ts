import { describe, expect, it } from "vitest";
import type { ClaimListFilter } from "@/lib/validation/claims";
import { assignClaim } from "./claim/assign-claim";
import { CLAIM_LIST_KEY, CLAIM_LIST_ORDER, claimListWhere, resolveSearch } from "./claim/claim-list-where";
import { countClaims } from "./claim/count-claims";
import { listClaims } from "./claim/list-claims";
import { resolveReviewerScope } from "./claim/resolve-reviewer-scope";
import { getDb } from "./db";
import type { Actor } from "./permissions";
import { makeArticle, makeUser, proposeWithEvidence } from "./testing/factories";

const DAY = 86_400_000;

/**
 * Filters that cover every pair of values of two fields (each field's values beside every other
 * field's, the rest left out), each value alone, no filter at all, and every combination with all
 * fields set: all two-way interactions at a tenth of the full product's cost.
 */
function pairwiseCombinations(fields: Record<string, string[]>): ClaimListFilter[] {
  const entries = Object.entries(fields);
  const out: Record<string, string>[] = [{}];
  entries.forEach(([key, values], i) => {
    for (const value of values) {
      out.push({ [key]: value });
      for (const [other, otherValues] of entries.slice(i + 1)) for (const second of otherValues) out.push({ [key]: value, [other]: second });
    }
  });
  let full: Record<string, string>[] = [{}];
  for (const [key, values] of entries) full = full.flatMap((partial) => values.map((value) => ({ ...partial, [key]: value })));
  return [...out, ...full] as ClaimListFilter[];
}

describe("the claim list's hand-written conditions (claimListSql) and Prisma's claimListWhere", () => {
  it("select the same keys, in the same order, and count the same, for every pair of filter values, every fully set filter, each reader and a cursor", async () => {
    const db = await getDb();
    const editor = await makeUser("EDITOR");
    const r1 = await makeUser("REVIEWER");
    const r2 = await makeUser("REVIEWER");
    const now = new Date();
    const { id: articleId, claims } = await makeArticle(editor);
    expect(claims.length).toBeGreaterThanOrEqual(4);
    const [a, b, c] = claims as [(typeof claims)[0], (typeof claims)[0], (typeof claims)[0]];
    await assignClaim(editor, { claimId: a.id, assigneeId: r1.id, priority: "HIGH", dueAt: new Date(now.getTime() - DAY), expectedVersion: a.version });
    await proposeWithEvidence(r1, a.id, "FALSE");
    // A blind double review: r2's verdict is hidden from r1 (verdict filters must not see it).
    await assignClaim(editor, { claimId: b.id, assigneeId: r1.id, secondReviewerId: r2.id, priority: "LOW", dueAt: new Date(now.getTime() + 2 * DAY), expectedVersion: b.version });
    await proposeWithEvidence(r2, b.id, "MISLEADING");
    await assignClaim(editor, { claimId: c.id, assigneeId: r1.id, priority: "HIGH", dueAt: new Date(now.getTime() + 30 * DAY), expectedVersion: c.version });
    await db.claim.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { claimant: "The Labor Department", claimantSearch: "the labor department" } });

    const readers: { name: string; actor: Actor; scoped: boolean }[] = [
      { name: "editor", actor: editor, scoped: false },
      // r1's scope names no shared claim, r2's names the double review; without a scope the rule is
      // visibleClaimSql's EXISTS on the double reviewers.
      { name: "reviewer with scope", actor: r1, scoped: true },
      { name: "second reviewer with scope", actor: r2, scoped: true },
      { name: "second reviewer without scope", actor: r2, scoped: false },
    ];
    const filters = pairwiseCombinations({
      status: ["ASSIGNED"],
      assigneeId: ["none", r1.id],
      priority: ["HIGH"],
      verdict: ["none", "FALSE", "MISLEADING"],
      due: ["overdue", "within"],
      q: ["unemployment"],
      claimant: ["labor"],
    });
    let compared = 0;
    let nonEmpty = 0;
    for (const { name, actor, scoped } of readers) {
      const scope = scoped ? await resolveReviewerScope(actor) : null;
      const searches = new Map<string | undefined, Awaited<ReturnType<typeof resolveSearch>>>();
      for (const q of [undefined, "unemployment"]) searches.set(q, await resolveSearch(actor, { q }));
      for (const unscoped of filters) {
        // Only this test's article: other tests' rows would only repeat the same cases.
        const filter = { ...unscoped, articleId };
        const search = searches.get(filter.q)!;
        const where = claimListWhere(actor, filter, now, search, scope);
        const expected = await db.claim.findMany({ where, select: CLAIM_LIST_KEY, orderBy: CLAIM_LIST_ORDER, take: 500 });
        const listed = await listClaims(actor, filter, { now, search, scope, take: 500 });
        const label = `${name} ${JSON.stringify(unscoped)}`;
        expect(listed.map((r) => r.id), label).toEqual(expected.map((r) => r.id));
        expect(listed.map((r) => r.updatedAt.getTime()), label).toEqual(expected.map((r) => r.updatedAt.getTime()));
        expect(await countClaims(actor, filter, now, undefined, 1000, search, scope), label).toBe(expected.length);
        compared++;
        if (expected.length >= 2) {
          nonEmpty++;
          // The keyset: the rows after the middle row, and the rows up to it (a page's position).
          const middle = expected[Math.floor(expected.length / 2)]!;
          const cursor = { updatedAt: middle.updatedAt, id: middle.id };
          const after = await db.claim.findMany({
            where: { AND: [where, { OR: [{ updatedAt: { lt: cursor.updatedAt } }, { updatedAt: cursor.updatedAt, id: { lt: cursor.id } }] }] },
            select: CLAIM_LIST_KEY,
            orderBy: CLAIM_LIST_ORDER,
          });
          expect((await listClaims(actor, filter, { now, search, scope, after: cursor })).map((r) => r.id), label).toEqual(after.map((r) => r.id));
          const upTo = await db.claim.count({ where: { AND: [where, { OR: [{ updatedAt: { gt: cursor.updatedAt } }, { updatedAt: cursor.updatedAt, id: { gte: cursor.id } }] }] } });
          expect(await countClaims(actor, filter, now, cursor, 1000, search, scope), label).toBe(upTo);
        }
      }
    }
    expect(compared).toBe(readers.length * filters.length);
    // The fixture makes the comparisons bite: many combinations hold rows to page through.
    expect(nonEmpty).toBeGreaterThan(10);
  }, 600_000);
});
