import { otherApiMethods, withApiSecurityHeaders } from "@/lib/server/api-request";
import { getDb } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";

export const dynamic = "force-dynamic";

const HEADERS = {
  "Cache-Control": "no-store",
  "Content-Type": "application/json; charset=utf-8",
};

/** How long readiness waits for the database before it says "unavailable". */
const READY_TIMEOUT_MS = 3_000;

/** The database ping in flight: concurrent readiness checks share it (one SELECT, not one each). */
let ping: Promise<boolean> | null = null;

/** True when `SELECT 1` answered within READY_TIMEOUT_MS; a failure or the timeout is logged, never thrown. */
function pingDatabase(): Promise<boolean> {
  ping ??= (async () => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
    });
    try {
      await Promise.race([(async () => (await getDb()).$queryRawUnsafe("SELECT 1"))(), timeout]);
      return true;
    } catch (error) {
      logger.warn({ err: error }, "health check: the database did not answer");
      return false;
    } finally {
      clearTimeout(timer);
      ping = null;
    }
  })();
  return ping;
}

/**
 * Health check for load balancers and orchestrators; no session, and the proxy (proxy.ts) skips it.
 * - `GET /api/health` (liveness): 200 `{"status":"ok"}` while the process serves requests; touches nothing.
 * - `GET /api/health?ready=1` (readiness): also runs `SELECT 1` on the database; 200 `{"status":"ok","database":"ok"}`,
 *   or 503 `{"status":"unavailable","database":"unavailable"}` with `Retry-After: 5` when it fails or
 *   gives no answer within 3 s (the error goes to the server log, never to the caller). Concurrent
 *   readiness checks share one ping, so a flood of them costs the database one query at a time.
 * Every answer, other methods' 405 included, carries the API's security headers (CSP, HSTS over HTTPS).
 * `npm run bench:pages -- --only floor` also uses the liveness answer as the cheapest route of the stack.
 */
export async function GET(request: Request): Promise<Response> {
  if (new URL(request.url).searchParams.get("ready") === null) return withApiSecurityHeaders(request, new Response('{"status":"ok"}', { headers: HEADERS }));
  if (await pingDatabase()) return withApiSecurityHeaders(request, new Response('{"status":"ok","database":"ok"}', { headers: HEADERS }));
  const unavailable = new Response('{"status":"unavailable","database":"unavailable"}', { status: 503, headers: { ...HEADERS, "Retry-After": "5" } });
  return withApiSecurityHeaders(request, unavailable);
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherApiMethods(["GET"]);
