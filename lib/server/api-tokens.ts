import "server-only";
import { createHash, randomBytes } from "node:crypto";
import {
  accessForMethod,
  API_TOKEN_PATTERN,
  API_TOKEN_PREFIX,
  API_TOKEN_SCOPES,
  API_TOKEN_VISIBLE_CHARS,
  apiTokenStatus,
  isApiTokenScope,
  scopeAllows,
  type ApiAccess,
  type ApiTokenScope,
} from "@/lib/domain/api-token";
import { AppError, invalid, notFound } from "@/lib/domain/errors";
import { isRole, ROLES } from "@/lib/domain/roles";
import type { CreateApiTokenInput, RevokeApiTokenInput } from "@/lib/validation/api-tokens";
import { API_RATE_LIMITS, apiRateCounting, apiRatesCountedInSql, checkApiRateCount, consumeIpRequest, consumeTokenRequest } from "./api-rate-limit";
import { appendAuditEvent } from "./audit";
import { clientIp } from "./client-ip";
import { securityEvent } from "./security-log";
import { getDb, type Db } from "./db";
import { readRows } from "./direct-read";
import { runDriverStatement } from "./driver-transaction";
import { Prisma } from "@/lib/generated/sqlite/client";
import { assertAdmin, type Actor } from "./permissions";
import { inTransaction } from "./transaction";

/**
 * API tokens. A token is `clk_` + 32 random bytes (256 bits) in base64url; only its sha-256 is stored.
 * A fast hash is enough here: a password needs a slow hash because people pick guessable ones, but a
 * 256-bit random secret cannot be guessed or brute-forced from its hash, and a plain digest lets the
 * token be found through a unique index at the same cost on every request.
 *
 * A token acts as one desk user, chosen by the admin who creates it (by default themselves), so a
 * program can work with a reviewer's rights rather than an admin's. Every request re-reads that user:
 * the token never has more rights than the user has at that moment, and stops working when the user
 * is deactivated. Its scope can only narrow those rights (READ: GET only).
 */

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

function generateApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

// ---------------------------------------------------------------------------------------------
// Administration (admins only), each step one transaction with its audit event.

/** Creates a token; the secret is returned this once and never stored. */
export async function createApiToken(actor: Actor, input: CreateApiTokenInput, now = new Date()) {
  assertAdmin(actor, "create API tokens");
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) {
    throw invalid("expiresAt", "Choose an expiry date in the future, or none.");
  }
  const secret = generateApiToken();
  return inTransaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, name: true, active: true } });
    if (!user || !user.active) throw invalid("userId", "Choose an active desk user for the token to act as.");
    const token = await tx.apiToken.create({
      data: {
        name: input.name,
        scope: input.scope,
        tokenHash: hashApiToken(secret),
        prefix: secret.slice(0, API_TOKEN_VISIBLE_CHARS),
        userId: user.id,
        createdById: actor.id,
        expiresAt: input.expiresAt ?? null,
      },
    });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "apiToken.create",
      entityType: "ApiToken",
      entityId: token.id,
      after: { name: token.name, scope: token.scope, prefix: token.prefix, actsAs: user.name, userId: user.id, expiresAt: token.expiresAt },
    });
    return { id: token.id, name: token.name, secret };
  });
}

/** Revokes a token at once; a revoked token answers 401 from the next request on. */
export async function revokeApiToken(actor: Actor, input: RevokeApiTokenInput) {
  assertAdmin(actor, "revoke API tokens");
  return inTransaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: input.tokenId } });
    if (!token) throw notFound("API token");
    const result = await tx.apiToken.updateMany({
      where: { id: token.id, revokedAt: null },
      data: { revokedAt: new Date(), revokedById: actor.id },
    });
    if (result.count !== 1) throw new AppError("INVALID_TRANSITION", "This token was already revoked.");
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "apiToken.revoke",
      entityType: "ApiToken",
      entityId: token.id,
      before: { revokedAt: null },
      after: { name: token.name, prefix: token.prefix, revoked: true },
    });
  });
}

/** Every token of the desk, newest first, with who it acts as, who made it and its state. */
export async function listApiTokens(actor: Actor, now = new Date()) {
  assertAdmin(actor, "manage API tokens");
  const db = await getDb();
  const tokens = await db.apiToken.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      scope: true,
      prefix: true,
      createdAt: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
      user: { select: { id: true, name: true, role: true, active: true } },
      createdBy: { select: { id: true, name: true } },
      revokedBy: { select: { id: true, name: true } },
    },
    take: 1000,
  });
  return tokens.map((t) => ({ ...t, status: apiTokenStatus(t, now) }));
}
export type ApiTokenListItem = Awaited<ReturnType<typeof listApiTokens>>[number];

// ---------------------------------------------------------------------------------------------
// Authentication of API requests

export interface ApiTokenAuth {
  actor: Actor;
  scope: ApiTokenScope;
  tokenId: string;
  /** The human (admin) who created the token: behind everything it does (four-eyes rule). */
  tokenCreatorId: string;
}

