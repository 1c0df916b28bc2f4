import { encodeClaimListCursor } from "@/lib/domain/claim-cursor";
import { CLAIM_SORTS, decodeSortedClaimCursor, defaultClaimSort, encodeSortedClaimCursor, type ClaimSort, type SortedClaimCursor } from "@/lib/domain/claim-sort";
import { hasSearchTerms, parseSearchQuery } from "@/lib/domain/search-query";
import { claimPageSizeSchema, DEFAULT_CLAIM_PAGE_SIZE, parseClaimListPage, type ClaimPageSize } from "./claims";

type Params = Record<string, string | string[] | undefined>;

/**
 * The claims page's view from its URL: the filters (parseClaimListPage), `sort` (one of CLAIM_SORTS;
 * missing: `relevance` when the search `q` has words, else the role's default, My claims by due date) and `after`, the cursor of the row the page
 * continues after. `changed` keeps the list's own cursor; the other sorts take theirs. A bad sort or a
 * cursor of another sort is named among the ignored parameters and the list starts at its first page.
 * `perPage` is the page's size, one of CLAIM_PAGE_SIZES (`explicitPerPage` when the URL chose it, so
 * links keep it); a missing one gives DEFAULT_CLAIM_PAGE_SIZE, a bad one too and is named among the ignored.
 */
export function parseClaimListView(params: Params, editor: boolean) {
  const { perPage: rawPerPage, ...rest } = params;
  const view = parseSortedView(rest, editor);
  const size = claimPageSizeSchema.safeParse(Array.isArray(rawPerPage) ? rawPerPage[0] : rawPerPage);
  const chosen: ClaimPageSize | undefined = size.success ? size.data : undefined;
  return {
    ...view,
    perPage: chosen ?? DEFAULT_CLAIM_PAGE_SIZE,
    explicitPerPage: chosen !== undefined,
    ignored: size.success ? view.ignored : [...view.ignored, "perPage"],
  };
}

/** The view without its page size (see parseClaimListView). */
function parseSortedView(params: Params, editor: boolean) {
  const raw = typeof params.sort === "string" ? params.sort : undefined;
  const known = raw !== undefined && (CLAIM_SORTS as readonly string[]).includes(raw);
  // A search with words opens on its best matches (one search: a repeated `q` is refused, claims.ts).
  const q = Array.isArray(params.q) ? (params.q.length === 1 ? params.q[0] : undefined) : params.q;
  const searching = typeof q === "string" && hasSearchTerms(parseSearchQuery(q));
  const sort: ClaimSort = known ? (raw as ClaimSort) : searching ? "relevance" : defaultClaimSort(editor);
  const badSort = raw !== undefined && raw !== "" && !known ? ["sort"] : [];
  if (sort === "changed") {
    const page = parseClaimListPage(params);
    const after: SortedClaimCursor | undefined = page.after && { sort, bucket: 0, at: page.after.updatedAt, id: page.after.id };
    return { filter: page.filter, sort, explicitSort: known, after, ignored: [...page.ignored, ...badSort], reasons: page.reasons };
  }
  const { after: rawAfter, ...rest } = params;
  const page = parseClaimListPage(rest);
  const cursor = typeof rawAfter === "string" && rawAfter !== "" ? decodeSortedClaimCursor(rawAfter) : null;
  const after = cursor && cursor.sort === sort ? cursor : undefined;
  const badAfter = rawAfter !== undefined && rawAfter !== "" && !after ? ["after"] : [];
  return { filter: page.filter, sort, explicitSort: known, after, ignored: [...page.ignored, ...badSort, ...badAfter], reasons: page.reasons };
}

/** The `after` parameter for a page cursor: the list's own cursor for `changed`, else the sorted one. */
export function encodeClaimPageCursor(cursor: SortedClaimCursor): string {
  return cursor.sort === "changed" ? encodeClaimListCursor({ updatedAt: cursor.at, id: cursor.id }) : encodeSortedClaimCursor(cursor);
}
