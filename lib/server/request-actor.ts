import "server-only";
import { actorFromBearer } from "./api-tokens";
import { requireUser } from "./auth";
import type { Actor } from "./permissions";

/**
 * The acting user of a route-handler request that serves both API clients and signed-in browsers
 * (report downloads): the API token's user when the request carries an Authorization header (a bad
 * token is refused with 401, too many requests with 429, never ignored), else the session (cookie).
 */
export async function requireRequestActor(request: Request): Promise<Actor> {
  const tokenActor = await actorFromBearer(request);
  if (tokenActor) return tokenActor;
  return requireUser();
}
