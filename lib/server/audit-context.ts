import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Who is behind the current request when it came through an API token: the token and the human who
 * created it. appendAuditEvent records both on every event, and the four-eyes rule checks them.
 */
export interface TokenOrigin {
  tokenId: string;
  tokenCreatorId: string;
}

const storage = new AsyncLocalStorage<TokenOrigin>();

/** Runs `work` with `origin` as the token behind every audit event it writes. */
export function runThroughToken<T>(origin: TokenOrigin, work: () => Promise<T>): Promise<T> {
  return storage.run(origin, work);
}

/** The token behind the current request, or null for a browser session or a CLI. */
export function currentTokenOrigin(): TokenOrigin | null {
  return storage.getStore() ?? null;
}

/**
 * The humans behind one act: the acting user, plus the creator of the token it went through (an admin
 * who made a token acting as someone else is behind what that token does).
 */
export function humansBehind(actorId: string | null, origin: { tokenCreatorId?: string | null } | null): Set<string> {
  const humans = new Set<string>();
  if (actorId) humans.add(actorId);
  if (origin?.tokenCreatorId) humans.add(origin.tokenCreatorId);
  return humans;
}
