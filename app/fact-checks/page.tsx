import type { Metadata } from "next";
import Link from "next/link";
import { PublicSiteHeader, PublicVerdict } from "@/components/public-site/public-site-header";
import { formatDate } from "@/components/status-badge";
import { ANY_SCRIPT_CLASS, UserText as U } from "@/components/user-text";
import { listPublicFactChecks } from "@/lib/server/public-site/read-fact-checks";
import { publicIndexQuerySchema } from "@/lib/validation/public-site";

export const metadata: Metadata = {
  title: "Fact-checks",
  alternates: { types: { "application/atom+xml": "/fact-checks/feed.atom" } },
};

function pageHref(page: number, verdict: string | undefined): string {
  const params = new URLSearchParams();
  if (verdict) params.set("verdict", verdict);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/fact-checks?${query}` : "/fact-checks";
}

/** The public index of published fact-checks: newest first, paged, filtered by verdict. No sign-in. */
export default async function FactChecksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const query = publicIndexQuerySchema.parse({ page: first(raw.page), verdict: first(raw.verdict) || undefined, claimant: first(raw.claimant) || undefined });
  const result = await listPublicFactChecks(query);
  const start = (result.page - 1) * result.pageSize;
  return (
    <>
      <PublicSiteHeader deskName={result.deskName} />
      <div className={`public-site-body ${ANY_SCRIPT_CLASS}`}>
        <h1>Fact-checks</h1>
        <form method="get" action="/fact-checks" className="filters">
          <label>
            Verdict{" "}
            <select name="verdict" defaultValue={query.verdict ?? ""}>
              <option value="">All verdicts</option>
              {result.scale.map((r) => (
                <option key={r.key} value={r.key}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>{" "}
          <button type="submit">Filter</button>
        </form>
        {result.items.length === 0 ? (
          <p className="muted" data-testid="public-empty">
            No published fact-checks{query.verdict ? " with this verdict" : ""} yet.
          </p>
        ) : (
          <>
            <p className="muted">
              Showing {start + 1}–{start + result.items.length} of {result.total.toLocaleString("en-US")} fact-checks
            </p>
            <ol className="public-list" data-testid="public-fact-checks">
              {result.items.map((item) => (
                <li key={item.claimId} data-claim-id={item.claimId}>
                  <PublicVerdict label={item.label} color={item.color} />{" "}
                  <Link href={`/fact-checks/${item.claimId}`}>
                    <U>{item.claim}</U>
                  </Link>
                  <div className="muted">
                    <U>{item.article.outlet}</U>, “<U>{item.article.title}</U>” · published {formatDate(item.publishedAt)}
                    {item.corrected && " · corrected"}
                  </div>
                </li>
              ))}
            </ol>
          </>
        )}
        <nav aria-label="Pages" className="pager">
          {result.page > 1 && <Link href={pageHref(result.page - 1, query.verdict)}>Newer</Link>}{" "}
          {result.hasNext && <Link href={pageHref(result.page + 1, query.verdict)}>Older</Link>}
        </nav>
      </div>
    </>
  );
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
