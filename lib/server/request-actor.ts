import "server-only";
import { requireUser } from "./auth";
import type { Actor } from "./permissions";

/**
 * The acting user of a route-handler request. Today: the signed-in session (cookie). The one place
 * to add other credentials (API tokens) so every route handler resolves its actor the same way.
 */
export async function requireRequestActor(_request: Request): Promise<Actor> {
  return requireUser();
}
