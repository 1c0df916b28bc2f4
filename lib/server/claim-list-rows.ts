import "server-only";
import { BLIND_STATUSES } from "@/lib/domain/double-review";
import { CURRENT_VERDICT_STATES } from "@/lib/domain/verdict-scale";
import { Prisma } from "@/lib/generated/sqlite/client";
import { readRows } from "./direct-read";
import type { Actor } from "./permissions";

/** One row of the claims list: what the list and the REST API's claim summaries show of a claim. */
export interface ClaimListRow {
  id: string;
  text: string;
  status: string;
  priority: string;
  kind: string;
  dueAt: Date | null;
  version: number;
  checkworthiness: number;
  createdAt: Date;
  updatedAt: Date;
  claimant: string | null;
  claimantKind: string | null;
  article: { id: string; title: string; outlet: string };
  assignee: { id: string; name: string } | null;
  /**
   * The current verdict: the newest proposed, approved or published one the actor may see, and the
   * one before it (a blind double review where both reviewers proposed shows both), newest first.
   */
  verdicts: { rating: string; state: string; proposedById: string }[];
}

/** The page's keys as the selecting query read them (typed dates, no driver-specific parsing here). */
export interface ClaimListKey {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  dueAt: Date | null;
}

interface SqlRow {
  id: string;
  text: string;
  status: string;
  priority: string;
  kind: string;
  version: number | bigint;
  checkworthiness: number;
  claimant: string | null;
  claimantKind: string | null;
  articleId: string;
  articleTitle: string;
  articleOutlet: string;
  assigneeId: string | null;
  assigneeName: string | null;
  rating: string | null;
  state: string | null;
  proposedById: string | null;
}

/**
 * The list rows of a page of claims, in the order of `keys`, in ONE statement whatever the page's size
 * (≤ 2 rows per claim: its two current verdicts): each claim with its article, assignee and up to two
 * current verdicts (PROPOSED / APPROVED / PUBLISHED, newest first, id ascending on a tie). The same SQL
 * on both dialects (window function ROW_NUMBER, SQLite ≥ 3.25). Visibility of the claims is the
 * caller's: the keys come from a query that applied claimListWhere. Verdicts follow
 * permissions.ts visibleVerdictsWhere: on a claim blind for the actor (report-rows.ts blindClaimSql's
 * rule: a double review they take part in, still in the review stage), only their own. Claims deleted
 * meanwhile are left out. Replaces Prisma's per-relation reads (four statements and a query plan per
 * page) with one hand-written statement, run on the driver (direct-read.ts: committed rows only, so
 * never inside a transaction): through Prisma, planning a statement that binds the page's ids twice
 * (400 values for a page of 200) cost more than running it.
 */
export async function readClaimListRows(actor: Actor, keys: readonly ClaimListKey[]): Promise<ClaimListRow[]> {
  if (keys.length === 0) return [];
  const ids = Prisma.join(keys.map((k) => k.id));
  const blind = Prisma.sql`(c2.status IN (${Prisma.join([...BLIND_STATUSES])}) AND EXISTS (SELECT 1 FROM "ClaimReviewer" r WHERE r."claimId" = c2.id AND r."userId" = ${actor.id}))`;
  const rows = await readRows<SqlRow>(Prisma.sql`SELECT c.id, c.text, c.status, c.priority, c.kind, c.version, c.checkworthiness, c.claimant, c."claimantKind",
  a.id AS "articleId", a.title AS "articleTitle", a.outlet AS "articleOutlet", u.id AS "assigneeId", u.name AS "assigneeName",
  v.rating, v.state, v."proposedById"
FROM "Claim" c
JOIN "Article" a ON a.id = c."articleId"
LEFT JOIN "User" u ON u.id = c."assigneeId"
LEFT JOIN (
  SELECT v2."claimId", v2.rating, v2.state, v2."proposedById",
         ROW_NUMBER() OVER (PARTITION BY v2."claimId" ORDER BY v2."createdAt" DESC, v2.id ASC) AS rn
    FROM "Verdict" v2 JOIN "Claim" c2 ON c2.id = v2."claimId"
   WHERE v2."claimId" IN (${ids}) AND v2.state IN (${Prisma.join([...CURRENT_VERDICT_STATES])}) AND (v2."proposedById" = ${actor.id} OR NOT ${blind})
) v ON v."claimId" = c.id AND v.rn <= 2
WHERE c.id IN (${ids})
ORDER BY c.id, v.rn`);
  const byId = new Map<string, ClaimListRow>();
  for (const r of rows) {
    let row = byId.get(r.id);
    if (!row) {
      row = {
        id: r.id,
        text: r.text,
        status: r.status,
        priority: r.priority,
        kind: r.kind,
        dueAt: null,
        version: Number(r.version),
        checkworthiness: Number(r.checkworthiness),
        createdAt: new Date(0),
        updatedAt: new Date(0),
        claimant: r.claimant,
        claimantKind: r.claimantKind,
        article: { id: r.articleId, title: r.articleTitle, outlet: r.articleOutlet },
        assignee: r.assigneeId ? { id: r.assigneeId, name: r.assigneeName ?? "" } : null,
        verdicts: [],
      };
      byId.set(r.id, row);
    }
    if (r.rating !== null && r.state !== null && r.proposedById !== null) row.verdicts.push({ rating: r.rating, state: r.state, proposedById: r.proposedById });
  }
  return keys.flatMap((k) => {
    const row = byId.get(k.id);
    return row ? [{ ...row, createdAt: k.createdAt, updatedAt: k.updatedAt, dueAt: k.dueAt }] : [];
  });
}
