import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ClaimTable, type ClaimTableArticles, type ClaimTableRow } from "@/components/claim/claim-table";
import { FilterSelect, IgnoredFilters } from "@/components/filter-select";
import { CLAIM_SORT_LABELS, CLAIM_SORTS, type ClaimSort } from "@/lib/domain/claim-sort";
import { describeStatus, LISTED_STATUSES } from "@/lib/domain/claim-status";
import { isOverdue } from "@/lib/domain/due-dates";
import { findRating, PRIORITY_OPTIONS } from "@/lib/domain/verdict-scale";
import { listArticleOptions } from "@/lib/server/articles";
import { getCurrentUser } from "@/lib/server/auth";
import { SEARCH_MATCH_LIMIT } from "@/lib/server/claim-search";
import { listSortedClaimPage } from "@/lib/server/claim-sorting";
import { isEditor } from "@/lib/server/permissions";
import { readVerdictScale } from "@/lib/server/settings";
import { listAssignableUsers } from "@/lib/server/users";
import { encodeClaimPageCursor, parseClaimListView } from "@/lib/validation/claim-sort";
import { CLAIM_PAGE_SIZES, DEFAULT_CLAIM_PAGE_SIZE, DEFAULT_DUE_WITHIN_DAYS, type ClaimListFilter } from "@/lib/validation/claims";
import { bulkAssignClaimsAction } from "./actions";

export const metadata: Metadata = { title: "Claims" };

/** A claim's text as the list shows it: at most 140 UTF-16 code units, "…" when cut (sent once, not whole). */
const shortenClaimText = (text: string) => (text.length > 140 ? `${text.slice(0, 137)}…` : text);

/** The filters as URL parameters, for the pager's links and the export link. */
function buildFilterParams(filter: ClaimListFilter): URLSearchParams {
  return new URLSearchParams(Object.entries(filter).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])));
}

/** The claims page with these filters, order and page size (undefined: the default), at the first page or after a cursor. */
function buildPageUrl(filter: ClaimListFilter, sort: ClaimSort | undefined, perPage: number | undefined, after?: string): string {
  const params = buildFilterParams(filter);
  if (sort) params.set("sort", sort);
  if (perPage) params.set("perPage", String(perPage));
  if (after) params.set("after", after);
  const query = params.toString();
  return query ? `/claims?${query}` : "/claims";
}

