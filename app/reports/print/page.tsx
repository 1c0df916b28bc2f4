import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { PrintableReport } from "@/components/report/printable-report";
import { AppError } from "@/lib/domain/errors";
import { getCurrentUser } from "@/lib/server/auth";
import { loadPrintableReport } from "@/lib/server/report-page";
import { reportScopeSchema, searchParamsToObject } from "@/lib/validation/reports";

export const metadata: Metadata = { title: "Printable report" };

function toSearchParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, v);
  return params;
}

export default async function PrintableReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = toSearchParams(await searchParams);
  const actor = await getCurrentUser();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(`/reports/print?${params.toString()}`)}`);
  const parsed = reportScopeSchema.safeParse(searchParamsToObject(params));
  const back = `/reports?${params.toString()}`;
  if (!parsed.success) {
    return (
      <p className="form-message error" data-testid="report-error">
        {parsed.error.issues[0]?.message ?? "This report's address is not valid."} <Link href="/reports">Start over</Link>
      </p>
    );
  }
  let loaded: Awaited<ReturnType<typeof loadPrintableReport>>;
  try {
    loaded = await loadPrintableReport(actor, parsed.data);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    if (error instanceof AppError) {
      return (
        <p className="form-message error" data-testid="report-error">
          {error.message} <Link href={back}>Back to the export page</Link>
        </p>
      );
    }
    throw error;
  }
  return <PrintableReport report={loaded.report} jsonLd={loaded.jsonLd} link={{ href: back, label: "Export in other formats" }} />;
}
