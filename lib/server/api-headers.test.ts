import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";

// The session cookie path (reports) needs a session secret and this request's cookies.
const session = vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET ??= "api-headers-test-session-secret-0001";
  return { cookies: [] as { name: string; value: string }[] };
});
vi.mock("next/headers", () => ({
  cookies: async () => ({ getAll: () => session.cookies }),
  headers: async () => new Headers(),
}));

import { GET as catchAllGet, POST as catchAllPost } from "@/app/api/v1/[...path]/route";
import { GET as evidenceFileRoute } from "@/app/api/v1/claims/[claimId]/evidence/[evidenceId]/file/route";
import { GET as getClaimRoute } from "@/app/api/v1/claims/[claimId]/route";
import { GET as listClaimsRoute } from "@/app/api/v1/claims/route";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route";
import { GET as reportsRoute } from "@/app/api/v1/reports/route";
import { encodeSessionToken } from "./auth/session-token";
import { getDb } from "./db";
import { apiRequest, expectApiError, makeApiToken, routeParams } from "./testing/api";
import { makeUser } from "./testing/factories";

const API_CSP = "default-src 'none'; frame-ancestors 'none'";

afterEach(() => {
  session.cookies = [];
  delete process.env.HSTS;
});

/** A session cookie as next-auth writes it for `userId`; `mfa` = 1 when two-factor must be set up first. */
async function signIn(userId: string, mfa: 0 | 1) {
  const { sessionVersion } = await (await getDb()).user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
  const value = await encodeSessionToken({ token: { uid: userId, sv: sessionVersion, at: Math.floor(Date.now() / 1000) - 60, mfa }, secret: process.env.NEXTAUTH_SECRET!, maxAge: 600 });
  session.cookies = [{ name: "next-auth.session-token", value }];
}

describe("/api/v1 answers without the proxy", () => {
  it("carry the API's Content-Security-Policy on every path: JSON, errors, files, the catch-all, the document, reports", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const token = await makeApiToken(admin, editor, "READ");
    // No article import (the extractor is slow on a loaded machine): an unknown claim answers 404.
    const claim = { id: randomUUID() };
    const answers: [string, Response][] = [
      ["claim", await getClaimRoute(apiRequest("GET", `/api/v1/claims/${claim.id}`, { token: token.secret }), routeParams({ claimId: claim.id }))],
      ["list", await listClaimsRoute(apiRequest("GET", "/api/v1/claims?limit=1", { token: token.secret }))],
      ["no token", await listClaimsRoute(apiRequest("GET", "/api/v1/claims"))],
      ["file 404", await evidenceFileRoute(apiRequest("GET", `/api/v1/claims/${claim.id}/evidence/none/file`, { token: token.secret }), routeParams({ claimId: claim.id, evidenceId: "none" }))],
      ["catch-all GET", await catchAllGet(apiRequest("GET", "/api/v1/nothing-here"))],
      ["catch-all POST", await catchAllPost(apiRequest("POST", "/api/v1/claims/x/nothing", { body: {} }))],
      ["openapi", await openApiRoute(apiRequest("GET", "/api/v1/openapi.json"))],
      ["report", await reportsRoute(apiRequest("GET", "/api/v1/reports?format=csv", { token: token.secret }))],
      ["report refused", await reportsRoute(apiRequest("GET", "/api/v1/reports?format=xlsx", { token: token.secret }))],
    ];
    for (const [name, response] of answers) {
      expect(response.headers.get("content-security-policy"), name).toBe(API_CSP);
      // Plain HTTP, HSTS=auto: no HSTS (browsers ignore it there anyway).
      expect(response.headers.get("strict-transport-security"), name).toBeNull();
    }
    expect(answers.map(([, r]) => r.status)).toEqual([404, 200, 401, 404, 404, 404, 200, 200, 400]);
    await answers.find(([name]) => name === "report")![1].text();
  });

  it("send Strict-Transport-Security by the pages' rule: over HTTPS in auto mode, always with HSTS=on", async () => {
    const admin = await makeUser("ADMIN");
    const token = await makeApiToken(admin, admin, "READ");
    const https = await listClaimsRoute(apiRequest("GET", "/api/v1/claims?limit=1", { token: token.secret, headers: { "x-forwarded-proto": "https" } }));
    expect(https.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    process.env.HSTS = "on";
    const error = await catchAllGet(apiRequest("GET", "/api/v1/nothing-here"));
    expect(error.headers.get("strict-transport-security")).toMatch(/^max-age=\d+; includeSubDomains$/);
    process.env.HSTS = "off";
    const off = await listClaimsRoute(apiRequest("GET", "/api/v1/claims?limit=1", { token: token.secret, headers: { "x-forwarded-proto": "https" } }));
    expect(off.headers.get("strict-transport-security")).toBeNull();
  });
});

describe("the reports route with a session cookie (the proxy's two-factor redirect does not run there)", () => {
  it("refuses with 403 in the API's error shape someone who must set up two-factor first, and serves them once they need not", async () => {
    const editor = await makeUser("EDITOR");
    await signIn(editor.id, 1);
    const refused = await reportsRoute(apiRequest("GET", "/api/v1/reports?format=csv"));
    expect(refused.headers.get("content-security-policy")).toBe(API_CSP);
    const error = await expectApiError(refused, 403, "FORBIDDEN");
    expect(error.message).toMatch(/two-factor/);
    // The same person without the pending set-up gets the report: the refusal is the two-factor rule.
    await signIn(editor.id, 0);
    const served = await reportsRoute(apiRequest("GET", "/api/v1/reports?format=csv"));
    expect(served.status).toBe(200);
    await served.text();
    // Set up meanwhile (the claim is stale, the account is not): served as well.
    await (await getDb()).user.update({ where: { id: editor.id }, data: { totpEnabledAt: new Date() } });
    await signIn(editor.id, 1);
    expect((await reportsRoute(apiRequest("GET", "/api/v1/reports?format=csv"))).status).toBe(200);
  });
});
