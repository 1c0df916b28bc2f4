import { randomUUID } from "node:crypto";
import http, { type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/domain/errors";
import { decode as nextAuthDecode, encode as nextAuthEncode } from "next-auth/jwt";
import { authenticate, mustSetUpTwoFactor, readSessionUser, SESSION_IDLE_SECONDS, SESSION_MAX_SECONDS, TWO_FACTOR_INVALID, TWO_FACTOR_REQUIRED, withinAbsoluteLifetime } from "./auth";
import { assertRecentAuthentication, isRecentlyAuthenticated, verifyReauthentication } from "./auth/reauth";
import { decodeSessionToken, encodeSessionToken, sessionEncryptionKey } from "./auth/session-token";
import { confirmTwoFactor, currentTotpCode, decryptTotpSecret, disableTwoFactor, readTwoFactorStatus, startTwoFactorEnrolment } from "./auth/two-factor";
import { clientIp, compileTrustedProxies, guardForwardedHeaders, PEER_HEADER } from "./client-ip";
import { getDb } from "./db";
import { env } from "./env";
import { assertPasswordPolicy, passwordProblem } from "./passwords";
import { isOverLimit, SharedRateLimiter } from "./rate-limit-store";
import { captureSecurityLog } from "./security-log";
import { getMfaRequiredRoles, saveMfaRequiredRoles } from "./settings";
import { TEST_PASSWORD, makeUser } from "./testing/factories";
import { createUser, deactivateUser, endAllSessions } from "./users";

function freshIp(): string {
  const n = Number.parseInt(randomUUID().slice(0, 6), 16);
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** A real HTTP server on 127.0.0.1 whose requests pass through the forwarded-header guard. */
async function headersSeenByApp(trusted: string, send: Record<string, string>): Promise<{ headers: IncomingHttpHeaders; ip: string }> {
  const trust = compileTrustedProxies(trusted);
  let seen: IncomingHttpHeaders = {};
  const server = http.createServer((req, res) => {
    guardForwardedHeaders(req, trust);
    seen = { ...req.headers };
    res.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`, { headers: send });
    await response.text();
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  return { headers: seen, ip: clientIp(seen, trust) };
}

describe("client address", () => {
  it("ignores X-Forwarded-For and a forged peer header from a client that is not a trusted proxy", async () => {
    const { headers, ip } = await headersSeenByApp("", { "X-Forwarded-For": "203.0.113.9", "X-Forwarded-Host": "evil.example", [PEER_HEADER]: "198.51.100.1" });
    expect(ip).toBe("127.0.0.1");
    expect(headers[PEER_HEADER]).toBe("127.0.0.1");
    expect(headers["x-forwarded-for"]).toBeUndefined();
    expect(headers["x-forwarded-host"]).toBeUndefined();
  });

  it("believes the forwarded headers of a trusted proxy, and only up to the first untrusted hop", async () => {
    const { headers, ip } = await headersSeenByApp("127.0.0.1/8", { "X-Forwarded-For": "198.51.100.7, 203.0.113.9", "X-Forwarded-Host": "desk.example.org" });
    expect(ip).toBe("203.0.113.9");
    expect(headers["x-forwarded-host"]).toBe("desk.example.org");
    // With the second proxy trusted too, the address before it is the client.
    expect(clientIp(headers, compileTrustedProxies("127.0.0.1, 203.0.113.0/24"))).toBe("198.51.100.7");
  });

  it("refuses a TRUSTED_PROXIES entry that is not an address or range", () => {
    expect(() => compileTrustedProxies("10.0.0.0/8, not-an-ip")).toThrow();
  });
});

describe("rate-limit counters in the database", () => {
  it("are shared by two app instances (two limiters on the same table)", async () => {
    const prefix = `shared_${randomUUID().slice(0, 8)}`;
    const instanceA = new SharedRateLimiter({ keyPrefix: prefix, points: 3, duration: 60 }, "database");
    const instanceB = new SharedRateLimiter({ keyPrefix: prefix, points: 3, duration: 60 }, "database");
    await instanceA.consume("k");
    await instanceB.consume("k");
    await instanceA.consume("k");
    const over = await instanceB.consume("k").then(
      () => null,
      (e: unknown) => e,
    );
    expect(isOverLimit(over)).toBe(true);
    const db = await getDb();
    expect((await db.rateLimitCounter.findUnique({ where: { key: `${prefix}:k` } }))?.points).toBe(4);
  });
});

describe("passwords", () => {
  it("hashes with argon2id at OWASP's cost (m=19 MiB, t=2, p=1), which the tests' cheaper stand-in leaves alone", async () => {
    const real = await vi.importActual<typeof import("./passwords")>("./passwords");
    const stored = await real.hashPassword(TEST_PASSWORD);
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await real.verifyPassword(stored, TEST_PASSWORD)).toBe(true);
    expect(await real.verifyPassword(stored, `${TEST_PASSWORD}x`)).toBe(false);
    // Users the tests create (makeUser) are hashed cheaply, in the same algorithm and form.
    const { hashPassword } = await import("./passwords");
    expect(await hashPassword(TEST_PASSWORD)).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
  });

  it("accepts a password typed in another Unicode normal form (NFC before hashing and checking)", async () => {
    const composed = "caf\u00e9-au-lait-sous-la-pluie";
    const decomposed = composed.normalize("NFD");
    expect(decomposed).not.toBe(composed);
    const tag = randomUUID().slice(0, 8);
    const user = await createUser("cli", { email: `nfc-${tag}@test.claimledger.test`, name: `Nfc ${tag}`, role: "REVIEWER", password: composed });
    expect((await authenticate(user.email, decomposed, freshIp())).id).toBe(user.id);
    expect((await authenticate(user.email, composed, freshIp())).id).toBe(user.id);
  });

  it("refuses common and breached passwords, with variants, and passwords made of the person's name", async () => {
    for (const weak of ["password1234", "Password2026!", "qwertyuiop123", "1q2w3e4r5t6y", "iloveyouiloveyou", "aaaaaaaaaaaaaa", "short"]) {
      expect(passwordProblem(weak), weak).not.toBeNull();
    }
    expect(passwordProblem("ada-lovelace-2026-x", { email: "ada@x.test", name: "Ada Lovelace" })).toMatch(/name or email/);
    expect(passwordProblem("AdaLovelace!2026", { email: "ada.l@x.test", name: "Ada Lovelace" })).toMatch(/name or email/);
    // A name inside a longer passphrase is fine (the demo accounts' passwords are of this kind).
    expect(passwordProblem("demo-admin-2026", { email: "admin@demo.claimledger.test", name: "Ada Admin" })).toBeNull();
    expect(passwordProblem(TEST_PASSWORD)).toBeNull();
    expect(() => assertPasswordPolicy("letmein12345")).toThrow(AppError);
    const tag = randomUUID().slice(0, 8);
    const refused = await failure(createUser("cli", { email: `weak-${tag}@test.claimledger.test`, name: `Weak ${tag}`, role: "REVIEWER", password: "password1234" }));
    expect(refused.code).toBe("VALIDATION");
    expect(refused.fields?.password?.[0]).toMatch(/common or breached/);
    const db = await getDb();
    expect(await db.user.count({ where: { email: `weak-${tag}@test.claimledger.test` } })).toBe(0);
  });
});

describe("TOTP two-factor sign-in", () => {
  it("is set up with a code from the app, then asks for a code at sign-in, refuses a replayed one and takes each recovery code once", async () => {
    const user = await makeUser("EDITOR");
    const enrolment = await startTwoFactorEnrolment(user);
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/ClaimLedger:/);
    expect(enrolment.qrSvg).toContain("<svg");
    const secret = enrolment.manualKey.replaceAll(" ", "");
    // Stored encrypted, never as the base32 secret.
    const db = await getDb();
    const stored = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).totpSecret!;
    expect(stored).not.toContain(secret);
    expect(decryptTotpSecret(stored)).toBe(secret);

    // Not in force before it is confirmed.
    expect((await authenticate(user.email, TEST_PASSWORD, freshIp())).id).toBe(user.id);
    const wrong = await failure(confirmTwoFactor(user, "000000"));
    expect(wrong.fields?.code).toBeDefined();
    const now = Date.now();
    const { recoveryCodes } = await confirmTwoFactor(user, currentTotpCode(secret, now - 30_000), now);
    expect(recoveryCodes).toHaveLength(10);
    expect((await readTwoFactorStatus(user)).enabled).toBe(true);
    // Only hashes are kept.
    const hashes = await db.recoveryCode.findMany({ where: { userId: user.id } });
    expect(hashes.map((h) => h.codeHash)).not.toContain(recoveryCodes[0]);

    const ip = freshIp();
    expect((await failure(authenticate(user.email, TEST_PASSWORD, ip))).message).toBe(TWO_FACTOR_REQUIRED);
    expect((await failure(authenticate(user.email, TEST_PASSWORD, ip, "123456"))).message).toBe(TWO_FACTOR_INVALID);
    const code = currentTotpCode(secret);
    expect((await authenticate(user.email, TEST_PASSWORD, ip, code)).id).toBe(user.id);
    // The same code (or one of an earlier step) is refused the second time (RFC 6238 §5.2).
    expect((await failure(authenticate(user.email, TEST_PASSWORD, ip, code))).message).toBe(TWO_FACTOR_INVALID);
    // A wrong password with a right code is still the plain answer.
    expect((await failure(authenticate(user.email, "wrong-password-here", ip, currentTotpCode(secret, Date.now() + 30_000)))).code).toBe("UNAUTHENTICATED");

    const recovery = recoveryCodes[3]!;
    expect((await authenticate(user.email, TEST_PASSWORD, ip, recovery.toUpperCase())).id).toBe(user.id);
    expect((await failure(authenticate(user.email, TEST_PASSWORD, ip, recovery))).message).toBe(TWO_FACTOR_INVALID);
    expect((await readTwoFactorStatus(user)).remainingRecoveryCodes).toBe(9);

    await disableTwoFactor(user);
    expect((await authenticate(user.email, TEST_PASSWORD, ip)).id).toBe(user.id);
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    const actions = (await db.auditEvent.findMany({ where: { entityId: user.id }, select: { action: true } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["user.mfa_enable", "user.mfa_disable"]));
  });
});

describe("security log", () => {
  it("records sign-ins, failures, blocks and MFA changes as structured events, never a secret", async () => {
    const log = captureSecurityLog();
    const secrets: string[] = [TEST_PASSWORD];
    try {
      const user = await makeUser("REVIEWER");
      const ip = freshIp();
      for (let i = 0; i < 10; i++) {
        const guess = `secret-guess-${i}-${randomUUID()}`;
        secrets.push(guess);
        await failure(authenticate(user.email, guess, ip));
      }
      await failure(authenticate(user.email, TEST_PASSWORD, ip));
      await authenticate(user.email, TEST_PASSWORD, freshIp());
      const enrolment = await startTwoFactorEnrolment(user);
      const secret = enrolment.manualKey.replaceAll(" ", "");
      const code = currentTotpCode(secret);
      const { recoveryCodes } = await confirmTwoFactor(user, code);
      secrets.push(secret, code, ...recoveryCodes);
      await authenticate(user.email, TEST_PASSWORD, freshIp(), recoveryCodes[0]);
    } finally {
      log.stop();
    }
    const events = log.lines().map((line) => line.event);
    expect(events).toEqual(expect.arrayContaining(["login_failed", "login_rate_limited", "login_succeeded", "mfa_enrolment_started", "mfa_enabled", "mfa_recovery_code_used"]));
    for (const line of log.lines()) expect(line.log).toBe("security");
    const raw = log.raw();
    for (const secret of secrets) expect(raw).not.toContain(secret);
    expect(raw).not.toMatch(/\$argon2id\$/);
  });
});

describe("re-authentication before sensitive steps", () => {
  it("passes only within REAUTH_MINUTES of signing in or confirming again, for the session's own user", async () => {
    const admin = await makeUser("ADMIN");
    const now = Date.now();
    const secondsAgo = (s: number) => Math.floor(now / 1000) - s;
    await expect(assertRecentAuthentication(admin, { uid: admin.id, sv: 1, at: secondsAgo(60) })).resolves.toBeUndefined();
    const stale = await failure(assertRecentAuthentication(admin, { uid: admin.id, sv: 1, at: secondsAgo(env.REAUTH_MINUTES * 60 + 5) }));
    expect(stale.code).toBe("REAUTHENTICATION_REQUIRED");
    expect(stale.fields?.currentPassword).toBeDefined();
    // A recent confirmation renews it; another user's session never counts; no session never counts.
    await expect(assertRecentAuthentication(admin, { uid: admin.id, sv: 1, at: secondsAgo(8 * 3600), ra: secondsAgo(30) })).resolves.toBeUndefined();
    expect((await failure(assertRecentAuthentication(admin, { uid: "someone-else", at: secondsAgo(10) }))).code).toBe("REAUTHENTICATION_REQUIRED");
    expect((await failure(assertRecentAuthentication(admin, null))).code).toBe("REAUTHENTICATION_REQUIRED");
    expect(isRecentlyAuthenticated({}, now)).toBe(false);
  });

  it("asks for the password, and the TOTP code when two-factor is on", async () => {
    const admin = await makeUser("ADMIN");
    const ip = freshIp();
    expect((await failure(verifyReauthentication(admin, { password: "not-my-password" }, ip))).fields?.currentPassword).toBeDefined();
    await expect(verifyReauthentication(admin, { password: TEST_PASSWORD }, ip)).resolves.toBeUndefined();
    const { manualKey } = await startTwoFactorEnrolment(admin);
    const secret = manualKey.replaceAll(" ", "");
    await confirmTwoFactor(admin, currentTotpCode(secret, Date.now() - 30_000));
    expect((await failure(verifyReauthentication(admin, { password: TEST_PASSWORD }, ip))).fields?.currentCode).toBeDefined();
    await expect(verifyReauthentication(admin, { password: TEST_PASSWORD, code: currentTotpCode(secret) }, ip)).resolves.toBeUndefined();
  });
});

describe("session lifetime", () => {
  it("ends a session at its absolute lifetime however active it was", () => {
    const now = Date.now();
    const at = (msAgo: number) => Math.floor((now - msAgo) / 1000);
    expect(withinAbsoluteLifetime(at(60_000), now)).toBe(true);
    expect(withinAbsoluteLifetime(at(SESSION_MAX_SECONDS * 1000 - 60_000), now)).toBe(true);
    expect(withinAbsoluteLifetime(at(SESSION_MAX_SECONDS * 1000 + 1000), now)).toBe(false);
    expect(withinAbsoluteLifetime(undefined, now)).toBe(false);
    expect(SESSION_MAX_SECONDS).toBe(env.SESSION_MAX_HOURS * 3600);
    expect(SESSION_IDLE_SECONDS).toBeLessThan(SESSION_MAX_SECONDS);
  });
});

describe("the session's user read", () => {
  const claimsOf = async (userId: string, extra: { mfa?: number; at?: number } = {}) => {
    const { sessionVersion } = await (await getDb()).user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
    return { uid: userId, sv: sessionVersion, at: Math.floor(Date.now() / 1000) - 60, ...extra };
  };

  it("gives the actor for live claims, and nothing for missing claims, an unknown account or the absolute lifetime past", async () => {
    const reviewer = await makeUser("REVIEWER");
    const claims = await claimsOf(reviewer.id);
    expect(await readSessionUser(claims)).toEqual({ id: reviewer.id, email: reviewer.email, name: reviewer.name, role: "REVIEWER" });
    expect(await readSessionUser(null)).toBeNull();
    expect(await readSessionUser({ ...claims, sv: undefined })).toBeNull();
    expect(await readSessionUser({ ...claims, uid: randomUUID() })).toBeNull();
    expect(await readSessionUser({ ...claims, at: Math.floor(Date.now() / 1000) - SESSION_MAX_SECONDS - 10 })).toBeNull();
  });

  it("ends the session on logout (sessionVersion bumped) and on deactivation", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const before = await claimsOf(editor.id);
    await endAllSessions(editor.id);
    expect(await readSessionUser(before)).toBeNull();
    const after = await claimsOf(editor.id);
    expect((await readSessionUser(after))?.id).toBe(editor.id);
    await deactivateUser(admin, editor.id);
    const deactivated = await claimsOf(editor.id);
    expect(await readSessionUser(deactivated)).toBeNull();
  });

  it("carries a pending password change and a pending two-factor set-up", async () => {
    const reviewer = await makeUser("REVIEWER");
    const db = await getDb();
    await db.user.update({ where: { id: reviewer.id }, data: { mustChangePassword: true } });
    const claims = await claimsOf(reviewer.id, { mfa: 1 });
    expect(await readSessionUser(claims)).toMatchObject({ id: reviewer.id, mustChangePassword: true, mustSetUpTwoFactor: true });
    await db.user.update({ where: { id: reviewer.id }, data: { mustChangePassword: false, totpEnabledAt: new Date() } });
    const done = await readSessionUser(claims);
    expect(done?.mustChangePassword).toBeUndefined();
    expect(done?.mustSetUpTwoFactor).toBeUndefined();
  });
});

describe("the session cookie's encryption", () => {
  const secret = env.NEXTAUTH_SECRET ?? "integration-tests-session-secret";
  const claims = { uid: "u1", sv: 3, at: 1_800_000_000, mfa: 0 };

  it("reads cookies next-auth made and makes cookies next-auth reads, with the key derived once", async () => {
    const made = await nextAuthEncode({ token: claims, secret, maxAge: 600 });
    expect(await decodeSessionToken({ token: made, secret })).toMatchObject(claims);
    const ours = await encodeSessionToken({ token: claims, secret, maxAge: 600 });
    const read = await nextAuthDecode({ token: ours, secret });
    expect(read).toMatchObject(claims);
    expect((read!.exp as number) - (read!.iat as number)).toBe(600);
    expect(await decodeSessionToken({ token: undefined, secret })).toBeNull();
    expect(sessionEncryptionKey(secret)).toBe(sessionEncryptionKey(secret));
  });

  it("refuses a token made with another secret, tampered with or expired", async () => {
    const other = await encodeSessionToken({ token: claims, secret: `${secret}-other`, maxAge: 600 });
    await expect(decodeSessionToken({ token: other, secret })).rejects.toThrow();
    const ours = await encodeSessionToken({ token: claims, secret, maxAge: 600 });
    const parts = ours.split(".");
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith("AA") ? "BB" : "AA");
    await expect(decodeSessionToken({ token: parts.join("."), secret })).rejects.toThrow();
    const expired = await encodeSessionToken({ token: claims, secret, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret })).rejects.toThrow(/exp/);
  });
});

describe("two-factor required per role", () => {
  it("marks people of a required role who have not set it up, and only them; only admins choose the roles", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const db = await getDb();
    const before = await getMfaRequiredRoles(db);
    expect((await failure(saveMfaRequiredRoles(editor, ["EDITOR"], before.version))).code).toBe("FORBIDDEN");
    const saved = await saveMfaRequiredRoles(admin, ["EDITOR"], before.version);
    try {
      expect(saved.roles).toEqual(["EDITOR"]);
      expect(await mustSetUpTwoFactor({ role: "EDITOR", totpEnabledAt: null })).toBe(true);
      expect(await mustSetUpTwoFactor({ role: "EDITOR", totpEnabledAt: new Date() })).toBe(false);
      expect(await mustSetUpTwoFactor({ role: "REVIEWER", totpEnabledAt: null })).toBe(false);
      // A stale form is refused, not silently applied.
      expect((await failure(saveMfaRequiredRoles(admin, [], before.version))).code).toBe("CONFLICT");
    } finally {
      await saveMfaRequiredRoles(admin, before.roles, saved.version);
    }
    expect(await mustSetUpTwoFactor({ role: "EDITOR", totpEnabledAt: null })).toBe(before.roles.includes("EDITOR"));
  });
});
