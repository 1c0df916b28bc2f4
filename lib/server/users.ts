import "server-only";
import { randomBytes } from "node:crypto";
import { AppError, invalid, staleVersion } from "@/lib/domain/errors";
import type { Role } from "@/lib/domain/roles";
import { Prisma } from "@/lib/generated/sqlite/client";
import type { AdminCreateUserInput, ChangePasswordInput, CreateUserInput, UpdateOwnNameInput } from "@/lib/validation/users";
import { appendAuditEvent } from "./audit";
import { getDb, type Tx } from "./db";
import { readRows } from "./direct-read";
import { assertPasswordPolicy, hashPassword, verifyPassword } from "./passwords";
import { assertAdmin, assertEditor, type Actor } from "./permissions";
import { inTransaction } from "./transaction";

/** Who performs a user-management step: an admin in the app, or the operator's CLI (null). */
export type UserAdminActor = Actor | "cli";

/**
 * Creates an account. Admins do it in the app; on a fresh install the operator's CLI does.
 * `mustChangePassword`: the password is a one-time password the user must replace at first sign-in.
 * `alsoInTransaction`: a further write in the same transaction (e.g. a set-password link).
 * Throws VALIDATION (duplicate email, field `email`), FORBIDDEN (not an admin).
 */
export async function createUser(
  actor: UserAdminActor,
  input: CreateUserInput,
  options: { mustChangePassword?: boolean; alsoInTransaction?: (tx: Tx, user: { id: string }) => Promise<void> } = {},
) {
  if (actor !== "cli") assertAdmin(actor, "create users");
  assertPasswordPolicy(input.password, { email: input.email, name: input.name });
  const passwordHash = await hashPassword(input.password);
  const db = await getDb();
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw new AppError("VALIDATION", "A user with this email already exists.", { fields: { email: ["A user with this email already exists."] } });
  }
  const mustChangePassword = options.mustChangePassword ?? false;
  return inTransaction(async (tx) => {
    const user = await tx.user.create({ data: { email: input.email, name: input.name, role: input.role, passwordHash, mustChangePassword } });
    await appendAuditEvent(tx, {
      actorId: actor === "cli" ? null : actor.id,
      action: "user.create",
      entityType: "User",
      entityId: user.id,
      after: { email: user.email, name: user.name, role: user.role, ...(mustChangePassword ? { mustChangePassword } : {}) },
    });
    await options.alsoInTransaction?.(tx, user);
    return { id: user.id, email: user.email, name: user.name, role: user.role };
  });
}

/**
 * People an editor can assign claims to: the active users' id, name, e-mail and role, by role
 * (descending) then name. One hand-written SELECT on the driver (direct-read.ts; the claims list reads
 * it on every editor's view).
 */
export async function listAssignableUsers(actor: Actor): Promise<{ id: string; name: string; email: string; role: string }[]> {
  assertEditor(actor, "assign claims");
  return readRows(Prisma.sql`SELECT u."id", u."name", u."email", u."role" FROM "User" u WHERE u."active" = TRUE ORDER BY u."role" DESC, u."name" ASC`);
}

type UserBefore = { role: string; active: boolean };

/**
 * The refusal of a step based on a stale view of an account (another admin, or the user in another
 * tab, changed it first): a visible conflict, nothing overwritten. `current` is the account's version now.
 */
function staleAccount(current: number): AppError {
  return staleVersion("account", { version: current });
}

/**
 * Compare-and-set on the account's version inside a transaction: writes `data` with version + 1 only
 * if the row is still at `version` (the version read in this transaction, or the one the form was
 * based on). Throws CONFLICT when another step got there first.
 */
async function updateUserAtVersion(tx: Tx, userId: string, version: number, data: Record<string, unknown>) {
  const { count } = await tx.user.updateMany({ where: { id: userId, version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) {
    const now = await tx.user.findUnique({ where: { id: userId }, select: { version: true } });
    throw now ? staleAccount(now.version) : new AppError("NOT_FOUND", "That user does not exist.");
  }
  return tx.user.findUniqueOrThrow({ where: { id: userId } });
}

/**
 * One user-management step: `check` runs inside the transaction on the row as it is now, then the
 * change is written with sessionVersion + 1 (the user's sessions end) and audited, hashes left out.
 * A step that changes the account (`after` not empty) also bumps its version, compare-and-set:
 * with `expectedVersion` (the version the admin's form showed) a stale form is refused with CONFLICT.
 */
export async function bumpSessionVersion(
  actorId: string | null,
  userId: string,
  action: string,
  after: Record<string, unknown>,
  check?: (tx: Tx, before: UserBefore) => Promise<void>,
  expectedVersion?: number,
) {
  return inTransaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId } });
    if (!before) throw new AppError("NOT_FOUND", "That user does not exist.");
    if (expectedVersion !== undefined && before.version !== expectedVersion) throw staleAccount(before.version);
    await check?.(tx, before);
    const user =
      Object.keys(after).length === 0
        ? await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } })
        : await updateUserAtVersion(tx, userId, before.version, { ...after, sessionVersion: { increment: 1 } });
    const { passwordHash: _omit, ...safeAfter } = after as { passwordHash?: string };
    await appendAuditEvent(tx, {
      actorId,
      action,
      entityType: "User",
      entityId: userId,
      entityVersion: user.sessionVersion,
      before: Object.fromEntries(Object.keys(safeAfter).map((k) => [k, (before as Record<string, unknown>)[k]])),
      after: safeAfter,
    });
    return user;
  });
}