/** last-used is written at most once a minute per token, not on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

function unauthenticated(message: string): AppError {
  return new AppError("UNAUTHENTICATED", message);
}

function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match ? match[1]! : "";
}

interface TokenUserSqlRow {
  id: string;
  scope: string;
  userId: string;
  createdById: string;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  userEmail: string;
  userName: string;
  userRole: string;
  userActive: boolean | number | bigint;
}

const TOKEN_WITH_USER_COLUMNS = Prisma.sql`t."id", t."scope", t."userId", t."createdById", t."expiresAt", t."lastUsedAt", t."revokedAt",
    u."email" AS "userEmail", u."name" AS "userName", u."role" AS "userRole", u."active" AS "userActive"`;

function toTokenWithUser(row: TokenUserSqlRow) {
  const { userEmail, userName, userRole, userActive, ...token } = row;
  return { ...token, user: { id: row.userId, email: userEmail, name: userName, role: userRole, active: Number(userActive) === 1 } };
}

/**
 * The token with this sha-256 and the user it acts as, or null: one hand-written statement (the same
 * SQL on SQLite and PostgreSQL) on every API request, where Prisma sent two (the token, then its user).
 * It runs on the driver's read connection (lib/server/direct-read.ts), not through Prisma's query
 * compiler: it reads what is committed, so a revocation or a deactivation refuses the next request.
 */
async function findTokenWithUser(tokenHash: string) {
  const [row] = await readRows<TokenUserSqlRow>(Prisma.sql`SELECT ${TOKEN_WITH_USER_COLUMNS}
    FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId" WHERE t."tokenHash" = ${tokenHash}`);
  return row ? toTokenWithUser(row) : null;
}

type CountedTokenSqlRow = { [K in keyof TokenUserSqlRow]: TokenUserSqlRow[K] | null } & {
  ipPoints: number | bigint;
  ipExpire: Date | null;
  tokenPoints: number | bigint | null;
  tokenExpire: Date | null;
  touched: boolean;
};

/**
 * findTokenWithUser and both rate-limit counts of the request in one statement (PostgreSQL, counters
 * in the database): the CTE finds the token, adds one point to the address's counter and, when the
 * token exists, to the token's (one INSERT … ON CONFLICT of one or two rows, counting exactly as the
 * one-statement limiter of rate-limit-store.ts does: a window that has ended starts again), and the
 * row carries the token (null columns when unknown) with both counts. Where the library's store sent
 * two statements per limit and the lookup one more, a request now sends one, on a client of the
 * driver's pool (runDriverStatement: autocommit, no Prisma query compiler). The same statement
 * records the token's use (`lastUsedAt`, at most once per LAST_USED_RESOLUTION_MS) when the request
 * will be let through: token not revoked nor expired, its user active with a known role, its scope allowing `access`,
 * both counts within their limits — the checks authenticateApiToken makes after it, so a refused
 * request records no use; `touched` says whether it did (that once-a-minute write was a statement of
 * its own, through Prisma: the 9th of a REST propose-verdict).
 */
async function findTokenCountingRequest(db: Db, tokenHash: string, ip: string, now: Date, access: ApiAccess) {
  const { ipKey, tokenKeyPrefix, windowEnd } = apiRateCounting(ip, now);
  const allowedScopes = API_TOKEN_SCOPES.filter((scope) => scopeAllows(scope, access));
  const usedBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  const [row] = await runDriverStatement<CountedTokenSqlRow>(db, Prisma.sql`WITH "found" AS (
      SELECT ${TOKEN_WITH_USER_COLUMNS} FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId" WHERE t."tokenHash" = ${tokenHash}
    ), "counted" AS (
      INSERT INTO "RateLimitCounter" ("key", "points", "expire")
      SELECT k."key", 1, ${windowEnd}::timestamp(3) FROM (SELECT ${ipKey}::text AS "key" UNION ALL SELECT ${tokenKeyPrefix}::text || f."id" FROM "found" f) k
      ON CONFLICT ("key") DO UPDATE SET
        "points" = CASE WHEN "RateLimitCounter"."expire" IS NOT NULL AND "RateLimitCounter"."expire" <= ${now}::timestamp(3) THEN EXCLUDED."points" ELSE "RateLimitCounter"."points" + EXCLUDED."points" END,
        "expire" = CASE WHEN "RateLimitCounter"."expire" IS NOT NULL AND "RateLimitCounter"."expire" <= ${now}::timestamp(3) THEN EXCLUDED."expire" ELSE "RateLimitCounter"."expire" END
      RETURNING "key", "points", "expire"
    ), "touched" AS (
      UPDATE "ApiToken" t SET "lastUsedAt" = ${now}::timestamp(3) FROM "found" f
      WHERE t."id" = f."id" AND t."revokedAt" IS NULL AND (f."expiresAt" IS NULL OR f."expiresAt" > ${now}::timestamp(3)) AND f."userActive"
        AND f."userRole" IN (${Prisma.join([...ROLES])}) AND f."scope"::text IN (${Prisma.join(allowedScopes)})
        AND (t."lastUsedAt" IS NULL OR t."lastUsedAt" <= ${usedBefore}::timestamp(3))
        AND (SELECT c."points" FROM "counted" c WHERE c."key" = ${ipKey}::text) <= ${API_RATE_LIMITS.perIp}
        AND (SELECT c."points" FROM "counted" c WHERE c."key" = ${tokenKeyPrefix}::text || f."id") <= ${API_RATE_LIMITS.perToken}
      RETURNING t."id"
    )
    SELECT f.*, ip."points" AS "ipPoints", ip."expire" AS "ipExpire", tc."points" AS "tokenPoints", tc."expire" AS "tokenExpire",
      EXISTS (SELECT 1 FROM "touched") AS "touched"
    FROM "counted" ip LEFT JOIN "found" f ON TRUE LEFT JOIN "counted" tc ON tc."key" = ${tokenKeyPrefix}::text || f."id"
    WHERE ip."key" = ${ipKey}::text`);
  if (!row) throw new Error("The API request count returned no row.");
  checkApiRateCount("address", ip, Number(row.ipPoints), row.ipExpire, now);
  const { ipPoints: _ip, ipExpire: _ipExpire, tokenPoints, tokenExpire, touched, ...token } = row;
  if (token.id === null) return null;
  return { token: toTokenWithUser(token as TokenUserSqlRow), counted: { points: Number(tokenPoints ?? 0), windowEnd: tokenExpire }, touched };
}

