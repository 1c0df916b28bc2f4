import { notFound } from "@/lib/domain/errors";
import { createReportResponse, publicBaseUrl } from "@/lib/server/report-export";
import { requireRequestActor } from "@/lib/server/request-actor";
import { toErrorResponse } from "@/lib/server/respond";
import { idSchema } from "@/lib/validation/common";

export const dynamic = "force-dynamic";

/**
 * The article's CSV verdict report as it was before /api/v1/reports: every claim of the article the
 * user may see (a reviewer: their own), in any state, work in progress marked; same file name.
 */
export async function GET(request: Request, context: { params: Promise<{ articleId: string }> }) {
  try {
    const actor = await requireRequestActor(request);
    const parsedId = idSchema.safeParse((await context.params).articleId);
    if (!parsedId.success) throw notFound("article");
    const articleId = parsedId.data;
    return await createReportResponse(actor, { format: "csv", articleId, includeWip: true }, {
      baseUrl: publicBaseUrl(new URL(request.url).origin),
      ownWorkInProgress: true,
      filename: `claimledger-report-${articleId}.csv`,
    });
  } catch (error) {
    return toErrorResponse(error, { route: "article-report-csv" });
  }
}
