import { describe, expect, it } from "vitest";
import { authenticate } from "./auth";
import { getDb } from "./db";
import { TEST_PASSWORD, makeUser, userState } from "./testing/factories";
import { changePassword, changeUserRole, createUser, deactivateUser, endAllSessions } from "./users";

const NEW_PASSWORD = "a completely new passphrase";

async function lastUserEvent(userId: string) {
  const db = await getDb();
  return db.auditEvent.findFirstOrThrow({ where: { entityType: "User", entityId: userId }, orderBy: { id: "desc" } });
}

describe("session revocation", () => {
  it("signing out bumps the session version and records it", async () => {
    const user = await makeUser("REVIEWER");
    const before = await userState(user.id);
    await endAllSessions(user.id);
    const after = await userState(user.id);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(after.audit).toBe(before.audit + 1);
    const event = await lastUserEvent(user.id);
    expect(event).toMatchObject({ action: "user.logout", actorId: user.id, entityVersion: after.sessionVersion });
  });

  it("changing the password bumps the session version, swaps the password and keeps the hash out of the log", async () => {
    const user = await makeUser("REVIEWER");
    const before = await userState(user.id);
    await changePassword(user, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    const after = await userState(user.id);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(after.audit).toBe(before.audit + 1);
    expect(after.passwordHash).not.toBe(before.passwordHash);
    expect(after.passwordHash).toMatch(/^\$argon2id\$/);
    const event = await lastUserEvent(user.id);
    expect(event.action).toBe("user.password_change");
    expect(`${event.before}${event.after}`).not.toContain("argon2");
    await expect(authenticate(user.email, TEST_PASSWORD, "192.0.2.10")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect((await authenticate(user.email, NEW_PASSWORD, "192.0.2.10")).id).toBe(user.id);
  });

  it("refuses a password change with the wrong current password and changes nothing", async () => {
    const user = await makeUser("EDITOR");
    const before = await userState(user.id);
    await expect(changePassword(user, { currentPassword: "not-my-password", newPassword: NEW_PASSWORD })).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { currentPassword: [expect.any(String)] },
    });
    expect(await userState(user.id)).toEqual(before);
  });

  it("an admin's role change bumps the session version and records old and new role", async () => {
    const admin = await makeUser("ADMIN");
    const user = await makeUser("REVIEWER");
    const before = await userState(user.id);
    await changeUserRole(admin, user.id, "EDITOR");
    const after = await userState(user.id);
    expect(after.role).toBe("EDITOR");
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(after.audit).toBe(before.audit + 1);
    const event = await lastUserEvent(user.id);
    expect(event.action).toBe("user.role_change");
    expect(event.actorId).toBe(admin.id);
    expect(JSON.parse(event.before ?? "null")).toEqual({ role: "REVIEWER" });
    expect(JSON.parse(event.after ?? "null")).toEqual({ role: "EDITOR" });
  });

  it("an editor cannot change roles or deactivate users, and nothing changes", async () => {
    const editor = await makeUser("EDITOR");
    const user = await makeUser("REVIEWER");
    const before = await userState(user.id);
    await expect(changeUserRole(editor, user.id, "ADMIN")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(changeUserRole(editor, editor.id, "ADMIN")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deactivateUser(editor, user.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await userState(user.id)).toEqual(before);
    expect((await userState(editor.id)).role).toBe("EDITOR");
  });

  it("deactivation bumps the session version, records it and stops sign-in", async () => {
    const admin = await makeUser("ADMIN");
    const user = await makeUser("REVIEWER");
    const before = await userState(user.id);
    await deactivateUser(admin, user.id);
    const after = await userState(user.id);
    expect(after.active).toBe(false);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(after.audit).toBe(before.audit + 1);
    expect((await lastUserEvent(user.id)).action).toBe("user.deactivate");
    await expect(authenticate(user.email, TEST_PASSWORD, "192.0.2.11")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("an admin cannot deactivate their own account", async () => {
    const admin = await makeUser("ADMIN");
    const before = await userState(admin.id);
    await expect(deactivateUser(admin, admin.id)).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await userState(admin.id)).toEqual(before);
  });

  it("refuses a second account with the same email", async () => {
    const user = await makeUser("REVIEWER");
    await expect(
      createUser("cli", { email: user.email, name: "Copy", role: "ADMIN", password: "another long password" }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    const db = await getDb();
    expect(await db.user.count({ where: { email: user.email } })).toBe(1);
  });

  it("only admins create users", async () => {
    const editor = await makeUser("EDITOR");
    await expect(
      createUser(editor, { email: `x-${editor.id}@test.claimledger.test`, name: "X", role: "ADMIN", password: "another long password" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const db = await getDb();
    expect(await db.user.count({ where: { email: `x-${editor.id}@test.claimledger.test` } })).toBe(0);
  });
});
