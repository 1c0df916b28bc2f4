import { notFound } from "@/lib/domain/errors";
import { renderReportCsv } from "@/lib/domain/report";
import { requireUser } from "@/lib/server/auth";
import { getArticleReport } from "@/lib/server/reports";
import { toErrorResponse } from "@/lib/server/respond";
import { idSchema } from "@/lib/validation/common";

export const dynamic = "force-dynamic";

/** CSV verdict report of one article (the claims the user may see). */
export async function GET(_request: Request, context: { params: Promise<{ articleId: string }> }) {
  try {
    const actor = await requireUser();
    const parsedId = idSchema.safeParse((await context.params).articleId);
    if (!parsedId.success) throw notFound("article");
    const articleId = parsedId.data;
    const { article, rows } = await getArticleReport(actor, articleId);
    const filename = `claimledger-report-${article.id}.csv`;
    return new Response(`\uFEFF${renderReportCsv(rows)}`, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    return toErrorResponse(error, { route: "article-report-csv" });
  }
}
