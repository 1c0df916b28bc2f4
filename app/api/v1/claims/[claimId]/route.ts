import { handleApiRequest, otherApiMethods } from "@/lib/server/api-request";
import { getClaimFromRequest } from "@/lib/server/api-v1";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ claimId: string }> }) {
  return handleApiRequest(request, "api.claims.get", async ({ actor }) => getClaimFromRequest(actor, (await context.params).claimId));
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherApiMethods(["GET"]);
