import { notFound } from "@/lib/domain/errors";
import { isEditor } from "@/lib/server/permissions";
import { createReportResponse, publicBaseUrl } from "@/lib/server/report-export";
import { requireRequestActor } from "@/lib/server/request-actor";
import { toErrorResponse } from "@/lib/server/respond";
import { idSchema } from "@/lib/validation/common";

export const dynamic = "force-dynamic";

/**
 * The article's CSV verdict report, as before /api/v1/reports existed: for editors every claim of the
 * article (work in progress marked), for reviewers their approved or published claims.
 */
export async function GET(request: Request, context: { params: Promise<{ articleId: string }> }) {
  try {
    const actor = await requireRequestActor(request);
    const parsedId = idSchema.safeParse((await context.params).articleId);
    if (!parsedId.success) throw notFound("article");
    const query = { format: "csv", articleId: parsedId.data, includeWip: isEditor(actor) } as const;
    return await createReportResponse(actor, query, { baseUrl: publicBaseUrl(new URL(request.url).origin) });
  } catch (error) {
    return toErrorResponse(error, { route: "article-report-csv" });
  }
}
