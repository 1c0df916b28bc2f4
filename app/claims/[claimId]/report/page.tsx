import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { PrintableReport } from "@/components/report/printable-report";
import { AppError } from "@/lib/domain/errors";
import { getCurrentUser } from "@/lib/server/auth";
import { isEditor } from "@/lib/server/permissions";
import { loadPrintableReport } from "@/lib/server/report-page";
import { idSchema } from "@/lib/validation/common";

export const metadata: Metadata = { title: "Claim report" };

/** The permalink of one claim's report (the ClaimReview url). Editors also see work in progress, marked. */
export default async function ClaimReportPage({ params }: { params: Promise<{ claimId: string }> }) {
  const { claimId } = await params;
  const actor = await getCurrentUser();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(`/claims/${claimId}/report`)}`);
  const id = idSchema.safeParse(claimId);
  if (!id.success) notFound();
  const loaded = await loadPrintableReport(actor, { claimId: id.data, includeWip: isEditor(actor) }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return <PrintableReport report={loaded.report} jsonLd={loaded.jsonLd} link={{ href: `/claims/${id.data}`, label: "Open the claim" }} />;
}
