import "server-only";
import { sortBuckets, type ClaimSort, type SortBucket, type SortedClaimCursor } from "@/lib/domain/claim-sort";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { ClaimListFilter } from "@/lib/validation/claims";
import { orderByRank, type ClaimSearchMatches } from "./claim-search";
import { readClaimListRows, type ClaimListKey } from "./claim-list-rows";
import { CLAIM_LIST_KEY, claimListWhere, resolveSearch } from "./claim/claim-list-where";
import { CLAIM_COUNT_LIMIT, countClaims } from "./claim/count-claims";
import { listClaimPage } from "./claim/list-claim-page";
import { resolveReviewerScope, type ReviewerScope } from "./claim/resolve-reviewer-scope";
import { getDb } from "./db";
import type { Actor } from "./permissions";

/** The rows a bucket holds. */
function bucketWhere(bucket: SortBucket): Prisma.ClaimWhereInput {
  switch (bucket.kind) {
    case "equals":
      return { [bucket.column]: bucket.value };
    case "rest":
      return { [bucket.column]: { notIn: [...bucket.values] } };
    case "dated":
      return { dueAt: { not: null } };
    case "undated":
      return { dueAt: null };
    case "all":
      return {};
  }
}

/** A bucket's total order: soonest due first (id ascending), or newest change first (id descending). */
function bucketOrder(bucket: SortBucket): Prisma.ClaimOrderByWithRelationInput[] {
  return bucket.key === "dueAt" ? [{ dueAt: "asc" }, { id: "asc" }] : [{ updatedAt: "desc" }, { id: "desc" }];
}

/** The rows after (at, id) in the bucket's order. */
function afterKeyWhere(bucket: SortBucket, at: Date, id: string): Prisma.ClaimWhereInput {
  return bucket.key === "dueAt"
    ? { OR: [{ dueAt: { gt: at } }, { dueAt: at, id: { gt: id } }] }
    : { OR: [{ updatedAt: { lt: at } }, { updatedAt: at, id: { lt: id } }] };
}

/** Every row after the cursor: the rest of its bucket and all later buckets. */
function afterCursorWhere(buckets: SortBucket[], after: SortedClaimCursor): Prisma.ClaimWhereInput {
  const current = buckets[after.bucket]!;
  return {
    OR: [{ AND: [bucketWhere(current), afterKeyWhere(current, after.at, after.id)] }, ...buckets.slice(after.bucket + 1).map(bucketWhere)],
  };
}

/**
 * One page of the claims page in the chosen order (lib/domain/claim-sort.ts): up to `size` claims
 * after the cursor, the filter's total (capped at CLAIM_COUNT_LIMIT: `totalIsAtLeast`), the 1-based
 * position of the first row (null when unknown past the cap) and the next page's
 * cursor (null on the last page); `searchCapped`: the text search matched more claims than it reads
 * (claim-search.ts SEARCH_MATCH_LIMIT: only the newest were listed, the page must say so). `changed` is the list's own order (listClaimPage); the others read
 * one keyset query per bucket (keys only) until the page is full, then the page's rows in one
 * statement (readClaimListRows) — at most (buckets + 4) queries, whatever the data size (a
 * reviewer's one more: their scope, resolveReviewerScope, so every statement reads an index). As with `changed`, a claim edited while someone pages may move; paging never loops and
 * never skips an unchanged claim.
 */