/** Signing out ends every session of the user (their JWTs carry the old sessionVersion). */
export async function endAllSessions(userId: string) {
  await bumpSessionVersion(userId, userId, "user.logout", {});
}

/** Re-authentication: the acting user's own password, checked before a sensitive step. */
async function assertOwnPassword(actor: Actor, password: string, message: string): Promise<void> {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(user.passwordHash, password))) throw invalid("currentPassword", message);
}

/**
 * Changing one's password ends every session of the user (they sign in again with the new one) and
 * clears a pending one-time password. Throws VALIDATION (wrong current password, field
 * `currentPassword`; the new password equal to the current one, field `newPassword`).
 */
export async function changePassword(actor: Actor, input: ChangePasswordInput) {
  await assertOwnPassword(actor, input.currentPassword, "Your current password is not correct.");
  if (input.newPassword === input.currentPassword) throw invalid("newPassword", "Choose a new password that differs from the current one.");
  assertPasswordPolicy(input.newPassword, { email: actor.email, name: actor.name }, "newPassword");
  await bumpSessionVersion(actor.id, actor.id, "user.password_change", { passwordHash: await hashPassword(input.newPassword), mustChangePassword: false });
}

/**
 * A generated one-time password: 16 characters of base64url (96 random bits), shown once. The user
 * must replace it at their first sign-in.
 */
export function generateOneTimePassword(): string {
  return randomBytes(12).toString("base64url");
}

/** The desk keeps at least one active admin: refuses a step that would leave none. */
async function assertNotLastActiveAdmin(tx: Tx, userId: string, before: UserBefore, doing: string) {
  if (before.role !== "ADMIN" || !before.active) return;
  const others = await tx.user.count({ where: { role: "ADMIN", active: true, id: { not: userId } } });
  if (others === 0) {
    throw new AppError("VALIDATION", `This is the last active admin: ${doing} would leave the desk without one. Make another person admin first.`);
  }
}

/**
 * An admin creates an account with a generated one-time password (returned once, stored only as its
 * argon2id hash); the new user must choose their own password at first sign-in.
 * Throws FORBIDDEN (not an admin), VALIDATION (duplicate email).
 */
export async function createUserWithOneTimePassword(actor: Actor, input: AdminCreateUserInput) {
  assertAdmin(actor, "create users");
  const oneTimePassword = generateOneTimePassword();
  const user = await createUser(actor, { ...input, password: oneTimePassword }, { mustChangePassword: true });
  return { user, oneTimePassword };
}

/**
 * Every account as the admin's users page lists it (never the password hash nor the TOTP secret;
 * `totpEnabledAt` gives the two-factor state; `setPasswordLinks` the pending link, if any). Throws FORBIDDEN.
 */
export async function listUsers(actor: Actor) {
  assertAdmin(actor, "see the desk's users");
  const db = await getDb();
  return db.user.findMany({
    select: { id: true, email: true, name: true, role: true, active: true, mustChangePassword: true, lastSignInAt: true, totpEnabledAt: true, createdAt: true, version: true,
      // The latest set-password link still waiting to be used (its expiry tells whether it still works).
      setPasswordLinks: { where: { usedAt: null, revokedAt: null }, orderBy: { createdAt: "desc" }, take: 1, select: { expiresAt: true } },
    },
    orderBy: [{ active: "desc" }, { name: "asc" }, { id: "asc" }],
  });
}

/** Finds an account by email (the CLIs name users by email). Throws NOT_FOUND. */
export async function findUserIdByEmail(email: string): Promise<string> {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
  if (!user) throw new AppError("NOT_FOUND", `No user has the email ${email}.`);
  return user.id;
}

/**
 * An admin changes someone's role, confirming with their own current password (the CLI needs none);
 * the user's sessions end so the new rights apply at once. The last active admin keeps the role.
 * `expectedVersion`: the account's version the admin's form showed (CONFLICT when it changed since).
 * Throws FORBIDDEN, VALIDATION (wrong own password, field `currentPassword`; last admin), NOT_FOUND, CONFLICT.
 */
