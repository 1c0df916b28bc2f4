import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/server/auth";
import { isEditor } from "@/lib/server/permissions";
import { getWorkload } from "@/lib/server/workload";

export const metadata: Metadata = { title: "Workload" };

export default async function WorkloadPage() {
  const actor = await getCurrentUser();
  if (!actor) redirect("/login?callbackUrl=/workload");
  if (!isEditor(actor)) redirect("/claims");
  const { rows, unassigned } = await getWorkload(actor);
  const link = (query: string) => `/claims?${query}`;
  return (
    <>
      <h1>Workload</h1>
      <p className="muted">Open claims are assigned and not yet approved (waiting for approval included); overdue ones are past their due date.</p>
      <table className="data" data-testid="workload-table">
        <caption className="visually-hidden">Claims per reviewer</caption>
        <thead>
          <tr>
            <th scope="col">Reviewer</th>
            <th scope="col" className="num">
              Open
            </th>
            <th scope="col" className="num">
              Overdue
            </th>
            <th scope="col" className="num">
              Waiting for approval
            </th>
            <th scope="col" className="num">
              Completed
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.user.id} data-testid="workload-row" data-user-id={r.user.id}>
              <th scope="row">
                <Link href={link(`assigneeId=${r.user.id}`)}>{r.user.name}</Link>
                {r.user.role !== "REVIEWER" && <span className="muted"> ({r.user.role.toLowerCase()})</span>}
                {!r.user.active && <span className="muted"> (deactivated)</span>}
              </th>
              <td className="num" data-col="open">
                {r.open}
              </td>
              <td className="num" data-col="overdue">
                {r.overdue > 0 ? <Link href={link(`assigneeId=${r.user.id}&due=overdue`)}>{r.overdue}</Link> : 0}
              </td>
              <td className="num" data-col="waiting">
                {r.waitingForApproval > 0 ? <Link href={link(`assigneeId=${r.user.id}&status=PROPOSED`)}>{r.waitingForApproval}</Link> : 0}
              </td>
              <td className="num" data-col="completed">
                {r.completed}
              </td>
            </tr>
          ))}
          <tr data-testid="workload-unassigned">
            <th scope="row">
              <Link href={link("assigneeId=none")}>Unassigned</Link>
            </th>
            <td className="num" data-col="open">
              {unassigned.open}
            </td>
            <td className="num" data-col="overdue">
              {unassigned.overdue > 0 ? <Link href={link("assigneeId=none&due=overdue")}>{unassigned.overdue}</Link> : 0}
            </td>
            <td className="num">—</td>
            <td className="num">—</td>
          </tr>
        </tbody>
      </table>
    </>
  );
}
