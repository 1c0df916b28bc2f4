import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { formatDate, PriorityBadge, StatusBadge } from "@/components/status-badge";
import { CLAIM_STATUSES, describeStatus } from "@/lib/domain/claim-status";
import { getCurrentUser } from "@/lib/server/auth";
import { listClaims } from "@/lib/server/claims";
import { isEditor } from "@/lib/server/permissions";
import { listAssignableUsers } from "@/lib/server/users";
import { claimListFilterSchema } from "@/lib/validation/claims";

export const metadata: Metadata = { title: "Claims" };

export default async function ClaimsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await getCurrentUser();
  if (!actor) redirect("/login?callbackUrl=/claims");
  const raw = await searchParams;
  const parsed = claimListFilterSchema.safeParse(
    Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === "string" && v !== "")),
  );
  const filter = parsed.success ? parsed.data : {};
  const editor = isEditor(actor);
  const [claims, people] = await Promise.all([listClaims(actor, filter), editor ? listAssignableUsers(actor) : Promise.resolve([])]);

  return (
    <>
      <h1>{editor ? "All claims" : "My claims"}</h1>
      <form className="row panel" method="get" aria-label="Filter claims">
        <label>
          Status
          <select name="status" defaultValue={filter.status ?? ""}>
            <option value="">Any</option>
            {CLAIM_STATUSES.filter((s) => s !== "REJECTED").map((s) => (
              <option key={s} value={s}>
                {describeStatus(s)}
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
        <button type="submit" className="secondary">
          Filter
        </button>
        <Link className="button secondary" href={`/reports?${new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "")).toString()}`} data-testid="export-claims-report">
          Export these claims…
        </Link>
      </form>
      {claims.length === 0 ? (
        <p className="panel muted">{editor ? "No claims match this view." : "No claims are assigned to you right now."}</p>
      ) : (
        <table className="data" data-testid="claims-table">
          <thead>
            <tr>
              <th>Claim</th>
              <th>Status</th>
              <th>Article</th>
              <th>Assignee</th>
              <th>Priority</th>
              <th>Due</th>
            </tr>
          </thead>
          <tbody>
            {claims.map((c) => (
              <tr key={c.id} data-testid="claim-row">
                <td>
                  <Link href={`/claims/${c.id}`}>{c.text.length > 140 ? `${c.text.slice(0, 137)}…` : c.text}</Link>
                </td>
                <td>
                  <StatusBadge status={c.status} />
                </td>
                <td>
                  <Link href={`/articles/${c.article.id}`}>{c.article.title}</Link>
                  <div className="muted">{c.article.outlet}</div>
                </td>
                <td>{c.assignee?.name ?? <span className="muted">Unassigned</span>}</td>
                <td>
                  <PriorityBadge priority={c.priority} />
                </td>
                <td>{formatDate(c.dueAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
