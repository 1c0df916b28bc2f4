import "server-only";
import type { Db } from "./db";

export interface TokenOriginView {
  tokenId: string;
  /** The token's name and visible prefix, or null when the token row is gone. */
  tokenName: string | null;
  tokenPrefix: string | null;
  /** The human who created the token. */
  creatorName: string | null;
}

/**
 * Adds `via` to audit events done through an API token: the token's name and prefix and its creator's
 * name, for the claim timeline. One query for the tokens (with their creators) whatever the number of
 * events, none when no event came through a token.
 */
export async function withTokenOrigins<E extends { tokenId: string | null; tokenCreatorId: string | null }>(
  db: Db,
  events: E[],
): Promise<(E & { via: TokenOriginView | null })[]> {
  const ids = [...new Set(events.map((e) => e.tokenId).filter((id): id is string => id !== null))];
  const tokens = ids.length
    ? await db.apiToken.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, prefix: true, createdBy: { select: { id: true, name: true } } } })
    : [];
  const byId = new Map(tokens.map((t) => [t.id, t]));
  return events.map((e) => {
    if (!e.tokenId) return { ...e, via: null };
    const token = byId.get(e.tokenId);
    return {
      ...e,
      via: {
        tokenId: e.tokenId,
        tokenName: token?.name ?? null,
        tokenPrefix: token?.prefix ?? null,
        creatorName: token && token.createdBy.id === e.tokenCreatorId ? token.createdBy.name : null,
      },
    };
  });
}
