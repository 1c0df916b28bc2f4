import { otherApiMethods, withApiSecurityHeaders } from "@/lib/server/api-request";
import { createReportResponse, publicBaseUrl } from "@/lib/server/report-export";
import { requireRequestActor } from "@/lib/server/request-actor";
import { toErrorResponse } from "@/lib/server/respond";
import { reportQuerySchema, searchParamsToObject } from "@/lib/validation/reports";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/reports?format=csv|json|ndjson|claimreview|pdf plus the scope: articleId, the claim
 * list's filters, from/to (YYYY-MM-DD), includeWip=1 (editors). Streamed; errors as { error: … }.
 * A signed-in browser's session is checked by requireUser (request-actor.ts): someone who must set up
 * two-factor sign-in first gets 403, since the proxy does not run here (proxy.ts).
 */
export async function GET(request: Request) {
  return withApiSecurityHeaders(request, await report(request));
}

async function report(request: Request): Promise<Response> {
  try {
    const actor = await requireRequestActor(request);
    const url = new URL(request.url);
    const query = reportQuerySchema.parse(searchParamsToObject(url.searchParams));
    return await createReportResponse(actor, query, { baseUrl: publicBaseUrl(url.origin) });
  } catch (error) {
    return toErrorResponse(error, { route: "reports" });
  }
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherApiMethods(["GET"]);