export default async function ClaimsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await getCurrentUser();
  if (!actor) redirect("/login?callbackUrl=/claims");
  // A malformed cursor is named among the ignored filters and the list starts at its first page.
  const editor = isEditor(actor);
  const { filter, sort, explicitSort, after, perPage, explicitPerPage, ignored, reasons } = parseClaimListView(await searchParams, editor);
  // Pager links keep the order and page size the user chose (the defaults need no parameter).
  const sortParam = explicitSort ? sort : undefined;
  const perPageParam = explicitPerPage ? perPage : undefined;
  const now = new Date();
  const [{ claims, total, totalIsAtLeast, first, next, searchCapped }, people, articles, scale] = await Promise.all([
    listSortedClaimPage(actor, filter, { sort, size: perPage, after, now }),
    editor ? listAssignableUsers(actor) : Promise.resolve([]),
    listArticleOptions(actor),
    readVerdictScale(actor),
  ]);
  // Each article once for the whole table (a page of 200 rows names a few articles).
  const articlesShown: ClaimTableArticles = {};
  const rows: ClaimTableRow[] = claims.map((c) => {
    // A blind double review where both have proposed: both proposals, never only the latest, the
    // actor's own first.
    const bothProposed = c.verdicts.length === 2 && c.verdicts.every((v) => v.state === "PROPOSED");
    const [verdict, both] = bothProposed ? [...c.verdicts].sort((a) => (a.proposedById === actor.id ? -1 : 1)) : [c.verdicts[0], undefined];
    const rating = verdict ? findRating(scale, verdict.rating) : undefined;
    const otherRating = both ? findRating(scale, both.rating) : undefined;
    articlesShown[c.article.id] ??= { title: c.article.title, outlet: c.article.outlet };
    return {
      id: c.id,
      text: shortenClaimText(c.text),
      status: c.status,
      priority: c.priority,
      dueAt: c.dueAt,
      ...(isOverdue(c, now) ? { overdue: true } : {}),
      version: c.version,
      articleId: c.article.id,
      ...(c.claimant ? { claimant: c.claimant } : {}),
      ...(c.assignee ? { assignee: c.assignee.name } : {}),
      ...(verdict ? { verdict: { label: rating?.label ?? verdict.rating, color: rating?.color ?? "#6e7781", state: verdict.state } } : {}),
      ...(both ? { otherProposal: { label: otherRating?.label ?? both.rating, color: otherRating?.color ?? "#6e7781", state: both.state } } : {}),
    };
  });
  const filtered = Object.entries(filter).some(([key, value]) => value !== undefined && key !== "dueWithinDays");
  // The export page takes the same filters, so the report covers exactly this list: for an editor
  // that includes the claims still in work (marked as such in the report; the page lets them untick it).
  // It never carries the pager's cursor: the export is the whole filtered list, not this page.
  const reportParams = buildFilterParams(filter);
  if (editor) reportParams.set("includeWip", "1");

  return (
    <>
      <h1>{editor ? "All claims" : "My claims"}</h1>
      <form className="panel stack" method="get" aria-label="Filter claims" data-testid="claim-filters">
        <div className="row">
          <label style={{ flex: "3 1 16rem" }}>
            Search
            <input type="search" name="q" defaultValue={filter.q ?? ""} maxLength={200} placeholder="Words in the claim" />
          </label>
          <label style={{ flex: "2 1 12rem" }}>
            Claimant
            <input type="search" name="claimant" defaultValue={filter.claimant ?? ""} maxLength={200} placeholder="Who made the claim" />
          </label>
          <FilterSelect label="Status" name="status" value={filter.status} options={LISTED_STATUSES.map((st) => ({ value: st, label: describeStatus(st) }))} />
          <FilterSelect label="Article" name="articleId" value={filter.articleId} options={articles.map((a) => ({ value: a.id, label: a.title }))} style={{ flex: "2 1 12rem" }} />
          {editor && (
            <FilterSelect
              label="Assignee"
              name="assigneeId"
              value={filter.assigneeId}
              anyLabel="Anyone"
              options={[{ value: "none", label: "Unassigned" }, ...people.map((p) => ({ value: p.id, label: p.name }))]}
            />
          )}
        </div>
        <div className="row">
          <FilterSelect
            label="Verdict"
            name="verdict"
            value={filter.verdict}
            options={[{ value: "none", label: "No verdict yet" }, ...scale.map((r) => ({ value: r.key, label: r.label }))]}
          />
          <FilterSelect label="Priority" name="priority" value={filter.priority} options={PRIORITY_OPTIONS} />
          {/* A separate label: option texts (e.g. "Status, in workflow order") stay out of its name. */}
          <div className="field">
            <label htmlFor="claim-sort">Sort by</label>
            <select id="claim-sort" name="sort" defaultValue={sort} data-testid="claim-sort">
              {CLAIM_SORTS.map((value) => (
                <option key={value} value={value}>
                  {CLAIM_SORT_LABELS[value]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="claim-per-page">Rows a page</label>
            <select id="claim-per-page" name="perPage" defaultValue={String(perPage)} data-testid="claim-per-page">
              {CLAIM_PAGE_SIZES.map((size) => (
                <option key={size} value={size}>
                  {size}
                  {size === DEFAULT_CLAIM_PAGE_SIZE ? " (default)" : ""}
                </option>
              ))}
            </select>
          </div>
          <FilterSelect
            label="Due"
            name="due"
            value={filter.due}
            anyLabel="Any time"
            options={[
              { value: "overdue", label: "Overdue" },
              { value: "within", label: "Due within the next…" },
              { value: "none", label: "No due date" },
            ]}
          />
          <label style={{ maxWidth: "7rem" }}>
            Days
            <input type="number" name="dueWithinDays" min={0} max={365} defaultValue={filter.dueWithinDays ?? DEFAULT_DUE_WITHIN_DAYS} />
          </label>
          <div className="row">
            <button type="submit" className="secondary">
              Filter
            </button>
            {filtered && (
              <Link href={buildPageUrl({}, undefined, perPageParam)} className="button secondary">
                Clear filters
              </Link>
            )}
            <Link className="button secondary" href={`/reports?${reportParams.toString()}`} data-testid="export-claims-report">
              Export these claims…
            </Link>
          </div>
        </div>
        <IgnoredFilters names={ignored} reasons={reasons} />
      </form>
      <p className="muted" data-testid="claim-count">
        {totalIsAtLeast ? `More than ${total.toLocaleString("en-US")} claims` : total === 1 ? "1 claim" : `${total.toLocaleString("en-US")} claims`}
        {filtered ? " match these filters" : ""}
        {total > perPage ? `, ${CLAIM_SORT_LABELS[sort].toLowerCase()}, ${perPage} a page.` : "."}
      </p>
      {searchCapped && (
        <p className="notice" role="status" data-testid="search-capped">
          More than {SEARCH_MATCH_LIMIT.toLocaleString("en-US")} claims you can see match this search: only its{" "}
          {SEARCH_MATCH_LIMIT.toLocaleString("en-US")} newest matches were read and ranked, so older claims are missing from this list. Add words, a
          &quot;phrase&quot; or a filter to narrow it.
        </p>
      )}
      {rows.length === 0 ? (
        <p className="panel muted">{editor || filtered || after ? "No claims match this view." : "No claims are assigned to you right now."}</p>
      ) : (
        // Keyed by the page, so a selection never outlives the page it was made on (the bulk form
        // acts on the ticked rows of this page only).
        <ClaimTable key={after ? encodeClaimPageCursor(after) : "first"} rows={rows} articles={articlesShown} bulk={editor ? { action: bulkAssignClaimsAction, people } : undefined} />
      )}
      {(after || next) && (
        <nav className="pager" aria-label="Pages" data-testid="claim-pager">
          <span className="muted" data-testid="claim-range">
            {rows.length === 0
              ? "No more claims."
              : first === null
                ? `Showing ${rows.length.toLocaleString("en-US")} more of ${total.toLocaleString("en-US")}+ claims`
                : `Showing ${first.toLocaleString("en-US")}–${(first + rows.length - 1).toLocaleString("en-US")} of ${total.toLocaleString("en-US")}${totalIsAtLeast ? "+" : ""} claims`}
          </span>
          {after && <Link href={buildPageUrl(filter, sortParam, perPageParam)}>First page</Link>}
          {next && (
            <Link href={buildPageUrl(filter, sortParam, perPageParam, encodeClaimPageCursor(next))} data-testid="next-page">
              Next {perPage} →
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
