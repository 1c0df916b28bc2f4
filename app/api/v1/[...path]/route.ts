import { AppError } from "@/lib/domain/errors";
import { withApiSecurityHeaders } from "@/lib/server/api-request";
import { toErrorResponse } from "@/lib/server/respond";

/**
 * Any /api/v1/… path no route serves answers the API's JSON 404 ({ error: { code, message } }), not
 * the app's HTML page, whatever the method (issue 12). Routes that exist take precedence.
 */
function unknownPath(request: Request): Response {
  const path = new URL(request.url).pathname;
  const response = toErrorResponse(new AppError("NOT_FOUND", `There is no API endpoint at ${path}. See /api/v1/openapi.json.`), { route: "unknown", method: request.method });
  return withApiSecurityHeaders(request, response);
}

export const GET = unknownPath;
export const HEAD = unknownPath;
export const POST = unknownPath;
export const PUT = unknownPath;
export const PATCH = unknownPath;
export const DELETE = unknownPath;
export const OPTIONS = unknownPath;
