import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { HistoryItem } from "@/components/claim/history-timeline";
import { FilterSelect, IgnoredFilters } from "@/components/filter-select";
import { describeAction, KNOWN_ACTIONS } from "@/lib/domain/audit-actions";
import { listActivity, listPeople } from "@/lib/server/activity";
import { getCurrentUser } from "@/lib/server/auth";
import { isEditor } from "@/lib/server/permissions";
import { parseActivityFilter, type ActivityFilter } from "@/lib/validation/activity";

export const metadata: Metadata = { title: "Activity" };

function pageUrl(filter: ActivityFilter, before?: number) {
  const params = new URLSearchParams();
  for (const key of ["actorId", "action", "from", "to"] as const) if (filter[key]) params.set(key, filter[key]);
  if (before) params.set("before", String(before));
  const query = params.toString();
  return query ? `/activity?${query}` : "/activity";
}

export default async function ActivityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await getCurrentUser();
  if (!actor) redirect("/login?callbackUrl=/activity");
  if (!isEditor(actor)) redirect("/claims");
  const { filter, ignored, reasons } = parseActivityFilter(await searchParams);
  const [page, people] = await Promise.all([listActivity(actor, filter), listPeople(actor)]);
  return (
    <>
      <h1>Activity</h1>
      <form className="panel row" method="get" aria-label="Filter activity" data-testid="activity-filters">
        <FilterSelect label="Person" name="actorId" value={filter.actorId} anyLabel="Anyone" options={people.map((p) => ({ value: p.id, label: p.name }))} />
        <FilterSelect label="Action" name="action" value={filter.action} options={KNOWN_ACTIONS.map((a) => ({ value: a, label: describeAction(a) }))} />
        <label>
          From
          <input type="date" name="from" defaultValue={filter.from ?? ""} />
        </label>
        <label>
          To
          <input type="date" name="to" defaultValue={filter.to ?? ""} />
        </label>
        <button type="submit" className="secondary">
          Filter
        </button>
        <IgnoredFilters names={ignored} reasons={reasons} />
      </form>
      {page.events.length === 0 ? (
        <p className="panel muted">No activity matches these filters.</p>
      ) : (
        <ol className="timeline panel" data-testid="activity">
          {page.events.map((e) => (
            <HistoryItem key={e.id} event={e}>
              {e.claim && (
                <>
                  {" — "}
                  <Link href={`/claims/${e.claim.id}`}>“{e.claim.text.length > 90 ? `${e.claim.text.slice(0, 89)}…` : e.claim.text}”</Link>
                </>
              )}
            </HistoryItem>
          ))}
        </ol>
      )}
      <nav className="pager" aria-label="Pages">
        {filter.before && <Link href={pageUrl(filter)}>Newest</Link>}
        {page.nextBefore && (
          <Link href={pageUrl(filter, page.nextBefore)} data-testid="older">
            Older →
          </Link>
        )}
      </nav>
    </>
  );
}
