import "server-only";
import { headers } from "next/headers";
import { ratingBounds, renderClaimReviews, serializeJsonLd, type ReportDocument } from "@/lib/domain/report";
import type { Actor } from "./permissions";
import { publicBaseUrl } from "./report-export";
import { loadReportDocument, type ReportScope } from "./reports";

/** The origin of the page being rendered (for absolute permalinks), unless NEXTAUTH_URL names it. */
async function pageOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return publicBaseUrl(`${proto}://${host}`);
}

/** A report for a page: the document and its ClaimReview markup, escaped for a <script> element. */
export async function loadPrintableReport(actor: Actor, scope: ReportScope): Promise<{ report: ReportDocument; jsonLd: string | null }> {
  const report = await loadReportDocument(actor, scope, { baseUrl: await pageOrigin() });
  const reviews = renderClaimReviews(report.entries, report.header, ratingBounds(report.scale));
  return { report, jsonLd: reviews.length > 0 ? serializeJsonLd(reviews.length === 1 ? reviews[0] : reviews) : null };
}
