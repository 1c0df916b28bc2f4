import "server-only";
import { isClaimStatus } from "@/lib/domain/claim-status";
import { notFound } from "@/lib/domain/errors";
import { buildReportRows, type ReportClaimInput } from "@/lib/domain/report";
import { getDb } from "./db";
import { isEditor, visibleClaimsWhere, visibleEvidenceWhere, visibleVerdictsWhere, type Actor } from "./permissions";
import { getVerdictScale } from "./settings";

/**
 * The verdict report of one article: one row per claim the actor may see (a reviewer gets only their
 * own claims; an article without any is a 404). On a blind double review a reviewer's row carries only
 * their own verdict and evidence. A constant number of queries whatever the size.
 */
export async function getArticleReport(actor: Actor, articleId: string) {
  const db = await getDb();
  const visible = visibleClaimsWhere(actor);
  const article = await db.article.findFirst({
    where: isEditor(actor) ? { id: articleId } : { id: articleId, claims: { some: visible } },
    select: { id: true, title: true, outlet: true, url: true },
  });
  if (!article) throw notFound("article");
  const claims = await db.claim.findMany({
    where: { AND: [{ articleId: article.id }, visible, { status: { notIn: ["REJECTED", "SUGGESTED"] } }] },
    orderBy: { start: "asc" },
    include: {
      assignee: { select: { name: true } },
      evidence: { where: { AND: [{ deletedAt: null }, visibleEvidenceWhere(actor)] }, orderBy: { createdAt: "asc" }, select: { url: true, stance: true } },
      verdicts: {
        where: { AND: [{ state: { not: "SUPERSEDED" } }, visibleVerdictsWhere(actor)] },
        orderBy: { createdAt: "desc" },
        take: 1,
        include: { proposedBy: { select: { name: true } }, approvedBy: { select: { name: true } } },
      },
    },
  });
  const inputs: ReportClaimInput[] = claims.map((c) => {
    const v = c.verdicts[0];
    return {
      id: c.id,
      text: c.text,
      status: isClaimStatus(c.status) ? c.status : "NEW",
      articleTitle: article.title,
      articleOutlet: article.outlet,
      articleUrl: article.url,
      assigneeName: c.assignee?.name ?? null,
      updatedAt: c.updatedAt,
      verdict: v
        ? {
            rating: v.rating,
            rationale: v.rationale,
            state: v.state,
            proposedByName: v.proposedBy.name,
            approvedByName: v.approvedBy?.name ?? null,
            proposedAt: v.createdAt,
            approvedAt: v.approvedAt,
          }
        : null,
      evidence: c.evidence,
    };
  });
  return { article, rows: buildReportRows(inputs, await getVerdictScale(db)) };
}
