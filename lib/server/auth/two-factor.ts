import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { AppError } from "@/lib/domain/errors";
import { appendAuditEvent } from "../audit";
import { getDb, type Db, type Tx } from "../db";
import { env } from "../env";
import type { Actor } from "../permissions";
import { securityEvent } from "../security-log";
import { inTransaction } from "../transaction";

/**
 * TOTP two-factor sign-in (RFC 6238: HMAC-SHA1, 6 digits, 30 s steps — what every authenticator app
 * reads from an otpauth:// URI), through the otpauth library. The shared secret is stored AES-256-GCM
 * encrypted with a key derived from NEXTAUTH_SECRET, so a database dump alone does not give it away;
 * a code is accepted within ±1 step (RFC 6238 §5.2 clock drift) and never twice (the last accepted step
 * is stored). Ten one-time recovery codes are shown once and stored as SHA-256 hashes.
 */
export const TOTP_ISSUER = "ClaimLedger";
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const RECOVERY_CODE_COUNT = 10;

function encryptionKey(): Buffer {
  const secret = env.NEXTAUTH_SECRET ?? (env.NODE_ENV === "production" ? undefined : "claimledger-development-only-secret");
  if (!secret) throw new Error("NEXTAUTH_SECRET is required to store two-factor secrets.");
  return createHash("sha256").update(`claimledger-totp-secret:${secret}`).digest();
}

/** "v1:" + base64url(iv | tag | ciphertext) of the base32 secret. */
export function encryptTotpSecret(base32: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(), iv);
  const sealed = Buffer.concat([cipher.update(base32, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64url")}`;
}

/** The base32 secret inside encryptTotpSecret's output. Throws when it was altered or the key changed. */
export function decryptTotpSecret(stored: string): string {
  if (!stored.startsWith("v1:")) throw new Error("Unknown two-factor secret format.");
  const raw = Buffer.from(stored.slice(3), "base64url");
  const decipher = createDecipheriv("aes-256-gcm", encryptionKey(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

function totpFor(base32: string, label: string): TOTP {
  return new TOTP({ issuer: TOTP_ISSUER, label, algorithm: "SHA1", digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(base32) });
}

/** The TOTP time step (RFC 6238 T) of a Unix time in ms. */
export function totpStep(timestampMs: number): number {
  return Math.floor(timestampMs / 1000 / TOTP_PERIOD_SECONDS);
}

/**
 * The time step a 6-digit code belongs to (now ±1 step), or null when it matches none. Pure: the
 * caller checks replay. `timestampMs` defaults to now.
 */
export function matchTotpCode(base32: string, code: string, timestampMs = Date.now()): number | null {
  const token = code.replace(/\s+/gu, "");
  if (!/^\d{6}$/u.test(token)) return null;
  const delta = totpFor(base32, "check").validate({ token, timestamp: timestampMs, window: 1 });
  return delta === null ? null : totpStep(timestampMs) + delta;
}

/** The code an authenticator app shows for `base32` at `timestampMs` (tests and the setup page's check). */
export function currentTotpCode(base32: string, timestampMs = Date.now()): string {
  return totpFor(base32, "code").generate({ timestamp: timestampMs });
}

function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(normalizeRecoveryCode(code)).digest("hex");
}

/** Recovery codes are compared without spaces or dashes, case-insensitively. */
function normalizeRecoveryCode(code: string): string {
  return code.replace(/[\s-]+/gu, "").toLowerCase();
}

/** Ten codes like "k7q2-m9xd-4tpa" (60 bits each from the CSPRNG). */
function newRecoveryCodes(): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: Date | null;
  remainingRecoveryCodes: number;
}

/** Whether the actor has two-factor sign-in on, and how many recovery codes are left. */
export async function readTwoFactorStatus(actor: Actor): Promise<TwoFactorStatus> {
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { totpEnabledAt: true } });
  const remainingRecoveryCodes = user.totpEnabledAt ? await db.recoveryCode.count({ where: { userId: actor.id, usedAt: null } }) : 0;
  return { enabled: user.totpEnabledAt !== null, enabledAt: user.totpEnabledAt, remainingRecoveryCodes };
}

export interface TwoFactorEnrolment {
  /** otpauth://totp/ClaimLedger:email?secret=…&issuer=ClaimLedger&… (RFC 6238 / Key Uri Format). */
  uri: string;
  /** The secret in base32, grouped by four, for typing it in by hand. */
  manualKey: string;
  /** The URI as an SVG QR code (markup made by the qrcode library from our URI only). */
  qrSvg: string;
}

/**
 * Starts (or restarts) setting up two-factor sign-in: a new secret is stored encrypted but not yet in
 * force. Throws VALIDATION when two-factor is already on (disable it first).
 */
export async function startTwoFactorEnrolment(actor: Actor): Promise<TwoFactorEnrolment> {
  const secret = new Secret({ size: 20 });
  const db = await getDb();
  const result = await db.user.updateMany({ where: { id: actor.id, totpEnabledAt: null }, data: { totpSecret: encryptTotpSecret(secret.base32), totpLastStep: null } });
  if (result.count !== 1) throw new AppError("VALIDATION", "Two-factor sign-in is already on. Turn it off first to set up a new authenticator.");
  securityEvent("mfa_enrolment_started", { userId: actor.id });
  return enrolmentFor(actor, secret.base32);
}

/** The pending enrolment again (page reload), or null when none is pending. */
export async function readPendingEnrolment(actor: Actor): Promise<TwoFactorEnrolment | null> {
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { totpSecret: true, totpEnabledAt: true } });
  if (!user.totpSecret || user.totpEnabledAt) return null;
  return enrolmentFor(actor, decryptTotpSecret(user.totpSecret));
}

