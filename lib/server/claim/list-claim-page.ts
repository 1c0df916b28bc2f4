import "server-only";
/**
 * One page of the claims page (/claims): its rows, the filter's total, the first row's position and
 * the next page's cursor.
 */
import type { ClaimListCursor } from "@/lib/domain/claim-cursor";
import type { ClaimListFilter } from "@/lib/validation/claims";
import type { ClaimSearchMatches } from "../claim-search";
import type { Actor } from "../permissions";
import { resolveSearch } from "./claim-list-where";
import { CLAIM_COUNT_LIMIT, countClaims } from "./count-claims";
import { listClaims } from "./list-claims";
import type { ReviewerScope } from "./resolve-reviewer-scope";

/**
 * One page of the claims page (/claims): up to `size` claims after the cursor, the filter's total, the
 * position of the first row shown (1-based) and the cursor of the next page (null on the last one).
 * Four statements at most (the keys, the rows, the total and the position; plus the full-text search's
 * one when `q` has words and `search` is not given), whatever the data size; a first page that is not
 * full needs no count (its length is the total). One more row than shown is read to know whether a
 * next page exists. Counts stop at `countLimit` (default CLAIM_COUNT_LIMIT): past it `totalIsAtLeast`
 * is true and `total` is the limit ("1,000+"), and `first` is null when the page starts past it.
 *
 * Editing a claim changes its updatedAt, so a claim edited while someone pages moves to the top of the
 * list: they will not meet it again on later pages (and may have skipped it if it was still ahead).
 * That is fine; the keyset on (updatedAt, id) guarantees that paging never loops and never skips a
 * claim that did not change, because an unchanged claim keeps its place relative to the cursor.
 * The position is what lies before the cursor plus one, at most the total.
 */
export async function listClaimPage(
  actor: Actor,
  filter: ClaimListFilter,
  options: { size: number; after?: ClaimListCursor; now?: Date; countLimit?: number; search?: ClaimSearchMatches | null; scope?: ReviewerScope | null },
) {
  const { size, after, scope } = options;
  const limit = options.countLimit ?? CLAIM_COUNT_LIMIT;
  const now = options.now ?? new Date();
  const search = await resolveSearch(actor, filter, options.search);
  const [rows, before] = await Promise.all([
    listClaims(actor, filter, { take: size + 1, now, after, search, scope }),
    after ? countClaims(actor, filter, now, after, limit, search, scope) : Promise.resolve(0),
  ]);
  // A first page that is not full holds every match: its length is the exact total, no count needed.
  const counted = !after && rows.length <= size ? rows.length : await countClaims(actor, filter, now, undefined, limit, search, scope);
  const claims = rows.slice(0, size);
  const last = claims.at(-1);
  const next: ClaimListCursor | null = rows.length > size && last ? { updatedAt: last.updatedAt, id: last.id } : null;
  // A search keeps its SEARCH_MATCH_LIMIT best matches: past it, more may match than are counted.
  const totalIsAtLeast = counted > limit || Boolean(search?.capped);
  const total = Math.min(counted, limit);
  const first = before > limit ? null : totalIsAtLeast ? before + 1 : Math.min(before + 1, Math.max(1, total));
  return { claims, total, totalIsAtLeast, first, next };
}
