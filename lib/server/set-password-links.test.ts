import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authenticate } from "./auth";
import { getDb } from "./db";
import { TEST_PASSWORD, makeUser, userState } from "./testing/factories";
import {
  createUserWithSetPasswordLink,
  hashSetPasswordToken,
  readSetPasswordLink,
  resetPasswordWithLink,
  setPasswordLinkLifetimeMs,
  setPasswordThroughLink,
} from "./set-password-links";

const CHOSEN = "violet harbour lantern 1987";
const HOUR = 3_600_000;

function newcomer() {
  const tag = randomUUID().slice(0, 8);
  return { email: `link-${tag}@test.claimledger.test`, name: `Link Person ${tag}`, role: "REVIEWER" as const };
}

/** The account signed in with that password, or null when sign-in is refused. */
async function signIn(email: string, password: string) {
  const ip = `10.15.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  return authenticate(email, password, ip).catch((error: { code?: string }) => {
    if (error.code === "UNAUTHENTICATED") return null;
    throw error;
  });
}

async function userEvents(userId: string) {
  const db = await getDb();
  return db.auditEvent.findMany({ where: { entityType: "User", entityId: userId }, orderBy: { id: "asc" } });
}

describe("one-time set-password links", () => {
  it("creates an account whose link is stored hashed, works once within its lifetime and is audited without the token", async () => {
    const admin = await makeUser("ADMIN");
    const input = newcomer();
    const now = new Date();
    const { user, link } = await createUserWithSetPasswordLink(admin, input, now);
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.expiresAt.getTime() - now.getTime()).toBe(setPasswordLinkLifetimeMs());
    expect(setPasswordLinkLifetimeMs()).toBe(24 * HOUR);

    const db = await getDb();
    const stored = await db.setPasswordLink.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.tokenHash).toBe(hashSetPasswordToken(link.token));
    expect(JSON.stringify(stored)).not.toContain(link.token);
    const events = await userEvents(user.id);
    expect(events.map((e) => e.action)).toEqual(["user.create", "user.set_password_link"]);
    expect(JSON.stringify(events)).not.toContain(link.token);

    expect(await readSetPasswordLink(link.token)).toMatchObject({ state: "valid", email: input.email });
    // Nobody can sign in before the link is used.
    expect(await signIn(input.email, CHOSEN)).toBeNull();

    await expect(setPasswordThroughLink(link.token, "password1234")).rejects.toMatchObject({ fields: { newPassword: [expect.any(String)] } });
    expect(await readSetPasswordLink(link.token)).toMatchObject({ state: "valid" });

    const before = await userState(user.id);
    await setPasswordThroughLink(link.token, CHOSEN);
    const after = await userState(user.id);
    expect(after.mustChangePassword).toBe(false);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await signIn(input.email, CHOSEN)).toMatchObject({ id: user.id });
    expect((await userEvents(user.id)).at(-1)?.action).toBe("user.password_set_by_link");

    expect(await readSetPasswordLink(link.token)).toEqual({ state: "used" });
    await expect(setPasswordThroughLink(link.token, "another long passphrase 42")).rejects.toMatchObject({
      fields: { token: [expect.stringContaining("already been used")] },
    });
    expect(await signIn(input.email, CHOSEN)).toMatchObject({ id: user.id });
  });

  it("refuses an expired link and an unknown one with a clear message, changing nothing", async () => {
    const admin = await makeUser("ADMIN");
    const { user, link } = await createUserWithSetPasswordLink(admin, newcomer(), new Date(Date.now() - 25 * HOUR));
    const before = await userState(user.id);
    expect(await readSetPasswordLink(link.token)).toEqual({ state: "expired" });
    await expect(setPasswordThroughLink(link.token, CHOSEN)).rejects.toMatchObject({ fields: { token: [expect.stringContaining("expired")] } });
    expect(await userState(user.id)).toEqual(before);
    expect(await readSetPasswordLink("not-a-real-token")).toEqual({ state: "unknown" });
    await expect(setPasswordThroughLink("not-a-real-token", CHOSEN)).rejects.toMatchObject({ fields: { token: [expect.stringContaining("not valid")] } });
  });

  it("a reset by link ends the old password and sessions, replaces an earlier link, and is version-checked", async () => {
    const [admin, user] = await Promise.all([makeUser("ADMIN"), makeUser("REVIEWER")]);
    const db = await getDb();
    const version = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).version;
    const sessions = (await userState(user.id)).sessionVersion;
    expect(await signIn(user.email, TEST_PASSWORD)).toMatchObject({ id: user.id });
    const first = await resetPasswordWithLink(admin, user.id, version);
    const before = await userState(user.id);
    expect(before.mustChangePassword).toBe(true);
    expect(before.sessionVersion).toBe(sessions + 1);
    expect(await signIn(user.email, TEST_PASSWORD)).toBeNull();
    await expect(resetPasswordWithLink(admin, user.id, version)).rejects.toMatchObject({ code: "CONFLICT" });
    const second = await resetPasswordWithLink(admin, user.id, version + 1);
    expect(await readSetPasswordLink(first.link.token)).toEqual({ state: "replaced" });
    await expect(setPasswordThroughLink(first.link.token, CHOSEN)).rejects.toMatchObject({ fields: { token: [expect.stringContaining("replaced")] } });
    await setPasswordThroughLink(second.link.token, CHOSEN);
    expect(await signIn(user.email, CHOSEN)).toMatchObject({ id: user.id });
  });

  it("spends a link once when it is used twice at the same moment", async () => {
    const admin = await makeUser("ADMIN");
    const input = newcomer();
    const { link } = await createUserWithSetPasswordLink(admin, input);
    const results = await Promise.allSettled([setPasswordThroughLink(link.token, CHOSEN), setPasswordThroughLink(link.token, "second long passphrase 77")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
  });

  it("the operator's CLI resets with a link too (audited without an actor)", async () => {
    const user = await makeUser("REVIEWER");
    const { link } = await resetPasswordWithLink("cli", user.id);
    const issued = (await userEvents(user.id)).find((e) => e.action === "user.set_password_link");
    expect(issued?.actorId).toBeNull();
    await setPasswordThroughLink(link.token, CHOSEN);
    expect(await signIn(user.email, CHOSEN)).toMatchObject({ id: user.id });
  });

  it("the operator's CLI creates an account with a link too (audited without an actor)", async () => {
    const input = newcomer();
    const { user, link } = await createUserWithSetPasswordLink("cli", input);
    expect(await signIn(input.email, TEST_PASSWORD)).toBeNull();
    const issued = (await userEvents(user.id)).find((e) => e.action === "user.set_password_link");
    expect(issued?.actorId).toBeNull();
    await setPasswordThroughLink(link.token, CHOSEN);
    expect(await signIn(input.email, CHOSEN)).toMatchObject({ id: user.id });
  });

  it("only admins issue links", async () => {
    const editor = await makeUser("EDITOR");
    const user = await makeUser("REVIEWER");
    await expect(createUserWithSetPasswordLink(editor, newcomer())).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(resetPasswordWithLink(editor, user.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
