import { handleApiRequest, otherApiMethods } from "@/lib/server/api-request";
import { importArticleFromRequest } from "@/lib/server/api-v1";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return handleApiRequest(request, "api.articles.import", ({ actor }) => importArticleFromRequest(actor, request));
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherApiMethods(["POST"]);
