import "server-only";
import { CLAIM_STATUSES, describeStatus } from "@/lib/domain/claim-status";
import { recentWeeks } from "@/lib/domain/due-dates";
import { CURRENT_VERDICT_STATES } from "@/lib/domain/verdict-scale";
import { getDb } from "./db";
import { assertEditor, type Actor } from "./permissions";
import { getVerdictScale } from "./settings";
import { overdueClaimsWhere } from "./workload";

/** How many weeks of throughput the dashboard shows. */
export const THROUGHPUT_WEEKS = 8;
const OVERDUE_LISTED = 10;

/**
 * The desk's dashboard (editors): claims by status, overdue claims, verdicts approved per reviewer
 * per ISO week, and the distribution of current verdicts. A fixed number of grouped queries.
 */
export async function getDashboard(actor: Actor, now = new Date()) {
  assertEditor(actor, "see the dashboard");
  const db = await getDb();
  const weeks = recentWeeks(now, THROUGHPUT_WEEKS);
  const [byStatus, overdueCount, overdue, verdictGroups, scale, ...weekly] = await Promise.all([
    db.claim.groupBy({ by: ["status"], _count: { _all: true } }),
    db.claim.count({ where: overdueClaimsWhere(now) }),
    db.claim.findMany({
      where: overdueClaimsWhere(now),
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      take: OVERDUE_LISTED,
      select: { id: true, text: true, status: true, dueAt: true, assignee: { select: { name: true } } },
    }),
    db.verdict.groupBy({ by: ["rating", "state"], where: { state: { in: [...CURRENT_VERDICT_STATES] } }, _count: { _all: true } }),
    getVerdictScale(db),
    ...weeks.map((w) =>
      db.verdict.groupBy({ by: ["proposedById"], where: { approvedAt: { gte: w.start, lt: w.end } }, _count: { _all: true } }),
    ),
  ]);

  const statusCounts = new Map(byStatus.map((g) => [g.status, g._count._all]));
  const statuses = CLAIM_STATUSES.map((status) => ({ status, label: describeStatus(status), count: statusCounts.get(status) ?? 0 }));

  const reviewerIds = [...new Set(weekly.flatMap((groups) => groups.map((g) => g.proposedById)))];
  const reviewers = await db.user.findMany({ where: { id: { in: reviewerIds } }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
  const throughput = {
    reviewers,
    weeks: weeks.map((w, i) => {
      const counts = new Map(weekly[i]!.map((g) => [g.proposedById, g._count._all]));
      return { label: w.label, start: w.start, counts: Object.fromEntries(reviewers.map((r) => [r.id, counts.get(r.id) ?? 0])) as Record<string, number> };
    }),
  };

  const known = new Set(scale.map((r) => r.key));
  const ratingKeys = [...scale.map((r) => r.key), ...new Set(verdictGroups.map((g) => g.rating).filter((k) => !known.has(k)))];
  const verdicts = ratingKeys.map((key) => {
    const rating = scale.find((r) => r.key === key);
    const count = (state: string) => verdictGroups.find((g) => g.rating === key && g.state === state)?._count._all ?? 0;
    return {
      key,
      label: rating?.label ?? key,
      color: rating?.color ?? "#6e7781",
      proposed: count("PROPOSED"),
      approved: count("APPROVED"),
      published: count("PUBLISHED"),
    };
  });

  return { generatedAt: now, statuses, overdue: { count: overdueCount, claims: overdue }, throughput, verdicts };
}
export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
