import { handleApiRequest, otherApiMethods } from "@/lib/server/api-request";
import { listClaimsFromRequest } from "@/lib/server/api-v1";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return handleApiRequest(request, "api.claims.list", ({ actor }) => listClaimsFromRequest(actor, request));
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherApiMethods(["GET"]);
