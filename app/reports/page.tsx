import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ReportExporter } from "@/components/report/report-exporter";
import { IgnoredFilters } from "@/components/filter-select";
import { describeStatus, LISTED_STATUSES } from "@/lib/domain/claim-status";
import { describeClaimListFilters } from "@/lib/domain/report/scope";
import { listArticles } from "@/lib/server/articles";
import { getCurrentUser } from "@/lib/server/auth";
import { isEditor } from "@/lib/server/permissions";
import { readVerdictScale } from "@/lib/server/settings";
import { listAssignableUsers } from "@/lib/server/users";
import { claimListFilterSchema, parseClaimListFilter } from "@/lib/validation/claims";

export const metadata: Metadata = { title: "Reports" };

/** Fields the export form shows; other claim-list filters in the address are carried along as they are. */
const FORM_FIELDS = new Set(["format", "articleId", "status", "assigneeId", "from", "to", "includeWip"]);
const FILTER_KEYS = new Set(Object.keys(claimListFilterSchema.shape));

export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await getCurrentUser();
  if (!actor) redirect("/login?callbackUrl=/reports");
  const raw = await searchParams;
  const initial: Record<string, string> = {};
  const extra: Record<string, string> = {};
  const given: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!FORM_FIELDS.has(key) && FILTER_KEYS.has(key) && value !== undefined && value !== "") given[key] = value;
    if (typeof value !== "string" || value === "") continue;
    if (FORM_FIELDS.has(key)) initial[key] = value;
    else if (FILTER_KEYS.has(key)) extra[key] = value;
  }
  // The carried filters are checked like the claim list checks them: a bad one (a repeated search too)
  // is dropped and named; another repeated filter counts by its first value, as on the claims page.
  const { filter: carried, ignored, reasons } = parseClaimListFilter(given);
  for (const [key, value] of Object.entries(given)) if (Array.isArray(value) && value[0]) extra[key] = value[0];
  for (const key of ignored) delete extra[key];
  const editor = isEditor(actor);
  const [articles, people, scale] = await Promise.all([
    listArticles(actor),
    editor ? listAssignableUsers(actor) : Promise.resolve([]),
    readVerdictScale(actor),
  ]);
  const carriedLines = describeClaimListFilters(carried, scale);
  return (
    <>
      <h1>Verdict reports</h1>
      <p className="muted">
        Export the verdicts of an article, of a filtered claim list or of a date range as CSV, JSON, NDJSON, schema.org ClaimReview or PDF, or
        open the printable report. {editor ? "" : "Reports hold the claims assigned to you."}
      </p>
      <IgnoredFilters names={ignored} reasons={reasons} />
      {carriedLines.length > 0 && (
        <p className="muted" data-testid="carried-filters">
          Also filtered as on the claim list: {carriedLines.join(" · ")}.
        </p>
      )}
      <ReportExporter
        options={{
          endpoint: "/api/v1/reports",
          printPath: "/reports/print",
          editor,
          articles: articles.map((a) => ({ id: a.id, title: a.title })),
          statuses: LISTED_STATUSES.map((s) => ({ value: s, label: describeStatus(s) })),
          people: people.map((p) => ({ id: p.id, name: p.name })),
          initial,
          extra,
        }}
      />
    </>
  );
}
