import { buildOpenApiDocument } from "@/lib/validation/openapi";

export const dynamic = "force-static";

/** The API's OpenAPI 3.1 description, generated from the zod schemas the endpoints validate with. Public. */
export async function GET() {
  return Response.json(buildOpenApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
