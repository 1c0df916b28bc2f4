import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { FilterSelect, IgnoredFilters } from "@/components/filter-select";
import { formatDate, PriorityBadge } from "@/components/status-badge";
import { getCurrentUser } from "@/lib/server/auth";
import { listPoolClaims } from "@/lib/server/pool";
import { parseSearchParams } from "@/lib/validation/common";
import { poolFilterSchema } from "@/lib/validation/claims";
import { takeClaimAction } from "./actions";

export const metadata: Metadata = { title: "Claim pool" };

export default async function PoolPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await getCurrentUser();
  if (!actor) redirect("/login?callbackUrl=/pool");
  const { filter, ignored, reasons } = parseSearchParams(poolFilterSchema, await searchParams);
  const pool = await listPoolClaims(actor, filter);
  return (
    <>
      <h1>Claim pool</h1>
      {!pool.open ? (
        <p className="panel muted" data-testid="pool-closed">
          The pool is closed: editors assign claims. An admin can open it in the desk settings.
        </p>
      ) : pool.claims.length === 0 ? (
        <p className="panel muted">No unassigned claims are waiting right now.</p>
      ) : (
        <>
          <p className="muted">Unassigned claims waiting for a reviewer, oldest first. Take one and it is yours; it then shows under My claims.</p>
          <form className="panel row" method="get" aria-label="Filter the pool">
            <FilterSelect label="Article" name="articleId" value={filter.articleId} options={pool.articles.map((a) => ({ value: a.id, label: a.title }))} />
            <button type="submit" className="secondary">
              Filter
            </button>
            <IgnoredFilters names={ignored} reasons={reasons} />
          </form>
          <p className="muted" data-testid="pool-count">
            {pool.total === pool.claims.length ? `${pool.total} waiting.` : `Showing the ${pool.claims.length} oldest of ${pool.total} waiting.`}
          </p>
          <ol className="suggestions" data-testid="pool">
            {pool.claims.map((c) => (
              <li key={c.id} className="panel" data-testid="pool-claim" data-claim-id={c.id}>
                <p style={{ margin: 0 }}>
                  <strong>“{c.text}”</strong>
                </p>
                <p className="muted" style={{ margin: "0.3rem 0" }}>
                  …{c.prefix}
                  <mark>{c.quote}</mark>
                  {c.suffix}…
                </p>
                <p className="row muted" style={{ margin: "0.3rem 0" }}>
                  <span>
                    {c.article.title} · {c.article.outlet}
                  </span>
                  <PriorityBadge priority={c.priority} />
                  <span>Due: {formatDate(c.dueAt)}</span>
                </p>
                <ActionForm action={takeClaimAction} hidden={{ claimId: c.id, expectedVersion: c.version }} submitLabel="Take this claim" inline />
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}
