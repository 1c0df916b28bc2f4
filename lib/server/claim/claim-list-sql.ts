import "server-only";
/**
 * The claim list's conditions as hand-written SQL (the rule of claimListWhere), so the list's key and
 * count reads run on the driver (direct-read.ts) instead of through Prisma's query compiler.
 */
import type { ClaimListCursor } from "@/lib/domain/claim-cursor";
import { BLIND_STATUSES } from "@/lib/domain/double-review";
import { dueCondition } from "@/lib/domain/due-dates";
import { LISTED_STATUSES, UNFINISHED_STATUSES } from "@/lib/domain/claim-status";
import { hasSearchTerms, parseSearchQuery } from "@/lib/domain/search-query";
import { searchTerms } from "@/lib/domain/search-text";
import { CURRENT_VERDICT_STATES } from "@/lib/domain/verdict-scale";
import { Prisma } from "@/lib/generated/sqlite/client";
import type { ClaimListFilter } from "@/lib/validation/claims";
import type { ClaimSearchMatches } from "../claim-search";
import { isEditor, visibleClaimSql, type Actor } from "../permissions";
import type { ReviewerScope } from "./resolve-reviewer-scope";

/** Constants of the domain as SQL literals' bound values (closed sets, no user input). */
const join = (values: readonly string[]) => Prisma.join([...values]);

/**
 * The reader's visibility on the claim `c`: visibleClaimSql (assigned to them, or one of its double
 * reviewers), or the same rule through a reviewer's resolved scope (assigned to them, or one of the
 * scope's ids), as scopedVisibleWhere states it for Prisma. Empty for editors.
 */
function scopedVisibleSql(actor: Actor, scope: ReviewerScope | null | undefined): Prisma.Sql {
  if (!scope || isEditor(actor)) return visibleClaimSql(actor, "c");
  return scope.shared.length
    ? Prisma.sql` AND (c."assigneeId" = ${actor.id} OR c.id IN (${join(scope.shared)}))`
    : Prisma.sql` AND c."assigneeId" = ${actor.id}`;
}

/**
 * The verdicts of the claim `c` that make its current verdict and that the actor may see
 * (permissions.ts visibleVerdictsWhere: their own, or any on a claim not blind for them — blind: in
 * BLIND_STATUSES with the actor among its double reviewers), as a condition on the verdict `v`.
 */
function currentVisibleVerdictSql(actor: Actor): Prisma.Sql {
  const blind = Prisma.sql`(c.status IN (${join(BLIND_STATUSES)}) AND EXISTS (SELECT 1 FROM "ClaimReviewer" r2 WHERE r2."claimId" = c.id AND r2."userId" = ${actor.id}))`;
  return Prisma.sql`v."claimId" = c.id AND v.state IN (${join(CURRENT_VERDICT_STATES)}) AND (v."proposedById" = ${actor.id} OR NOT ${blind})`;
}

/**
 * claimListWhere (claim-list-where.ts) as an SQL condition on the claim aliased `c`, starting with
 * the visibility and the listed statuses, then " AND …" per filter; the same text on SQLite and
 * PostgreSQL. Same arguments and same rows: the visibility first (no filter value widens it), a
 * verdict filter reads only the verdicts the actor may see, `search` is the full-text search's
 * matches (null: `q` has nothing to look for), the claimant's words must each occur in the folded
 * `claimantSearch` column (LIKE '%word%', as Prisma's `contains`; folded words hold no `%` or `_`).
 * Throws when `q` has words but no `search` was given (a programming error). Change both together:
 * claim-list-sql.test.ts compares them for every filter combination.
 */
export function claimListSql(actor: Actor, filter: ClaimListFilter = {}, now = new Date(), search?: ClaimSearchMatches | null, scope?: ReviewerScope | null): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`c.status IN (${join(LISTED_STATUSES)})${scopedVisibleSql(actor, scope)}`];
  if (filter.status) parts.push(Prisma.sql`c.status = ${filter.status}`);
  if (filter.articleId) parts.push(Prisma.sql`c."articleId" = ${filter.articleId}`);
  if (filter.assigneeId === "none") parts.push(Prisma.sql`c."assigneeId" IS NULL`);
  else if (filter.assigneeId) parts.push(Prisma.sql`c."assigneeId" = ${filter.assigneeId}`);
  if (filter.priority) parts.push(Prisma.sql`c.priority = ${filter.priority}`);
  if (filter.verdict === "none") parts.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM "Verdict" v WHERE ${currentVisibleVerdictSql(actor)})`);
  else if (filter.verdict) parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "Verdict" v WHERE ${currentVisibleVerdictSql(actor)} AND v.rating = ${filter.verdict})`);
  if (filter.due) {
    const due = dueCondition(filter.due, now, filter.dueWithinDays);
    if (due.kind === "noDueDate") parts.push(Prisma.sql`c."dueAt" IS NULL`);
    else {
      parts.push(Prisma.sql`c."dueAt" IS NOT NULL`);
      if (due.from) parts.push(Prisma.sql`c."dueAt" >= ${due.from}`);
      if (due.before) parts.push(Prisma.sql`c."dueAt" < ${due.before}`);
      if (due.to) parts.push(Prisma.sql`c."dueAt" <= ${due.to}`);
      if (due.unfinishedOnly) parts.push(Prisma.sql`c.status IN (${join(UNFINISHED_STATUSES)})`);
    }
  }
  if (search) parts.push(search.ids.length ? Prisma.sql`c.id IN (${join(search.ids)})` : Prisma.sql`1 = 0`);
  else if (search === undefined && hasSearchTerms(parseSearchQuery(filter.q))) throw new Error("claimListSql: resolve the text search (findClaimSearchMatches) first");
  for (const term of searchTerms(filter.claimant)) parts.push(Prisma.sql`c."claimantSearch" LIKE ${`%${term}%`}`);
  return Prisma.join(parts, " AND ");
}

/**
 * The rows after a cursor in the list's order (updatedAt, id) descending: older changes, or the same
 * instant with a smaller id (" AND …"; empty without a cursor). With `upTo`, the rows up to and
 * including the cursor's row instead (a page's position counts them).
 */
export function cursorSql(after: ClaimListCursor | undefined, direction: "after" | "upTo"): Prisma.Sql {
  if (!after) return Prisma.empty;
  return direction === "after"
    ? Prisma.sql` AND (c."updatedAt" < ${after.updatedAt} OR (c."updatedAt" = ${after.updatedAt} AND c.id < ${after.id}))`
    : Prisma.sql` AND (c."updatedAt" > ${after.updatedAt} OR (c."updatedAt" = ${after.updatedAt} AND c.id >= ${after.id}))`;
}

/**
 * A LIMIT clause's number as SQL text (the same on both databases: SQLite reads a negative LIMIT as
 * none, PostgreSQL refuses it). `rows` is truncated to an integer; throws RangeError for NaN, an
 * infinite or unsafe number, or one below 0.
 */
export function sqlLimit(rows: number): Prisma.Sql {
  const n = Math.trunc(rows);
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`A row limit must be a whole number ≥ 0, not ${rows}.`);
  return Prisma.raw(String(n));
}
