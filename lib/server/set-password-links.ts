import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { AppError, invalid } from "@/lib/domain/errors";
import type { AdminCreateUserInput } from "@/lib/validation/users";
import { appendAuditEvent } from "./audit";
import { getDb, type Tx } from "./db";
import { env } from "./env";
import { assertPasswordPolicy, hashPassword } from "./passwords";
import { assertAdmin } from "./permissions";
import { inTransaction } from "./transaction";
import { bumpSessionVersion, createUser, generateOneTimePassword, type UserAdminActor } from "./users";

/**
 * One-time set-password links (issue 15): instead of a one-time password, an admin hands a new user
 * (or someone whose password they reset) a link to /set-password/<token>. The token is 256 random bits
 * (base64url, 43 characters), shown once; only its SHA-256 is stored. A link works once, until it
 * expires (SET_PASSWORD_LINK_HOURS, default 24 h); a newer link or reset for the same account
 * replaces it. Issuing and using a link are audited (never the token).
 */

/** The path of a link's page; the admin's page makes it absolute with the app's origin. */
export function setPasswordPath(token: string): string {
  return `/set-password/${encodeURIComponent(token)}`;
}

/** SHA-256 hex of a link's token: what the database keeps. */
export function hashSetPasswordToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** How long a new link works, in ms (SET_PASSWORD_LINK_HOURS). */
export function setPasswordLinkLifetimeMs(): number {
  return env.SET_PASSWORD_LINK_HOURS * 3_600_000;
}

/** A link as issued: its token (shown once) and when it stops working. */
export interface IssuedLink {
  token: string;
  expiresAt: Date;
}

/** 192 random bits nobody is told: the password of an account waiting for its link to be used. */
function unusablePassword(): string {
  return `${generateOneTimePassword()}${generateOneTimePassword()}`;
}

/**
 * Issues a link for the account inside the caller's transaction: the account's earlier unused links
 * stop working (revokedAt), the new one is stored hashed and audited. Returns the token (shown once)
 * and when the link expires.
 */
