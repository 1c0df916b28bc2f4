import "server-only";
import { AppError } from "@/lib/domain/errors";
import type { Role } from "@/lib/domain/roles";
import type { ChangePasswordInput, CreateUserInput } from "@/lib/validation/users";
import { appendAuditEvent } from "./audit";
import { getDb } from "./db";
import { assertPasswordPolicy, hashPassword, verifyPassword } from "./passwords";
import { assertAdmin, assertEditor, type Actor } from "./permissions";
import { inTransaction } from "./transaction";

/** Who performs a user-management step: an admin in the app, or the operator's CLI (null). */
export type UserAdminActor = Actor | "cli";

/** Creates an account. Admins do it in the app; on a fresh install the operator's CLI does. */
export async function createUser(actor: UserAdminActor, input: CreateUserInput) {
  if (actor !== "cli") assertAdmin(actor, "create users");
  assertPasswordPolicy(input.password, { email: input.email, name: input.name });
  const passwordHash = await hashPassword(input.password);
  const db = await getDb();
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw new AppError("VALIDATION", "A user with this email already exists.", { fields: { email: ["A user with this email already exists."] } });
  }
  return inTransaction(async (tx) => {
    const user = await tx.user.create({ data: { email: input.email, name: input.name, role: input.role, passwordHash } });
    await appendAuditEvent(tx, {
      actorId: actor === "cli" ? null : actor.id,
      action: "user.create",
      entityType: "User",
      entityId: user.id,
      after: { email: user.email, name: user.name, role: user.role },
    });
    return { id: user.id, email: user.email, name: user.name, role: user.role };
  });
}

/** People an editor can assign claims to. */
export async function listAssignableUsers(actor: Actor) {
  assertEditor(actor, "assign claims");
  const db = await getDb();
  return db.user.findMany({
    where: { active: true },
    select: { id: true, name: true, email: true, role: true },
    orderBy: [{ role: "desc" }, { name: "asc" }],
  });
}

async function bumpSessionVersion(actorId: string | null, userId: string, action: string, after: Record<string, unknown>) {
  return inTransaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId } });
    if (!before) throw new AppError("NOT_FOUND", "That user does not exist.");
    const user = await tx.user.update({
      where: { id: userId },
      data: { ...after, sessionVersion: { increment: 1 } },
    });
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

/** Changing one's password ends every other session. */
export async function changePassword(actor: Actor, input: ChangePasswordInput) {
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("VALIDATION", "Your current password is not correct.", { fields: { currentPassword: ["Your current password is not correct."] } });
  }
  assertPasswordPolicy(input.newPassword, { email: user.email, name: user.name }, "newPassword");
  await bumpSessionVersion(actor.id, actor.id, "user.password_change", { passwordHash: await hashPassword(input.newPassword) });
}

/** An admin changes someone's role; their sessions end so the new rights apply at once. */
export async function changeUserRole(actor: UserAdminActor, userId: string, role: Role) {
  if (actor !== "cli") assertAdmin(actor, "change roles");
  await bumpSessionVersion(actor === "cli" ? null : actor.id, userId, "user.role_change", { role });
}

/** An admin deactivates an account; its sessions end and it can no longer sign in. */
export async function deactivateUser(actor: UserAdminActor, userId: string) {
  if (actor !== "cli") {
    assertAdmin(actor, "deactivate users");
    if (actor.id === userId) throw new AppError("VALIDATION", "You cannot deactivate your own account.");
  }
  await bumpSessionVersion(actor === "cli" ? null : actor.id, userId, "user.deactivate", { active: false });
}
