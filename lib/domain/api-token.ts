/**
 * API token rules as plain data: what a scope allows and what state a token is in. The data-access
 * layer (lib/server/api-tokens.ts) applies them on every request.
 */
export const API_TOKEN_SCOPES = ["READ", "WRITE"] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

export const API_TOKEN_SCOPE_LABELS: Record<ApiTokenScope, string> = {
  READ: "Read only",
  WRITE: "Read and write",
};

/** What a request needs: reading (GET, HEAD) or changing something (everything else). */
export type ApiAccess = "read" | "write";

export function accessForMethod(method: string): ApiAccess {
  return method === "GET" || method === "HEAD" ? "read" : "write";
}

export function isApiTokenScope(value: string): value is ApiTokenScope {
  return (API_TOKEN_SCOPES as readonly string[]).includes(value);
}

/** A read token reads; a write token reads and writes. Unknown scopes allow nothing. */
export function scopeAllows(scope: string, access: ApiAccess): boolean {
  if (scope === "WRITE") return true;
  return scope === "READ" && access === "read";
}

export type ApiTokenStatus = "ACTIVE" | "EXPIRED" | "REVOKED";

export function apiTokenStatus(token: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): ApiTokenStatus {
  if (token.revokedAt) return "REVOKED";
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return "EXPIRED";
  return "ACTIVE";
}

/**
 * Tokens look like `clk_` + 43 base64url characters (32 random bytes). The prefix helps secret
 * scanners and people recognise them; the shape check refuses junk before any database work.
 */
export const API_TOKEN_PREFIX = "clk_";
export const API_TOKEN_PATTERN = /^clk_[A-Za-z0-9_-]{43}$/;
/** How much of a token is kept in clear to tell tokens apart in the list (4 + 6 characters). */
export const API_TOKEN_VISIBLE_CHARS = 10;
