import { describe, expect, it } from "vitest";
import { GET as listClaimsRoute } from "@/app/api/v1/claims/route";
import { API_RATE_LIMITS } from "./api-rate-limit";
import {
  actorFromBearer,
  authenticateApiToken,
  createApiToken,
  hashApiToken,
  LAST_USED_RESOLUTION_MS,
  listApiTokens,
  revokeApiToken,
} from "./api-tokens";
import { getDb } from "./db";
import { apiRequest, expectApiError, freshIp, makeApiToken } from "./testing/api";
import { makeUser } from "./testing/factories";
import { changeUserRole, deactivateUser } from "./users";

async function tokenRow(id: string) {
  const db = await getDb();
  return db.apiToken.findUniqueOrThrow({ where: { id } });
}

async function tokenEvents(id: string) {
  const db = await getDb();
  return db.auditEvent.findMany({ where: { entityType: "ApiToken", entityId: id }, orderBy: { id: "asc" } });
}

async function tokenCount() {
  const db = await getDb();
  return db.apiToken.count();
}

describe("creating, listing and revoking API tokens", () => {
  it("shows the secret once, stores only its sha-256 and records the creation without the secret", async () => {
    const admin = await makeUser("ADMIN");
    const reviewer = await makeUser("REVIEWER");
    const expiresAt = new Date(Date.now() + 7 * 86_400_000);
    const created = await createApiToken(admin, { name: "Evidence bot", scope: "WRITE", userId: reviewer.id, expiresAt });
    expect(created.secret).toMatch(/^clk_[A-Za-z0-9_-]{43}$/);

    const row = await tokenRow(created.id);
    expect(row.tokenHash).toBe(hashApiToken(created.secret));
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.prefix).toBe(created.secret.slice(0, 10));
    expect(Object.values(row).map(String)).not.toContain(created.secret);
    expect(row).toMatchObject({ name: "Evidence bot", scope: "WRITE", userId: reviewer.id, createdById: admin.id, lastUsedAt: null, revokedAt: null });
    expect(row.expiresAt?.toISOString()).toBe(expiresAt.toISOString());

    const events = await tokenEvents(created.id);
    expect(events.map((e) => e.action)).toEqual(["apiToken.create"]);
    expect(events[0]!.actorId).toBe(admin.id);
    expect(`${events[0]!.before}${events[0]!.after}`).not.toContain(created.secret.slice(10));
    expect(`${events[0]!.after}`).not.toContain(row.tokenHash);

    const listed = (await listApiTokens(admin)).find((t) => t.id === created.id);
    expect(listed).toMatchObject({
      name: "Evidence bot",
      scope: "WRITE",
      prefix: created.secret.slice(0, 10),
      status: "ACTIVE",
      lastUsedAt: null,
      user: { id: reviewer.id, name: reviewer.name },
      createdBy: { id: admin.id, name: admin.name },
    });
    expect(listed).not.toHaveProperty("tokenHash");
  });

  it("refuses anyone but an admin, and changes nothing", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const token = await makeApiToken(admin, editor, "READ");
    const before = await tokenCount();
    await expect(createApiToken(editor, { name: "mine", scope: "WRITE", userId: editor.id, expiresAt: undefined })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listApiTokens(editor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(revokeApiToken(editor, { tokenId: token.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await tokenCount()).toBe(before);
    expect((await tokenRow(token.id)).revokedAt).toBeNull();
  });

  it("refuses an expiry in the past and a user who is deactivated or unknown, storing nothing", async () => {
    const admin = await makeUser("ADMIN");
    const gone = await makeUser("REVIEWER");
    await deactivateUser("cli", gone.id);
    const before = await tokenCount();
    await expect(
      createApiToken(admin, { name: "late", scope: "READ", userId: admin.id, expiresAt: new Date(Date.now() - 1000) }),
    ).rejects.toMatchObject({ code: "VALIDATION", fields: { expiresAt: [expect.any(String)] } });
    for (const userId of [gone.id, "no-such-user"]) {
      await expect(createApiToken(admin, { name: "x", scope: "READ", userId, expiresAt: undefined })).rejects.toMatchObject({
        code: "VALIDATION",
        fields: { userId: [expect.any(String)] },
      });
    }
    expect(await tokenCount()).toBe(before);
  });

  it("revokes once, records who did it, and refuses a second revocation", async () => {
    const admin = await makeUser("ADMIN");
    const other = await makeUser("ADMIN");
    const token = await makeApiToken(admin, admin, "WRITE");
    await revokeApiToken(other, { tokenId: token.id });
    const row = await tokenRow(token.id);
    expect(row.revokedAt).toBeInstanceOf(Date);
    expect(row.revokedById).toBe(other.id);
    await expect(revokeApiToken(admin, { tokenId: token.id })).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    await expect(revokeApiToken(admin, { tokenId: "no-such-token" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await tokenEvents(token.id)).map((e) => [e.action, e.actorId])).toEqual([
      ["apiToken.create", admin.id],
      ["apiToken.revoke", other.id],
    ]);
    const listed = (await listApiTokens(admin)).find((t) => t.id === token.id);
    expect(listed).toMatchObject({ status: "REVOKED", revokedBy: { id: other.id } });
  });
});

describe("authenticateApiToken", () => {
  it("resolves the token's user and scope", async () => {
    const admin = await makeUser("ADMIN");
    const reviewer = await makeUser("REVIEWER");
    const token = await makeApiToken(admin, reviewer, "READ");
    const auth = await authenticateApiToken(apiRequest("GET", "/api/v1/claims", { token: token.secret }));
    expect(auth).toEqual({ actor: { id: reviewer.id, email: reviewer.email, name: reviewer.name, role: "REVIEWER" }, scope: "READ", tokenId: token.id, tokenCreatorId: admin.id });
  });

  it("answers 401 for a missing, malformed, unknown, expired or revoked token", async () => {
    const admin = await makeUser("ADMIN");
    const expiring = await makeApiToken(admin, admin, "READ", new Date(Date.now() + 60_000));
    const revoked = await makeApiToken(admin, admin, "READ");
    await revokeApiToken(admin, { tokenId: revoked.id });
    const unknown = `clk_${"A".repeat(43)}`;
    const cases: [string, Request][] = [
      ["missing", apiRequest("GET", "/api/v1/claims")],
      ["not bearer", apiRequest("GET", "/api/v1/claims", { headers: { authorization: `Basic ${Buffer.from("a:b").toString("base64")}` } })],
      ["malformed", apiRequest("GET", "/api/v1/claims", { token: "not-a-token" })],
      ["unknown", apiRequest("GET", "/api/v1/claims", { token: unknown })],
      ["revoked", apiRequest("GET", "/api/v1/claims", { token: revoked.secret })],
    ];
    for (const [label, request] of cases) {
      await expect(authenticateApiToken(request), label).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    }
    // The same token works until its expiry instant and not after.
    const request = () => apiRequest("GET", "/api/v1/claims", { token: expiring.secret });
    await expect(authenticateApiToken(request())).resolves.toMatchObject({ tokenId: expiring.id });
    await expect(authenticateApiToken(request(), "read", new Date(Date.now() + 60_001))).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message: "This API token has expired.",
    });
    // Through a route handler: 401 with the error shape and a Bearer challenge.
    const db = await getDb();
    await db.apiToken.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    for (const secret of [expiring.secret, revoked.secret, unknown]) {
      const response = await listClaimsRoute(apiRequest("GET", "/api/v1/claims", { token: secret }));
      await expectApiError(response, 401, "UNAUTHENTICATED");
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer /);
    }
  });

  it("stops a deactivated user's tokens and follows role changes at once", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const token = await makeApiToken(admin, editor, "WRITE");
    const request = () => apiRequest("POST", "/api/v1/articles", { token: token.secret });
    expect((await authenticateApiToken(request())).actor.role).toBe("EDITOR");
    await changeUserRole("cli", editor.id, "REVIEWER");
    expect((await authenticateApiToken(request())).actor.role).toBe("REVIEWER");
    await deactivateUser("cli", editor.id);
    await expect(authenticateApiToken(request())).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("refuses a token whose user has a role the app does not know, recording no use", async () => {
    const admin = await makeUser("ADMIN");
    const legacy = await makeUser("REVIEWER");
    const token = await makeApiToken(admin, legacy, "READ");
    await (await getDb()).user.update({ where: { id: legacy.id }, data: { role: "LEGACY" } });
    await expect(authenticateApiToken(apiRequest("GET", "/api/v1/claims", { token: token.secret }))).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect((await tokenRow(token.id)).lastUsedAt).toBeNull();
  });

  it("refuses writes with a read token (403) but lets a write token write", async () => {
    const admin = await makeUser("ADMIN");
    const read = await makeApiToken(admin, admin, "READ");
    const write = await makeApiToken(admin, admin, "WRITE");
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      await expect(authenticateApiToken(apiRequest(method, "/api/v1/articles", { token: read.secret })), method).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(authenticateApiToken(apiRequest(method, "/api/v1/articles", { token: write.secret })), method).resolves.toMatchObject({ scope: "WRITE" });
    }
    // A refused request is no use of the token (on PostgreSQL the lookup's own statement records the
    // use: only when the request will pass).
    expect((await tokenRow(read.id)).lastUsedAt).toBeNull();
    await expect(authenticateApiToken(apiRequest("GET", "/api/v1/claims", { token: read.secret }))).resolves.toMatchObject({ scope: "READ" });
    expect((await tokenRow(read.id)).lastUsedAt).not.toBeNull();
  });

  it("records the last use, at most once a minute", async () => {
    const admin = await makeUser("ADMIN");
    const token = await makeApiToken(admin, admin, "READ");
    const request = () => apiRequest("GET", "/api/v1/claims", { token: token.secret });
    const t0 = new Date(Date.now() - 10 * 60_000);
    await authenticateApiToken(request(), "read", t0);
    expect((await tokenRow(token.id)).lastUsedAt?.toISOString()).toBe(t0.toISOString());
    await authenticateApiToken(request(), "read", new Date(t0.getTime() + LAST_USED_RESOLUTION_MS - 1));
    expect((await tokenRow(token.id)).lastUsedAt?.toISOString()).toBe(t0.toISOString());
    const t2 = new Date(t0.getTime() + LAST_USED_RESOLUTION_MS);
    await authenticateApiToken(request(), "read", t2);
    expect((await tokenRow(token.id)).lastUsedAt?.toISOString()).toBe(t2.toISOString());
    const listed = (await listApiTokens(admin)).find((t) => t.id === token.id);
    expect(listed?.lastUsedAt?.toISOString()).toBe(t2.toISOString());
  });

  it("actorFromBearer: null without an Authorization header, the token's user with one, a refusal for a bad one", async () => {
    const admin = await makeUser("ADMIN");
    const reviewer = await makeUser("REVIEWER");
    const token = await makeApiToken(admin, reviewer, "READ");
    expect(await actorFromBearer(apiRequest("GET", "/api/v1/reports"))).toBeNull();
    expect(await actorFromBearer(apiRequest("GET", "/api/v1/reports", { token: token.secret }))).toMatchObject({ id: reviewer.id, role: "REVIEWER" });
    await expect(actorFromBearer(apiRequest("GET", "/api/v1/reports", { token: "clk_bad" }))).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe("API rate limits", () => {
  it("limits one token to its budget per minute: 429 with Retry-After and the error shape", async () => {
    const admin = await makeUser("ADMIN");
    const token = await makeApiToken(admin, admin, "READ");
    const other = await makeApiToken(admin, admin, "READ");
    // Spread over addresses so only the token's own budget runs out.
    const ips = Array.from({ length: Math.ceil(API_RATE_LIMITS.perToken / (API_RATE_LIMITS.perIp / 2)) + 1 }, freshIp);
    for (let i = 0; i < API_RATE_LIMITS.perToken; i++) {
      await authenticateApiToken(apiRequest("GET", "/api/v1/claims", { token: token.secret, ip: ips[i % ips.length] }));
    }
    await expect(authenticateApiToken(apiRequest("GET", "/api/v1/claims", { token: token.secret }))).rejects.toMatchObject({
      code: "RATE_LIMITED",
      retryAfterSeconds: expect.any(Number),
    });
    const response = await listClaimsRoute(apiRequest("GET", "/api/v1/claims", { token: token.secret }));
    await expectApiError(response, 429, "RATE_LIMITED");
    const retryAfter = Number(response.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another token is not affected.
    expect((await listClaimsRoute(apiRequest("GET", "/api/v1/claims?limit=1", { token: other.secret }))).status).toBe(200);
  });

  it("limits one address, counting requests with bad tokens too", async () => {
    const admin = await makeUser("ADMIN");
    const token = await makeApiToken(admin, admin, "READ");
    const ip = freshIp();
    for (let i = 0; i < API_RATE_LIMITS.perIp; i++) {
      await expect(authenticateApiToken(apiRequest("GET", "/api/v1/claims", { token: "clk_guess", ip }))).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    }
    const response = await listClaimsRoute(apiRequest("GET", "/api/v1/claims", { token: token.secret, ip }));
    await expectApiError(response, 429, "RATE_LIMITED");
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // The same valid token from another address still works.
    expect((await listClaimsRoute(apiRequest("GET", "/api/v1/claims?limit=1", { token: token.secret }))).status).toBe(200);
  });
});
