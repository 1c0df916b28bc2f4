import "server-only";
import { describeStatus, isClaimStatus } from "@/lib/domain/claim-status";
import { AppError, notFound } from "@/lib/domain/errors";
import {
  buildReportEntry,
  describeClaimListFilters,
  FINAL_CLAIM_STATUSES,
  REPORT_DOCUMENT_LIMIT,
  summarizeReport,
  type ReportDocument,
  type ReportEntry,
  type ReportHeader,
} from "@/lib/domain/report";
import type { VerdictRating } from "@/lib/domain/verdict-scale";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { ReportScopeInput } from "@/lib/validation/reports";
import { findClaimSearchMatches } from "./claim-search";
import { claimListWhere } from "./claim/claim-list-where";
import { getDb, type Db } from "./db";
import { readReportRows } from "./report-rows";
import { assertEditor, isEditor, visibleClaimsWhere, type Actor } from "./permissions";
import { getPublicSiteSettings } from "./public-site/public-site-settings";
import { getDeskSettings, getVerdictScale } from "./settings";

/** Claims read per query when a report is streamed: memory stays flat whatever the report's size. */
export const REPORT_BATCH_SIZE = 250;

/** A report filtered by a text search covers at most this many best-ranked matches (an `IN` list's size). */
export const REPORT_SEARCH_LIMIT = 10_000;

export interface ReportOptions {
  /** The app's public origin, for the claims' permalinks. */
  baseUrl: string;
  /**
   * Work in progress is an editor's option. The article CSV of before the report exports gives
   * everyone the claims they may see in any state (for a reviewer: their own), and keeps doing so.
   */
  ownWorkInProgress?: boolean;
}

/** A report's scope: the validated query, or one claim (its permalink page). */
export type ReportScope = Omit<ReportScopeInput, "includeWip"> & { includeWip?: boolean; claimId?: string };

export interface PreparedReport {
  header: ReportHeader;
  scale: readonly VerdictRating[];
  /** Names the download: the article or claim id, the date range, or today's date. */
  filenameBase: string;
  /** The report's entries, one keyset-paginated query batch at a time. */
  batches(batchSize?: number): AsyncGenerator<ReportEntry[], void, undefined>;
}

function utcDayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

function utcDayEnd(day: string): Date {
  return new Date(`${day}T23:59:59.999Z`);
}

/**
 * Verdicts dated in the range: a published verdict by its publication, an approved one by its
 * approval; work in progress (when included) by the claim's last change.
 */
function dateRangeWhere(from: string | undefined, to: string | undefined, includeWip: boolean): Prisma.ClaimWhereInput | null {
  if (!from && !to) return null;
  const range: Prisma.DateTimeNullableFilter = {};
  if (from) range.gte = utcDayStart(from);
  if (to) range.lte = utcDayEnd(to);
  const dated: Prisma.ClaimWhereInput[] = [
    { verdicts: { some: { state: "PUBLISHED", publishedAt: range } } },
    { verdicts: { some: { state: "APPROVED", approvedAt: range } } },
  ];
  if (includeWip) dated.push({ status: { notIn: [...FINAL_CLAIM_STATUSES] }, updatedAt: range as Prisma.DateTimeFilter });
  return { OR: dated };
}

/** The article of an article-scoped report, if the actor may see it (a reviewer: holds one of their claims). */
async function findVisibleArticle(db: Db, actor: Actor, articleId: string) {
  const article = await db.article.findFirst({
    where: isEditor(actor) ? { id: articleId } : { id: articleId, claims: { some: visibleClaimsWhere(actor) } },
    select: { id: true, title: true, outlet: true },
  });
  if (!article) throw notFound("article");
  return article;
}

async function describeScope(
  db: Db,
  actor: Actor,
  scope: ReportScope,
  article: { title: string; outlet: string } | null,
  scale: readonly VerdictRating[],
): Promise<string[]> {
  const lines: string[] = [];
  if (article) lines.push(`Article: “${article.title}” (${article.outlet})`);
  if (scope.claimId) lines.push("One claim");
  if (scope.status && isClaimStatus(scope.status)) lines.push(`Claim status: ${describeStatus(scope.status)}`);
  if (scope.assigneeId === "none") lines.push("Assignee: nobody");
  else if (scope.assigneeId) {
    const person = await db.user.findUnique({ where: { id: scope.assigneeId }, select: { name: true } });
    lines.push(`Assignee: ${person?.name ?? "unknown person"}`);
  }
  lines.push(...describeClaimListFilters(scope, scale));
  if (scope.from || scope.to) lines.push(`Verdicts dated ${scope.from ?? "any time"} to ${scope.to ?? "today"} (UTC days, both included)`);
  if (!isEditor(actor)) lines.push(`Claims assigned to ${actor.name}`);
  lines.push(scope.includeWip ? "Includes work in progress, marked as such" : "Approved and published verdicts only");
  return lines;
}

