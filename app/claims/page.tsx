import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ClaimTable, type ClaimTableRow } from "@/components/claim/claim-table";
import { describeStatus, LISTED_STATUSES } from "@/lib/domain/claim-status";
import { isOverdue } from "@/lib/domain/due-dates";
import { findRating, PRIORITIES } from "@/lib/domain/verdict-scale";
import { listArticles } from "@/lib/server/articles";
import { getCurrentUser } from "@/lib/server/auth";
import { countClaims, listClaims } from "@/lib/server/claims";
import { isEditor } from "@/lib/server/permissions";
import { readVerdictScale } from "@/lib/server/settings";
import { listAssignableUsers } from "@/lib/server/users";
import { DEFAULT_DUE_WITHIN_DAYS, parseClaimListFilter } from "@/lib/validation/claims";
import { bulkAssignClaimsAction } from "./actions";

export const metadata: Metadata = { title: "Claims" };

/** How many rows the page shows; the filters narrow longer lists. */
const PAGE_ROWS = 200;

export default async function ClaimsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await getCurrentUser();
  if (!actor) redirect("/login?callbackUrl=/claims");
  const { filter, ignored } = parseClaimListFilter(await searchParams);
  const editor = isEditor(actor);
  const now = new Date();
  const [claims, total, people, articles, scale] = await Promise.all([
    listClaims(actor, filter, { take: PAGE_ROWS, now }),
    countClaims(actor, filter, now),
    editor ? listAssignableUsers(actor) : Promise.resolve([]),
    listArticles(actor),
    readVerdictScale(actor),
  ]);
  const rows: ClaimTableRow[] = claims.map((c) => {
    const verdict = c.verdicts[0];
    const rating = verdict ? findRating(scale, verdict.rating) : undefined;
    return {
      id: c.id,
      text: c.text,
      status: c.status,
      priority: c.priority,
      dueAt: c.dueAt,
      overdue: isOverdue(c, now),
      version: c.version,
      article: c.article,
      assignee: c.assignee,
      verdict: verdict ? { label: rating?.label ?? verdict.rating, color: rating?.color ?? "#6e7781", state: verdict.state } : null,
    };
  });
  const filtered = Object.entries(filter).some(([key, value]) => value !== undefined && key !== "dueWithinDays");

  return (
    <>
      <h1>{editor ? "All claims" : "My claims"}</h1>
      <form className="panel stack" method="get" aria-label="Filter claims" data-testid="claim-filters">
        <div className="row">
          <label style={{ flex: "3 1 16rem" }}>
            Search
            <input type="search" name="q" defaultValue={filter.q ?? ""} maxLength={200} placeholder="Words in the claim" />
          </label>
          <label>
            Status
            <select name="status" defaultValue={filter.status ?? ""}>
              <option value="">Any</option>
              {LISTED_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {describeStatus(s)}
                </option>
              ))}
            </select>
          </label>
          <label style={{ flex: "2 1 12rem" }}>
            Article
            <select name="articleId" defaultValue={filter.articleId ?? ""}>
              <option value="">Any</option>
              {articles.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.title}
                </option>
              ))}
            </select>
          </label>
          {editor && (
            <label>
              Assignee
              <select name="assigneeId" defaultValue={filter.assigneeId ?? ""}>
                <option value="">Anyone</option>
                <option value="none">Unassigned</option>
                {people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        <div className="row">
          <label>
            Verdict
            <select name="verdict" defaultValue={filter.verdict ?? ""}>
              <option value="">Any</option>
              <option value="none">No verdict yet</option>
              {scale.map((r) => (
                <option key={r.key} value={r.key}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Priority
            <select name="priority" defaultValue={filter.priority ?? ""}>
              <option value="">Any</option>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {p.charAt(0) + p.slice(1).toLowerCase()}
                </option>
              ))}
            </select>
          </label>
          <label>
            Due
            <select name="due" defaultValue={filter.due ?? ""}>
              <option value="">Any time</option>
              <option value="overdue">Overdue</option>
              <option value="within">Due within the next…</option>
              <option value="none">No due date</option>
            </select>
          </label>
          <label style={{ maxWidth: "7rem" }}>
            Days
            <input type="number" name="dueWithinDays" min={0} max={365} defaultValue={filter.dueWithinDays ?? DEFAULT_DUE_WITHIN_DAYS} />
          </label>
          <div className="row">
            <button type="submit" className="secondary">
              Filter
            </button>
            {filtered && (
              <Link href="/claims" className="button secondary">
                Clear filters
              </Link>
            )}
          </div>
        </div>
        {ignored.length > 0 && (
          <p className="form-message error" data-testid="ignored-filters">
            Some filters were not understood and were ignored: {ignored.join(", ")}.
          </p>
        )}
      </form>
      <p className="muted" data-testid="claim-count">
        {total === 1 ? "1 claim" : `${total.toLocaleString("en-US")} claims`}
        {filtered ? " match these filters" : ""}
        {total > rows.length ? ` — showing the ${rows.length} most recently changed; narrow the filters to see others.` : "."}
      </p>
      {rows.length === 0 ? (
        <p className="panel muted">{editor || filtered ? "No claims match this view." : "No claims are assigned to you right now."}</p>
      ) : (
        <ClaimTable rows={rows} bulk={editor ? { action: bulkAssignClaimsAction, people } : undefined} />
      )}
    </>
  );
}