/**
 * Resolves an API request to the acting user and the token's scope, or throws a coded error:
 * 401 for a missing, malformed, unknown, expired or revoked token or a deactivated user; 403 when a
 * read-only token tries to write; 429 (with Retry-After) over the per-address or per-token limit.
 * `access` defaults to what the HTTP method needs (GET/HEAD read, anything else writes).
 */
export async function authenticateApiToken(request: Request, access: ApiAccess = accessForMethod(request.method), now = new Date()): Promise<ApiTokenAuth> {
  const ip = clientIp(request.headers);
  const presented = bearerToken(request);
  const wellFormed = presented !== null && API_TOKEN_PATTERN.test(presented);
  // On PostgreSQL both counts ride on the token's lookup (one statement); otherwise the address is
  // counted first (memory counters on SQLite), every request, before the token is looked up.
  const countedInSql = wellFormed && apiRatesCountedInSql();
  if (!countedInSql) await consumeIpRequest(ip);
  if (presented === null) throw unauthenticated("Send an API token in the Authorization header: Bearer <token>.");
  if (!wellFormed) throw unauthenticated("This API token is not valid.");
  const db = await getDb();
  const found = countedInSql
    ? await findTokenCountingRequest(db, hashApiToken(presented), ip, now, access)
    : { token: await findTokenWithUser(hashApiToken(presented)), counted: null, touched: false };
  const token = found?.token;
  if (!token) throw unauthenticated("This API token is not valid.");
  const status = apiTokenStatus(token, now);
  const refuse = (reason: string, message: string) => {
    securityEvent("api_token_refused", { reason, tokenId: token.id, userId: token.userId }, message);
    return unauthenticated(message);
  };
  if (status === "REVOKED") throw refuse("revoked", "This API token has been revoked.");
  if (status === "EXPIRED") throw refuse("expired", "This API token has expired.");
  const { user } = token;
  if (!user.active || !isRole(user.role)) throw refuse("user_inactive", "The account this API token acts as is deactivated.");
  if (found.counted) checkApiRateCount("token", token.id, found.counted.points, found.counted.windowEnd, now);
  else await consumeTokenRequest(token.id);
  if (!isApiTokenScope(token.scope) || !scopeAllows(token.scope, access)) {
    throw new AppError("FORBIDDEN", "This API token is read-only; ask an admin for a token with write access.");
  }
  // The token's use, at most once per LAST_USED_RESOLUTION_MS: on PostgreSQL the lookup's statement
  // wrote it already (found.touched); otherwise one UPDATE on the driver (no Prisma query compiler).
  const due = !token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS;
  if (countedInSql ? found.touched : due) {
    if (!countedInSql) await runDriverStatement(db, Prisma.sql`UPDATE "ApiToken" SET "lastUsedAt" = ${now} WHERE "id" = ${token.id} AND "revokedAt" IS NULL`);
    // Token use in the security log, at most once per LAST_USED_RESOLUTION_MS per token.
    securityEvent("api_token_used", { tokenId: token.id, userId: user.id, ip });
  }
  return { actor: { id: user.id, email: user.email, name: user.name, role: user.role }, scope: token.scope, tokenId: token.id, tokenCreatorId: token.createdById };
}

/**
 * For routes that also serve signed-in browsers (report downloads): the token's user when the request
 * carries an Authorization header (a bad token is refused, never ignored), null when it carries none
 * so the caller falls back to the session.
 */
export async function actorFromBearer(request: Request): Promise<Actor | null> {
  if (!request.headers.has("authorization")) return null;
  return (await authenticateApiToken(request)).actor;
}
