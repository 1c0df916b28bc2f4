import { otherApiMethods, withApiSecurityHeaders } from "@/lib/server/api-request";
import { buildOpenApiDocument } from "@/lib/validation/openapi";

export const dynamic = "force-dynamic";

/** The document is the same for every request: built once per server process. */
let document: string | undefined;

/**
 * The API's OpenAPI 3.1 description, generated from the zod schemas the endpoints validate with.
 * Public. Rendered per request (the build is cached in memory) so it gets the API's security headers,
 * HSTS included, like every /api/v1 answer (the proxy skips /api/v1, proxy.ts).
 */
export async function GET(request: Request) {
  document ??= JSON.stringify(buildOpenApiDocument());
  const response = new Response(document, { headers: { "Content-Type": "application/json", "Cache-Control": "public, max-age=300" } });
  return withApiSecurityHeaders(request, response);
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherApiMethods(["GET"]);