export async function listSortedClaimPage(
  actor: Actor,
  filter: ClaimListFilter,
  options: { sort: ClaimSort; size: number; after?: SortedClaimCursor; now?: Date },
) {
  const { sort, size } = options;
  const now = options.now ?? new Date();
  const after = options.after?.sort === sort ? options.after : undefined;
  const [search, scope] = await Promise.all([resolveSearch(actor, filter), resolveReviewerScope(actor)]);
  const searchCapped = Boolean(search?.capped);
  if (sort === "relevance" && search) return { ...(await listRankedClaimPage(actor, filter, search, { size, now, after, scope })), searchCapped };
  if (sort === "changed" || sort === "relevance") {
    const page = await listClaimPage(actor, filter, { size, now, after: after && { updatedAt: after.at, id: after.id }, search, scope });
    return { ...page, next: page.next && { sort, bucket: 0, at: page.next.updatedAt, id: page.next.id }, searchCapped };
  }
  const db = await getDb();
  const buckets = sortBuckets(sort);
  const base = claimListWhere(actor, filter, now, search, scope);
  const rows: (ClaimListKey & { bucket: number })[] = [];
  for (let index = after?.bucket ?? 0; index < buckets.length && rows.length <= size; index++) {
    const bucket = buckets[index]!;
    const keyset = after && index === after.bucket ? afterKeyWhere(bucket, after.at, after.id) : {};
    const found = await db.claim.findMany({
      where: { AND: [base, bucketWhere(bucket), keyset] },
      select: CLAIM_LIST_KEY,
      orderBy: bucketOrder(bucket),
      take: size + 1 - rows.length,
    });
    rows.push(...found.map((row) => ({ ...row, bucket: index })));
  }
  // A first page that is not full holds every match: its length is the exact total, no count needed.
  const [counted, ahead] = await Promise.all([
    !after && rows.length <= size ? rows.length : countClaims(actor, filter, now, undefined, CLAIM_COUNT_LIMIT, search, scope),
    after ? db.claim.count({ where: { AND: [base, afterCursorWhere(buckets, after)] }, take: CLAIM_COUNT_LIMIT + 1 }) : Promise.resolve(null),
  ]);
  // Counts stop at CLAIM_COUNT_LIMIT, as on the list's own order ("1,000+"); past it the position is unknown.
  const totalIsAtLeast = counted > CLAIM_COUNT_LIMIT || Boolean(search?.capped);
  const total = Math.min(counted, CLAIM_COUNT_LIMIT);
  const shown = rows.slice(0, size);
  const claims = await readClaimListRows(actor, shown);
  const last = shown.at(-1);
  const lastKey = last && (buckets[last.bucket]!.key === "dueAt" ? last.dueAt : last.updatedAt);
  const next: SortedClaimCursor | null = rows.length > size && last && lastKey ? { sort, bucket: last.bucket, at: lastKey, id: last.id } : null;
  const first = ahead === null ? 1 : totalIsAtLeast || ahead > CLAIM_COUNT_LIMIT ? null : Math.max(1, total - ahead + 1);
  return { claims, total, totalIsAtLeast, first, next, searchCapped };
}

/** True when the filter holds nothing but the text search (`dueWithinDays` only counts with `due`, as in claimListWhere). */
function searchIsTheWholeFilter(filter: ClaimListFilter): boolean {
  return Object.entries(filter).every(([key, value]) => value === undefined || key === "q" || (key === "dueWithinDays" && filter.due === undefined));
}

/**
 * The ranked ids as list keys, lazily: `length`, `findIndex` and `slice` as on an array of keys, but
 * only a slice's keys are read (one statement per slice; ids of claims deleted meanwhile are left out).
 */
async function keysInOrder(db: Awaited<ReturnType<typeof getDb>>, ids: readonly string[]) {
  return {
    length: ids.length,
    findIndex: (test: (key: { id: string }) => boolean) => ids.findIndex((id) => test({ id })),
    slice: async (start: number, end: number) => {
      const wanted = ids.slice(start, end);
      if (wanted.length === 0) return [];
      const found = new Map((await db.claim.findMany({ where: { id: { in: wanted } }, select: CLAIM_LIST_KEY })).map((k) => [k.id, k]));
      return wanted.flatMap((id) => found.get(id) ?? []);
    },
  };
}

/**
 * The `relevance` order: the search's matches that pass the filter (one statement reads their keys,
 * at most SEARCH_MATCH_LIMIT; with no other filter only the page's keys), best ranked first; the
 * page's rows are read by id in one statement (readClaimListRows). The cursor names the last row shown; a page continues after its place in the
 * ranking (when that claim no longer matches, the list ends there). Counts as the other orders: exact
 * up to CLAIM_COUNT_LIMIT, "+" past it or when the search kept only its best matches.
 */
async function listRankedClaimPage(actor: Actor, filter: ClaimListFilter, search: ClaimSearchMatches, options: { size: number; now: Date; after?: SortedClaimCursor; scope: ReviewerScope | null }) {
  const { size, now, after } = options;
  const db = await getDb();
  // A search with no other filter: its matches (visible to the actor, listed statuses, best first:
  // resolveSearch) are the list, so only the page's keys are read, never all the matches' (each
  // match's id was a bind value of a statement through Prisma: ~0.2 ms per match on this machine).
  const matching = searchIsTheWholeFilter(filter)
    ? await keysInOrder(db, search.ids)
    : orderByRank(await db.claim.findMany({ where: claimListWhere(actor, filter, now, search, options.scope), select: CLAIM_LIST_KEY }), search);
  const start = after ? matching.findIndex((r) => r.id === after.id) + 1 : 0;
  const rows = start === 0 && after ? [] : await readClaimListRows(actor, await matching.slice(start, start + size));
  const totalIsAtLeast = matching.length > CLAIM_COUNT_LIMIT || search.capped;
  const total = Math.min(matching.length, CLAIM_COUNT_LIMIT);
  const last = rows.at(-1);
  const next: SortedClaimCursor | null = last && start + size < matching.length ? { sort: "relevance", bucket: 0, at: last.updatedAt, id: last.id } : null;
  const first = rows.length === 0 ? null : start + 1 > CLAIM_COUNT_LIMIT ? null : start + 1;
  return { claims: rows, total, totalIsAtLeast, first, next };
}
