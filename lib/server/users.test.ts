import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authenticate } from "./auth";
import { getDb } from "./db";
import { TEST_PASSWORD, makeUser, userState } from "./testing/factories";
import {
  changePassword,
  changeUserRole,
  createUser,
  createUserWithOneTimePassword,
  deactivateUser,
  endAllSessions,
  listUsers,
  reactivateUser,
  resetUserPassword,
  updateOwnName,
} from "./users";

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
    await changeUserRole(admin, user.id, "EDITOR", TEST_PASSWORD);
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

describe("desk administration", () => {
  const uniqueEmail = () => `new-${randomUUID().slice(0, 8)}@test.claimledger.test`;

  it("an admin creates a user with a one-time password that works once and must be changed", async () => {
    const admin = await makeUser("ADMIN");
    const email = uniqueEmail();
    const { user, oneTimePassword } = await createUserWithOneTimePassword(admin, { email, name: "New Reviewer", role: "REVIEWER" });
    expect(oneTimePassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const signedIn = await authenticate(email, oneTimePassword, "192.0.2.20");
    expect(signedIn).toMatchObject({ id: user.id, mustChangePassword: true });
    const db = await getDb();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt).toBeInstanceOf(Date);
    const event = await lastUserEvent(user.id);
    expect(event).toMatchObject({ action: "user.create", actorId: admin.id });
    expect(`${event.after}`).not.toContain(oneTimePassword);
    await changePassword({ ...user, role: "REVIEWER" }, { currentPassword: oneTimePassword, newPassword: NEW_PASSWORD });
    expect((await userState(user.id)).mustChangePassword).toBe(false);
    await expect(authenticate(email, oneTimePassword, "192.0.2.20")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("refuses a duplicate email from the admin's form with a field message", async () => {
    const admin = await makeUser("ADMIN");
    const existing = await makeUser("REVIEWER");
    await expect(createUserWithOneTimePassword(admin, { email: existing.email, name: "Twin", role: "EDITOR" })).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { email: ["A user with this email already exists."] },
    });
  });

  it("a new password must differ from the current one", async () => {
    const user = await makeUser("REVIEWER");
    const before = await userState(user.id);
    await expect(changePassword(user, { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD })).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { newPassword: [expect.any(String)] },
    });
    expect(await userState(user.id)).toEqual(before);
  });

  it("a role change needs the admin's own current password", async () => {
    const admin = await makeUser("ADMIN");
    const user = await makeUser("REVIEWER");
    const before = await userState(user.id);
    await expect(changeUserRole(admin, user.id, "EDITOR", "not-my-password")).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { currentPassword: [expect.any(String)] },
    });
    await expect(changeUserRole(admin, user.id, "EDITOR")).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(changeUserRole(admin, user.id, "REVIEWER", TEST_PASSWORD)).rejects.toMatchObject({ fields: { role: [expect.stringContaining("already")] } });
    expect(await userState(user.id)).toEqual(before);
  });

  it("resetting a password ends the sessions, swaps in a one-time password and keeps it out of the log", async () => {
    const admin = await makeUser("ADMIN");
    const user = await makeUser("EDITOR");
    const before = await userState(user.id);
    const { oneTimePassword } = await resetUserPassword(admin, user.id);
    const after = await userState(user.id);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(after.mustChangePassword).toBe(true);
    const event = await lastUserEvent(user.id);
    expect(event).toMatchObject({ action: "user.password_reset", actorId: admin.id });
    expect(`${event.before}${event.after}`).not.toMatch(/argon2|password":/);
    expect(`${event.after}`).not.toContain(oneTimePassword);
    await expect(authenticate(user.email, TEST_PASSWORD, "192.0.2.21")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect((await authenticate(user.email, oneTimePassword, "192.0.2.21")).id).toBe(user.id);
    await expect(resetUserPassword(admin, admin.id)).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("a deactivated user is reactivated and signs in again", async () => {
    const admin = await makeUser("ADMIN");
    const user = await makeUser("REVIEWER");
    await deactivateUser(admin, user.id);
    await reactivateUser(admin, user.id);
    expect((await userState(user.id)).active).toBe(true);
    expect((await lastUserEvent(user.id)).action).toBe("user.reactivate");
    expect((await authenticate(user.email, TEST_PASSWORD, "192.0.2.22")).id).toBe(user.id);
  });

  it("refuses to demote or deactivate the last active admin", async () => {
    const admin = await makeUser("ADMIN");
    const other = await makeUser("ADMIN");
    const db = await getDb();
    // Set-up: only these two admins are active (admins of earlier tests are switched off directly).
    await db.user.updateMany({ where: { role: "ADMIN", active: true, id: { notIn: [admin.id, other.id] } }, data: { active: false } });
    await deactivateUser(admin, other.id);
    const before = await userState(admin.id);
    await expect(changeUserRole(admin, admin.id, "EDITOR", TEST_PASSWORD)).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringContaining("last active admin"),
    });
    await expect(deactivateUser("cli", admin.id)).rejects.toMatchObject({ message: expect.stringContaining("last active admin") });
    expect(await userState(admin.id)).toEqual(before);
    await reactivateUser(admin, other.id);
    await changeUserRole(admin, admin.id, "EDITOR", TEST_PASSWORD);
    expect((await userState(admin.id)).role).toBe("EDITOR");
  });

  it("lists users for admins only, with their two-factor state, without password hashes or TOTP secrets", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const enabledAt = new Date("2026-11-30T10:00:00Z");
    const db = await getDb();
    await db.user.update({ where: { id: admin.id }, data: { totpEnabledAt: enabledAt, totpSecret: "secret-that-must-not-be-listed" } });
    const users = await listUsers(admin);
    expect(users.find((u) => u.id === editor.id)).toMatchObject({ email: editor.email, role: "EDITOR", active: true, totpEnabledAt: null });
    expect(users.find((u) => u.id === admin.id)?.totpEnabledAt).toEqual(enabledAt);
    expect(JSON.stringify(users)).not.toContain("argon2");
    expect(JSON.stringify(users)).not.toContain("secret-that-must-not-be-listed");
    await expect(listUsers(editor)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("a user renames themselves, audited", async () => {
    const user = await makeUser("REVIEWER");
    await updateOwnName(user, { name: "Riley Renamed" });
    const db = await getDb();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Riley Renamed");
    const event = await lastUserEvent(user.id);
    expect(event).toMatchObject({ action: "user.rename", actorId: user.id });
    expect(JSON.parse(event.after ?? "null")).toEqual({ name: "Riley Renamed" });
  });
});
