import { describe, expect, it } from "vitest";
import { CLAIM_SORTS, type ClaimSort, type SortedClaimCursor } from "@/lib/domain/claim-sort";
import { listSortedClaimPage } from "./claim-sorting";
import { getDb } from "./db";
import type { Actor } from "./permissions";
import { makeArticle, makeUser } from "./testing/factories";

const MAX_PAGES = 50;
const PRIORITY_RANK: Record<string, number> = { URGENT: 0, HIGH: 1, NORMAL: 2, LOW: 3 };
const STATUS_RANK: Record<string, number> = { NEW: 0, ASSIGNED: 1, IN_REVIEW: 2 };

interface Row {
  id: string;
  priority: string;
  status: string;
  dueAt: Date | null;
  updatedAt: Date;
}

const byChange = (a: Row, b: Row) => b.updatedAt.getTime() - a.updatedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Each sort's order worked out here, independently of the buckets. */
const REFERENCE: Record<ClaimSort, (a: Row, b: Row) => number> = {
  changed: byChange,
  due: (a, b) => {
    if (a.dueAt && b.dueAt) return a.dueAt.getTime() - b.dueAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    if (a.dueAt || b.dueAt) return a.dueAt ? -1 : 1;
    return byChange(a, b);
  },
  priority: (a, b) => PRIORITY_RANK[a.priority]! - PRIORITY_RANK[b.priority]! || byChange(a, b),
  status: (a, b) => STATUS_RANK[a.status]! - STATUS_RANK[b.status]! || byChange(a, b),
  // Without a search, best match is the latest change.
  relevance: byChange,
};

async function collect(actor: Actor, articleId: string, sort: ClaimSort, size: number) {
  const ids: string[] = [];
  const firsts: (number | null)[] = [];
  const totals: number[] = [];
  let after: SortedClaimCursor | undefined;
  let pages = 0;
  do {
    const page = await listSortedClaimPage(actor, { articleId }, { sort, size, after });
    ids.push(...page.claims.map((c) => c.id));
    firsts.push(page.first);
    totals.push(page.total);
    after = page.next ?? undefined;
    pages += 1;
  } while (after && pages < MAX_PAGES);
  expect(pages).toBeLessThan(MAX_PAGES);
  return { ids, firsts, totals };
}

describe("sorted claim lists", () => {
  it("pages through every sort in its order, each claim exactly once, across ties and buckets", async () => {
    const editor = await makeUser("EDITOR");
    const { id: articleId, claims } = await makeArticle(editor);
    expect(claims.length).toBeGreaterThanOrEqual(4);
    const db = await getDb();
    const tie = new Date("2026-01-02T03:04:05.678Z");
    const setups = [
      { priority: "URGENT", status: "ASSIGNED", dueAt: new Date("2026-03-01T00:00:00Z"), updatedAt: tie },
      { priority: "LOW", status: "NEW", dueAt: new Date("2026-02-01T00:00:00Z"), updatedAt: tie },
      { priority: "HIGH", status: "IN_REVIEW", dueAt: null, updatedAt: new Date("2026-01-05T00:00:00Z") },
      { priority: "URGENT", status: "NEW", dueAt: new Date("2026-02-01T00:00:00Z"), updatedAt: new Date("2026-01-01T00:00:00Z") },
      { priority: "NORMAL", status: "ASSIGNED", dueAt: null, updatedAt: tie },
    ];
    for (const [i, claim] of claims.entries()) await db.claim.update({ where: { id: claim.id }, data: setups[i % setups.length]! });
    const rows: Row[] = await db.claim.findMany({ where: { articleId }, select: { id: true, priority: true, status: true, dueAt: true, updatedAt: true } });

    for (const sort of CLAIM_SORTS) {
      const expected = [...rows].sort(REFERENCE[sort]).map((r) => r.id);
      for (const size of [1, 2, rows.length + 1]) {
        const { ids, firsts, totals } = await collect(editor, articleId, sort, size);
        expect([sort, size, ids]).toEqual([sort, size, expected]);
        // Every page states the exact total, also a first page holding them all (read without a count).
        expect(totals).toEqual(totals.map(() => expected.length));
        expect(firsts).toEqual(firsts.map((_, i) => i * size + 1));
      }
    }
  });

  it("ignores another sort's cursor and starts at the first page", async () => {
    const editor = await makeUser("EDITOR");
    const { id: articleId } = await makeArticle(editor);
    const first = await listSortedClaimPage(editor, { articleId }, { sort: "priority", size: 1 });
    expect(first.next).not.toBeNull();
    const foreign = await listSortedClaimPage(editor, { articleId }, { sort: "due", size: 1, after: first.next! });
    expect(foreign.first).toBe(1);
  });
});