/**
 * Resolves a report's scope for an actor: checks the rights (work in progress is for editors; an
 * article or claim the actor may not see is a 404), builds the query from the claim list's filter
 * and the actor's visibility, and returns the header and a batch reader. Nothing is read in one
 * long transaction: each batch is its own short query, so other users are never held up.
 */
export async function prepareReport(actor: Actor, scope: ReportScope, options: ReportOptions): Promise<PreparedReport> {
  const includeWip = scope.includeWip === true;
  if (includeWip && !options.ownWorkInProgress) assertEditor(actor, "include work in progress in a report");
  const db = await getDb();
  const article = scope.articleId ? await findVisibleArticle(db, actor, scope.articleId) : null;
  if (scope.claimId) {
    const claim = await db.claim.findFirst({ where: { AND: [{ id: scope.claimId }, visibleClaimsWhere(actor)] }, select: { id: true } });
    if (!claim) throw notFound();
  }
  // A text search keeps its REPORT_SEARCH_LIMIT newest matches (the report's scope says so when it cut);
  // the report has its own order, so they are not ranked.
  const search = await findClaimSearchMatches(db, actor, scope.q, REPORT_SEARCH_LIMIT, { order: "newest" });
  const conditions: Prisma.ClaimWhereInput[] = [claimListWhere(actor, scope, new Date(), search)];
  if (scope.claimId) conditions.push({ id: scope.claimId });
  if (!includeWip) conditions.push({ status: { in: [...FINAL_CLAIM_STATUSES] } });
  const dated = dateRangeWhere(scope.from, scope.to, includeWip);
  if (dated) conditions.push(dated);
  const where: Prisma.ClaimWhereInput = { AND: conditions };
  // Keyset pagination on an indexed, unique order: an article's claims in text order, else creation order (cuid).
  const byPosition = article !== null;
  const orderBy: Prisma.ClaimOrderByWithRelationInput[] = byPosition ? [{ start: "asc" }, { id: "asc" }] : [{ id: "asc" }];

  const [scale, desk, publicSite] = await Promise.all([getVerdictScale(db), getDeskSettings(db), getPublicSiteSettings(db)]);
  const scopeLines = await describeScope(db, actor, scope, article, scale);
  if (search?.capped) scopeLines.push(`The search's ${REPORT_SEARCH_LIMIT.toLocaleString("en-US")} newest matches only`);
  const header: ReportHeader = {
    title: article ? `Verdict report: ${article.title}` : "Verdict report",
    scope: scopeLines,
    generatedAt: new Date().toISOString(),
    includesWorkInProgress: includeWip,
    desk: { name: desk.name, url: desk.url ?? options.baseUrl },
    baseUrl: options.baseUrl,
    // ClaimReview `url`s point at the public fact-check pages (issue 16).
    publicBaseUrl: publicSite.baseUrl ?? options.baseUrl,
  };
  const filenameBase =
    article?.id ?? scope.claimId ?? (scope.from || scope.to ? `${scope.from ?? "start"}-to-${scope.to ?? "today"}` : header.generatedAt.slice(0, 10));

  async function* batches(batchSize = REPORT_BATCH_SIZE): AsyncGenerator<ReportEntry[], void, undefined> {
    let last: { id: string; start: number } | null = null;
    for (;;) {
      const after: Prisma.ClaimWhereInput[] = !last
        ? []
        : byPosition
          ? [{ OR: [{ start: { gt: last.start } }, { start: last.start, id: { gt: last.id } }] }]
          : [{ id: { gt: last.id } }];
      // Two queries per batch: the page of claim ids (scope, visibility, keyset), then their rows.
      const page = await db.claim.findMany({ where: { AND: [where, ...after] }, orderBy, take: batchSize, select: { id: true, start: true } });
      if (page.length === 0) return;
      yield await readReportRows(db, actor, page, (input) => buildReportEntry(input, scale));
      if (page.length < batchSize) return;
      const tail = page[page.length - 1]!;
      last = { id: tail.id, start: tail.start };
      // Let other requests run between two batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  return { header, scale, filenameBase, batches };
}

/**
 * A whole report in memory, for the layouts that need all of it (printable page, PDF): refused
 * beyond REPORT_DOCUMENT_LIMIT claims with advice to narrow it or take a streamed format.
 */
export async function loadReportDocument(
  actor: Actor,
  scope: ReportScope,
  options: ReportOptions & { limit?: number },
): Promise<ReportDocument & { filenameBase: string; scale: readonly VerdictRating[] }> {
  const limit = options.limit ?? REPORT_DOCUMENT_LIMIT;
  const report = await prepareReport(actor, scope, options);
  const entries: ReportEntry[] = [];
  for await (const batch of report.batches()) {
    entries.push(...batch);
    if (entries.length > limit) {
      throw new AppError(
        "VALIDATION",
        `This report has more than ${limit.toLocaleString("en-US")} claims, too many for the printable report and the PDF. Narrow it (an article, filters or dates) or export CSV, JSON or NDJSON, which have no limit.`,
      );
    }
  }
  return { header: report.header, summary: summarizeReport(entries, report.scale), entries, filenameBase: report.filenameBase, scale: report.scale };
}
