import { handleApiRequest, otherApiMethods } from "@/lib/server/api-request";
import { proposeVerdictFromRequest } from "@/lib/server/api-v1";

export const dynamic = "force-dynamic";

export async function POST(request: Request, context: { params: Promise<{ claimId: string }> }) {
  return handleApiRequest(request, "api.claims.verdict", async ({ actor }) =>
    proposeVerdictFromRequest(actor, request, (await context.params).claimId),
  );
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherApiMethods(["POST"]);
