import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AgreementPanel } from "@/components/dashboard/agreement-panel";
import { BarChartFigure } from "@/components/dashboard/bar-chart-figure";
import { formatDate, formatDateTime, StatusBadge } from "@/components/status-badge";
import { OPEN_STATUSES } from "@/lib/domain/claim-status";
import { getReviewerAgreement } from "@/lib/server/agreement";
import { getCurrentUser } from "@/lib/server/auth";
import { getDashboard, THROUGHPUT_WEEKS } from "@/lib/server/dashboard";
import { isEditor } from "@/lib/server/permissions";

export const metadata: Metadata = { title: "Dashboard" };

/** Distinguishable colours for reviewers' bars (colour-blind-safe Okabe–Ito order). */
const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

export default async function DashboardPage() {
  const actor = await getCurrentUser();
  if (!actor) redirect("/login?callbackUrl=/dashboard");
  if (!isEditor(actor)) redirect("/claims");
  const [d, agreement] = await Promise.all([getDashboard(actor), getReviewerAgreement(actor)]);
  const open = d.statuses.filter((s) => OPEN_STATUSES.includes(s.status)).reduce((n, s) => n + s.count, 0);
  const published = d.statuses.find((s) => s.status === "PUBLISHED")?.count ?? 0;
  const waiting = d.statuses.find((s) => s.status === "NEW")?.count ?? 0;

  return (
    <>
      <h1>Dashboard</h1>
      <p className="muted">As of {formatDateTime(d.generatedAt)}.</p>
      <div className="figures" data-testid="dashboard-figures">
        <div className="panel" data-testid="figure-overdue">
          <p className="figure">{d.overdue.count}</p>
          <Link href="/claims?due=overdue">overdue claims</Link>
        </div>
        <div className="panel" data-testid="figure-open">
          <p className="figure">{open}</p>
          <span className="muted">open claims (assigned, in review, waiting)</span>
        </div>
        <div className="panel" data-testid="figure-unassigned">
          <p className="figure">{waiting}</p>
          <Link href="/claims?assigneeId=none&status=NEW">waiting for a reviewer</Link>
        </div>
        <div className="panel" data-testid="figure-published">
          <p className="figure">{published}</p>
          <Link href="/claims?status=PUBLISHED">published</Link>
        </div>
      </div>

      <div className="charts" style={{ marginTop: "1rem" }}>
        <BarChartFigure
          title="Claims by status"
          description="Every claim of the desk, suggestions included, by its place in the workflow."
          rows={d.statuses.map((s) => ({ status: s.label, count: s.count }))}
          categoryKey="status"
          categoryLabel="Status"
          series={[{ key: "count", label: "Claims", color: "#1f5fbf" }]}
          testId="chart-status"
        />
        <BarChartFigure
          title="Verdict distribution"
          description="Current verdicts by rating: proposed, approved and published."
          rows={d.verdicts.map((v) => ({ rating: v.label, proposed: v.proposed, approved: v.approved, published: v.published }))}
          categoryKey="rating"
          categoryLabel="Verdict"
          series={[
            { key: "proposed", label: "Proposed", color: "#E69F00" },
            { key: "approved", label: "Approved", color: "#56B4E9" },
            { key: "published", label: "Published", color: "#009E73" },
          ]}
          stacked
          testId="chart-verdicts"
        />
        {d.throughput.reviewers.length === 0 ? (
          <section className="panel" aria-label="Throughput" data-testid="chart-throughput">
            <h2>Throughput per reviewer</h2>
            <p className="muted">No verdict was approved in the last {THROUGHPUT_WEEKS} weeks.</p>
          </section>
        ) : (
          <BarChartFigure
            title="Throughput per reviewer"
            description={`Verdicts approved per ISO week, by the reviewer who proposed them (last ${THROUGHPUT_WEEKS} weeks).`}
            rows={d.throughput.weeks.map((w) => ({ week: w.label, ...w.counts }))}
            categoryKey="week"
            categoryLabel="Week"
            series={d.throughput.reviewers.map((r, i) => ({ key: r.id, label: r.name, color: PALETTE[i % PALETTE.length]! }))}
            stacked
            testId="chart-throughput"
          />
        )}
        <section className="panel" aria-label="Overdue claims" data-testid="overdue-list">
          <h2>Overdue claims</h2>
          {d.overdue.claims.length === 0 ? (
            <p className="muted">Nothing is overdue.</p>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Claim</th>
                  <th scope="col">Status</th>
                  <th scope="col">Assignee</th>
                  <th scope="col">Due</th>
                </tr>
              </thead>
              <tbody>
                {d.overdue.claims.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link href={`/claims/${c.id}`}>{c.text.length > 90 ? `${c.text.slice(0, 89)}…` : c.text}</Link>
                    </td>
                    <td>
                      <StatusBadge status={c.status} />
                    </td>
                    <td>{c.assignee?.name ?? <span className="muted">Unassigned</span>}</td>
                    <td>{formatDate(c.dueAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {d.overdue.count > d.overdue.claims.length && (
            <p>
              <Link href="/claims?due=overdue">All {d.overdue.count} overdue claims</Link>
            </p>
          )}
        </section>
        <AgreementPanel data={agreement} />
      </div>
    </>
  );
}
