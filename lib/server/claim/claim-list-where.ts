import "server-only";
/**
 * The claim list's conditions, order and key (shared by the claims page, its counts, the REST API's
 * list and reports), and the text search's matches a list filter resolves to.
 */
import { dueCondition } from "@/lib/domain/due-dates";
import { LISTED_STATUSES, UNFINISHED_STATUSES } from "@/lib/domain/claim-status";
import { hasSearchTerms, parseSearchQuery } from "@/lib/domain/search-query";
import { searchTerms } from "@/lib/domain/search-text";
import { CURRENT_VERDICT_STATES } from "@/lib/domain/verdict-scale";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { ClaimListFilter } from "@/lib/validation/claims";
import { findClaimSearchMatches, type ClaimSearchMatches } from "../claim-search";
import { getDb } from "../db";
import { visibleVerdictsWhere, type Actor } from "../permissions";
import { scopedVisibleWhere, type ReviewerScope } from "./resolve-reviewer-scope";

/**
 * The claim list's conditions for an actor and a filter (lib/validation/claims.ts), shared by the
 * claims page and the REST API's paginated list. The actor's visibility comes first, so no filter
 * value can widen it; a verdict filter only looks at verdicts the actor may see (blind double review);
 * the text search `q` is the full-text search's matches (`search`, from findClaimSearchMatches: the
 * caller resolves it first; null when `q` has nothing to look for), the claimant filter a set of words
 * that must all occur in the normalised claimant column. `scope` (resolveReviewerScope) states a
 * reviewer's visibility in a form the database can read from its indexes; without it the rule is
 * permissions.ts visibleClaimsWhere. Throws when `q` has words but no `search` was given (a
 * programming error).
 */
export function claimListWhere(actor: Actor, filter: ClaimListFilter = {}, now = new Date(), search?: ClaimSearchMatches | null, scope?: ReviewerScope | null): Prisma.ClaimWhereInput {
  const conditions: Prisma.ClaimWhereInput[] = [scopedVisibleWhere(actor, scope), { status: { in: [...LISTED_STATUSES] } }];
  if (filter.status) conditions.push({ status: filter.status });
  if (filter.articleId) conditions.push({ articleId: filter.articleId });
  if (filter.assigneeId === "none") conditions.push({ assigneeId: null });
  else if (filter.assigneeId) conditions.push({ assigneeId: filter.assigneeId });
  if (filter.priority) conditions.push({ priority: filter.priority });
  const current: Prisma.VerdictWhereInput = { AND: [{ state: { in: [...CURRENT_VERDICT_STATES] } }, visibleVerdictsWhere(actor)] };
  if (filter.verdict === "none") conditions.push({ verdicts: { none: current } });
  else if (filter.verdict) conditions.push({ verdicts: { some: { AND: [current, { rating: filter.verdict }] } } });
  if (filter.due) {
    const due = dueCondition(filter.due, now, filter.dueWithinDays);
    if (due.kind === "noDueDate") conditions.push({ dueAt: null });
    else {
      conditions.push({ dueAt: { not: null, ...(due.from && { gte: due.from }), ...(due.before && { lt: due.before }), ...(due.to && { lte: due.to }) } });
      if (due.unfinishedOnly) conditions.push({ status: { in: [...UNFINISHED_STATUSES] } });
    }
  }
  if (search) conditions.push({ id: { in: search.ids } });
  else if (search === undefined && hasSearchTerms(parseSearchQuery(filter.q))) throw new Error("claimListWhere: resolve the text search (findClaimSearchMatches) first");
  for (const term of searchTerms(filter.claimant)) conditions.push({ claimantSearch: { contains: term } });
  return { AND: conditions };
}

/**
 * The list's order: most recently changed first, id as the tie-breaker — a total order on
 * (updatedAt, id), so a keyset cursor can continue after any row.
 */
export const CLAIM_LIST_ORDER = [{ updatedAt: "desc" }, { id: "desc" }] satisfies Prisma.ClaimOrderByWithRelationInput[];

/**
 * What the list's selecting queries read of each claim: its key in every order (the rows themselves
 * come from readClaimListRows, one statement per page).
 */
export const CLAIM_LIST_KEY = { id: true, createdAt: true, updatedAt: true, dueAt: true } satisfies Prisma.ClaimSelect;

/**
 * The text search's matches for a filter: `given` when the caller resolved them already (null: no
 * search), else one full-text query (lib/server/claim-search.ts) over the claims the list shows
 * (LISTED_STATUSES), so the matches kept are all listable.
 */
export async function resolveSearch(actor: Actor, filter: ClaimListFilter, given?: ClaimSearchMatches | null): Promise<ClaimSearchMatches | null> {
  return given !== undefined ? given : findClaimSearchMatches(await getDb(), actor, filter.q, undefined, { listedOnly: true });
}