export async function changeUserRole(actor: UserAdminActor, userId: string, role: Role, currentPassword = "", expectedVersion?: number) {
  if (actor !== "cli") {
    assertAdmin(actor, "change roles");
    await assertOwnPassword(actor, currentPassword, "Your password is not correct: the role was not changed.");
  }
  await bumpSessionVersion(actor === "cli" ? null : actor.id, userId, "user.role_change", { role }, async (tx, before) => {
    if (before.role === role) throw invalid("role", `This account already has the ${role.toLowerCase()} role.`);
    if (role !== "ADMIN") await assertNotLastActiveAdmin(tx, userId, before, "taking the admin role away");
  }, expectedVersion);
}

/**
 * An admin deactivates an account; its sessions end and it can no longer sign in. Nobody deactivates
 * themselves or the last active admin. `expectedVersion` as for changeUserRole.
 * Throws FORBIDDEN, VALIDATION, NOT_FOUND, CONFLICT.
 */
export async function deactivateUser(actor: UserAdminActor, userId: string, expectedVersion?: number) {
  if (actor !== "cli") {
    assertAdmin(actor, "deactivate users");
    if (actor.id === userId) throw new AppError("VALIDATION", "You cannot deactivate your own account.");
  }
  await bumpSessionVersion(
    actor === "cli" ? null : actor.id,
    userId,
    "user.deactivate",
    { active: false },
    async (_tx, before) => {
      if (!before.active) throw new AppError("VALIDATION", "This account is already deactivated.");
      await assertNotLastActiveAdmin(_tx, userId, before, "deactivating this account");
    },
    expectedVersion,
  );
}

/**
 * An admin lets a deactivated account sign in again (with its old password). `expectedVersion` as for
 * changeUserRole. Throws FORBIDDEN, VALIDATION (already active), NOT_FOUND, CONFLICT.
 */
export async function reactivateUser(actor: UserAdminActor, userId: string, expectedVersion?: number) {
  if (actor !== "cli") assertAdmin(actor, "reactivate users");
  await bumpSessionVersion(
    actor === "cli" ? null : actor.id,
    userId,
    "user.reactivate",
    { active: true },
    async (_tx, before) => {
      if (before.active) throw new AppError("VALIDATION", "This account is already active.");
    },
    expectedVersion,
  );
}

/**
 * An admin resets someone's password to a generated one-time password (returned once); the user's
 * sessions end and they must choose their own password at the next sign-in. Admins change their own
 * password on /account. `expectedVersion` as for changeUserRole.
 * Throws FORBIDDEN, VALIDATION (own account), NOT_FOUND, CONFLICT.
 */
export async function resetUserPassword(actor: UserAdminActor, userId: string, expectedVersion?: number): Promise<{ oneTimePassword: string }> {
  if (actor !== "cli") {
    assertAdmin(actor, "reset passwords");
    if (actor.id === userId) throw new AppError("VALIDATION", "Change your own password on your Account page.");
  }
  const oneTimePassword = generateOneTimePassword();
  await bumpSessionVersion(actor === "cli" ? null : actor.id, userId, "user.password_reset", {
    passwordHash: await hashPassword(oneTimePassword),
    mustChangePassword: true,
  }, undefined, expectedVersion);
  return { oneTimePassword };
}

/**
 * A user renames themselves (audited; sessions stay), compare-and-set on the account's version when
 * the form carries it (`expectedVersion`: a rename from a stale tab is refused with CONFLICT).
 * Throws NOT_FOUND when the account is gone.
 */
export async function updateOwnName(actor: Actor, input: UpdateOwnNameInput) {
  return inTransaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: actor.id }, select: { name: true, version: true } });
    if (!before) throw new AppError("NOT_FOUND", "That user does not exist.");
    if (input.expectedVersion !== undefined && before.version !== input.expectedVersion) throw staleAccount(before.version);
    const user = await updateUserAtVersion(tx, actor.id, before.version, { name: input.name });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "user.rename",
      entityType: "User",
      entityId: actor.id,
      before: { name: before.name },
      after: { name: user.name },
    });
    return { id: user.id, name: user.name };
  });
}

/** The signed-in user's own account as /account shows it: name and version (for the forms' compare-and-set). Throws NOT_FOUND. */
export async function readOwnAccount(actor: Actor): Promise<{ name: string; version: number }> {
  const [user] = await readRows<{ name: string; version: number | bigint | string }>(Prisma.sql`SELECT "name", "version" FROM "User" WHERE "id" = ${actor.id}`);
  if (!user) throw new AppError("NOT_FOUND", "That user does not exist.");
  return { name: user.name, version: Number(user.version) };
}

/** Records a successful sign-in (the users page shows it). Not audited, like every sign-in. */
export async function recordSignIn(userId: string, at = new Date()): Promise<void> {
  const db = await getDb();
  await db.user.update({ where: { id: userId }, data: { lastSignInAt: at } });
}