async function issueLink(tx: Tx, actorId: string | null, userId: string, now: Date): Promise<IssuedLink> {
  await tx.setPasswordLink.updateMany({ where: { userId, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + setPasswordLinkLifetimeMs());
  const link = await tx.setPasswordLink.create({ data: { userId, tokenHash: hashSetPasswordToken(token), createdById: actorId, createdAt: now, expiresAt } });
  await appendAuditEvent(tx, {
    actorId,
    action: "user.set_password_link",
    entityType: "User",
    entityId: userId,
    after: { linkId: link.id, expiresAt: expiresAt.toISOString() },
  });
  return { token, expiresAt };
}

/**
 * An admin (or the operator's CLI, "cli", audited without an actor) creates an account that has no
 * usable password yet, with a one-time set-password link (returned once).
 * Throws FORBIDDEN (not an admin), VALIDATION (duplicate email).
 */
export async function createUserWithSetPasswordLink(actor: UserAdminActor, input: AdminCreateUserInput, now = new Date()) {
  if (actor !== "cli") assertAdmin(actor, "create users");
  const actorId = actor === "cli" ? null : actor.id;
  const issued: { link?: IssuedLink } = {};
  // A random password nobody is told: the account cannot be signed into until the link is used.
  const user = await createUser(
    actor,
    { ...input, password: unusablePassword() },
    {
      mustChangePassword: true,
      alsoInTransaction: async (tx, created) => {
        issued.link = await issueLink(tx, actorId, created.id, now);
      },
    },
  );
  return { user, link: issued.link! };
}

/**
 * An admin (or the operator's CLI, "cli") resets someone's password to a set-password link (returned once): the old password stops
 * working, the user's sessions end, earlier links stop working. `expectedVersion`: the account's
 * version the admin's form showed (CONFLICT when it changed since).
 * Throws FORBIDDEN, VALIDATION (own account), NOT_FOUND, CONFLICT.
 */
export async function resetPasswordWithLink(actor: UserAdminActor, userId: string, expectedVersion?: number, now = new Date()) {
  if (actor !== "cli") {
    assertAdmin(actor, "reset passwords");
    if (actor.id === userId) throw new AppError("VALIDATION", "Change your own password on your Account page.");
  }
  const actorId = actor === "cli" ? null : actor.id;
  const issued: { link?: IssuedLink } = {};
  const passwordHash = await hashPassword(unusablePassword());
  await bumpSessionVersion(
    actorId,
    userId,
    "user.password_reset",
    { passwordHash, mustChangePassword: true },
    async (tx) => {
      issued.link = await issueLink(tx, actorId, userId, now);
    },
    expectedVersion,
  );
  return { link: issued.link! };
}

export type SetPasswordLinkState =
  | { state: "valid"; name: string; email: string; expiresAt: Date }
  | { state: "used" | "expired" | "replaced" | "unknown" };

/** What a link's page shows before anything is typed. Never throws for a bad token: it is "unknown". */
export async function readSetPasswordLink(token: string, now = new Date()): Promise<SetPasswordLinkState> {
  if (!token || token.length > 200) return { state: "unknown" };
  const db = await getDb();
  const link = await db.setPasswordLink.findUnique({
    where: { tokenHash: hashSetPasswordToken(token) },
    select: { usedAt: true, revokedAt: true, expiresAt: true, user: { select: { name: true, email: true, active: true } } },
  });
  return linkState(link, now);
}

function linkState(
  link: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date; user: { name: string; email: string; active: boolean } } | null,
  now: Date,
): SetPasswordLinkState {
  if (!link || !link.user.active) return { state: "unknown" };
  if (link.usedAt) return { state: "used" };
  if (link.revokedAt) return { state: "replaced" };
  if (link.expiresAt.getTime() <= now.getTime()) return { state: "expired" };
  return { state: "valid", name: link.user.name, email: link.user.email, expiresAt: link.expiresAt };
}

/** The clear answer for a link that no longer works. */
export const LINK_REFUSALS: Record<Exclude<SetPasswordLinkState["state"], "valid">, string> = {
  used: "This set-password link has already been used. Sign in with the password you chose, or ask an admin for a new link.",
  expired: "This set-password link has expired. Ask an admin for a new one.",
  replaced: "This set-password link was replaced by a newer one. Use the latest link you were given, or ask an admin for a new one.",
  unknown: "This set-password link is not valid. Check that you copied all of it, or ask an admin for a new one.",
};

/**
 * The person sets their password through a link: the password policy applies (length, zxcvbn's common
 * passwords, not their name or email), then in one transaction the link is spent (compare-and-set: of
 * two simultaneous uses one wins, the other is told it was used), the password is stored, any
 * pending one-time password cleared, earlier sessions end; audited. Returns the account's email.
 * Throws VALIDATION (field `newPassword`, or the link's refusal, field `token`).
 */
export async function setPasswordThroughLink(token: string, newPassword: string, now = new Date()): Promise<{ email: string }> {
  const found = await readSetPasswordLink(token, now);
  if (found.state !== "valid") throw invalid("token", LINK_REFUSALS[found.state]);
  assertPasswordPolicy(newPassword, { email: found.email, name: found.name }, "newPassword");
  const passwordHash = await hashPassword(newPassword);
  return inTransaction(async (tx) => {
    const link = await tx.setPasswordLink.findUnique({
      where: { tokenHash: hashSetPasswordToken(token) },
      select: { id: true, userId: true, usedAt: true, revokedAt: true, expiresAt: true, user: { select: { name: true, email: true, active: true } } },
    });
    const state = linkState(link, now);
    if (state.state !== "valid" || !link) throw invalid("token", LINK_REFUSALS[state.state === "valid" ? "unknown" : state.state]);
    const { count } = await tx.setPasswordLink.updateMany({ where: { id: link.id, usedAt: null, revokedAt: null }, data: { usedAt: now } });
    if (count === 0) throw invalid("token", LINK_REFUSALS.used);
    const user = await tx.user.update({
      where: { id: link.userId },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 }, version: { increment: 1 } },
    });
    await appendAuditEvent(tx, {
      actorId: link.userId,
      action: "user.password_set_by_link",
      entityType: "User",
      entityId: link.userId,
      entityVersion: user.sessionVersion,
      after: { linkId: link.id },
    });
    return { email: user.email };
  });
}