async function enrolmentFor(actor: Actor, base32: string): Promise<TwoFactorEnrolment> {
  const uri = totpFor(base32, actor.email).toString();
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { uri, manualKey: base32.replace(/(.{4})/gu, "$1 ").trim(), qrSvg };
}

/**
 * Confirms the pending secret with a code from the app: two-factor sign-in is on from now, and the
 * ten recovery codes returned are shown this once (only their hashes are kept). One transaction with
 * its audit event. Throws VALIDATION (field `code`) for a wrong code or when nothing is pending.
 */
export async function confirmTwoFactor(actor: Actor, code: string, now = Date.now()): Promise<{ recoveryCodes: string[] }> {
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { totpSecret: true, totpEnabledAt: true } });
  if (!user.totpSecret || user.totpEnabledAt) throw new AppError("VALIDATION", "Start the set-up again: no authenticator is waiting to be confirmed.");
  const step = matchTotpCode(decryptTotpSecret(user.totpSecret), code, now);
  if (step === null) {
    const message = "That code does not match. Check the time on your phone and enter the current 6-digit code.";
    throw new AppError("VALIDATION", message, { fields: { code: [message] } });
  }
  const recoveryCodes = newRecoveryCodes();
  await inTransaction(async (tx) => {
    const enabledAt = new Date(now);
    const updated = await tx.user.updateMany({
      where: { id: actor.id, totpEnabledAt: null, totpSecret: user.totpSecret },
      data: { totpEnabledAt: enabledAt, totpLastStep: step },
    });
    if (updated.count !== 1) throw new AppError("CONFLICT", "Two-factor sign-in changed since you opened this page. Reload it.");
    await tx.recoveryCode.deleteMany({ where: { userId: actor.id } });
    await tx.recoveryCode.createMany({ data: recoveryCodes.map((c) => ({ userId: actor.id, codeHash: hashRecoveryCode(c) })) });
    await appendAuditEvent(tx, { actorId: actor.id, action: "user.mfa_enable", entityType: "User", entityId: actor.id, after: { twoFactor: true } });
  });
  securityEvent("mfa_enabled", { userId: actor.id, remainingRecoveryCodes: RECOVERY_CODE_COUNT });
  return { recoveryCodes };
}

/**
 * Turns two-factor sign-in off (the caller has checked a recent re-authentication): secret and
 * recovery codes are deleted, in one transaction with its audit event.
 */
export async function disableTwoFactor(actor: Actor): Promise<void> {
  await inTransaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { totpEnabledAt: true, totpSecret: true } });
    if (!before.totpEnabledAt && !before.totpSecret) throw new AppError("VALIDATION", "Two-factor sign-in is already off.");
    await tx.user.update({ where: { id: actor.id }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId: actor.id } });
    await appendAuditEvent(tx, { actorId: actor.id, action: "user.mfa_disable", entityType: "User", entityId: actor.id, before: { twoFactor: before.totpEnabledAt !== null }, after: { twoFactor: false } });
  });
  securityEvent("mfa_disabled", { userId: actor.id });
}

/**
 * Checks a second factor for a user with two-factor on: a current 6-digit TOTP code not used before,
 * or an unused recovery code (then spent). Returns false for anything else. Each code works once,
 * also when two requests race (conditional updates).
 */
export async function verifySecondFactor(db: Db | Tx, userId: string, code: string, now = Date.now()): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true, totpLastStep: true } });
  if (!user?.totpEnabledAt || !user.totpSecret) return false;
  const trimmed = code.trim();
  if (/^\d[\d\s]*$/u.test(trimmed)) {
    const step = matchTotpCode(decryptTotpSecret(user.totpSecret), trimmed, now);
    if (step === null) return false;
    const spent = await db.user.updateMany({
      where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return spent.count === 1;
  }
  const normalized = normalizeRecoveryCode(trimmed);
  if (normalized.length !== 12) return false;
  const spent = await db.recoveryCode.updateMany({ where: { userId, codeHash: hashRecoveryCode(normalized), usedAt: null }, data: { usedAt: new Date(now) } });
  if (spent.count !== 1) return false;
  const remaining = await db.recoveryCode.count({ where: { userId, usedAt: null } });
  securityEvent("mfa_recovery_code_used", { userId, remainingRecoveryCodes: remaining });
  return true;
}
