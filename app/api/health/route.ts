import { getDb } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";

export const dynamic = "force-dynamic";

const HEADERS = {
  "Cache-Control": "no-store",
  "Content-Type": "application/json; charset=utf-8",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
};

/**
 * Health check for load balancers and orchestrators; no session, and the proxy (proxy.ts) skips it.
 * - `GET /api/health` (liveness): 200 `{"status":"ok"}` while the process serves requests; touches nothing.
 * - `GET /api/health?ready=1` (readiness): also runs `SELECT 1` on the database; 200 `{"status":"ok","database":"ok"}`,
 *   or 503 `{"status":"unavailable","database":"unavailable"}` with `Retry-After: 5` when it fails (the
 *   error goes to the server log, never to the caller).
 * `npm run bench:pages -- --only floor` also uses the liveness answer as the cheapest route of the stack.
 */
export async function GET(request: Request): Promise<Response> {
  if (new URL(request.url).searchParams.get("ready") === null) return new Response('{"status":"ok"}', { headers: HEADERS });
  try {
    const db = await getDb();
    await db.$queryRawUnsafe("SELECT 1");
    return new Response('{"status":"ok","database":"ok"}', { headers: HEADERS });
  } catch (error) {
    logger.warn({ err: error }, "health check: the database did not answer");
    return new Response('{"status":"unavailable","database":"unavailable"}', { status: 503, headers: { ...HEADERS, "Retry-After": "5" } });
  }
}
