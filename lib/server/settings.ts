import "server-only";
import { z } from "zod";
import { staleVersion } from "@/lib/domain/errors";
import { ROLES, type Role } from "@/lib/domain/roles";
import { DEFAULT_VERDICT_SCALE, type VerdictRating } from "@/lib/domain/verdict-scale";
import { applyScaleEdit, type ScaleEdit } from "@/lib/domain/verdict-scale-edit";
import type { DeskSettingsInput, ReviewerPoolSettingInput } from "@/lib/validation/settings";
import { appendAuditEvent } from "./audit";
import { Prisma } from "@/lib/generated/sqlite/client";
import { getDb, type Db, type Tx } from "./db";
import { readRows } from "./direct-read";
import { assertAdmin, type Actor } from "./permissions";
import { inTransaction } from "./transaction";

const scaleSchema = z.array(
  z.object({
    key: z.string(),
    label: z.string(),
    ratingValue: z.number().int().min(1).max(5).nullable(),
    color: z.string(),
    requiresEvidence: z.boolean(),
    retired: z.boolean().optional(),
  }),
);

/** The desk's verdict scale: the admin's saved version, or the default scale. */
export async function getVerdictScale(db: Db | Tx): Promise<readonly VerdictRating[]> {
  // Hand-written: a Prisma model read costs several times this SELECT on every list and page.
  const [row] = await db.$queryRaw<{ value: string }[]>`SELECT s."value" FROM "Setting" s WHERE s."key" = 'verdictScale'`;
  return parseVerdictScale(row?.value ?? null);
}

/** The last stored scale parsed (its JSON text and the result): pages read the same value on every request. */
let lastParsedScale: { value: string; scale: readonly VerdictRating[] } | null = null;

/**
 * The verdict scale from the Setting row's stored JSON (`verdictScale`), for readers that fetch the
 * row with other data: the default scale when there is none or it does not parse. The same text as
 * the last call gives the same (shared, not to be changed) array without parsing it again.
 */
export function parseVerdictScale(value: string | null): readonly VerdictRating[] {
  if (value === null) return DEFAULT_VERDICT_SCALE;
  if (lastParsedScale?.value === value) return lastParsedScale.scale;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return DEFAULT_VERDICT_SCALE;
  }
  const parsed = scaleSchema.safeParse(json);
  const scale = parsed.success && parsed.data.length > 0 ? parsed.data : DEFAULT_VERDICT_SCALE;
  lastParsedScale = { value, scale };
  return scale;
}

// ---------------------------------------------------------------------------------------------
// Desk settings: one JSON value per key in the Setting table, saved by admins with the row's version
// checked (a setting never saved is version 0), audited as "setting.update".

export interface SettingKind<T> {
  key: string;
  schema: z.ZodType<T>;
  fallback: T;
  /** What the audit event records of a value. */
  audited(value: T): Record<string, unknown>;
}

export async function readSetting<T>(db: Db | Tx, kind: SettingKind<T>): Promise<{ value: T; version: number }> {
  const row = await db.setting.findUnique({ where: { key: kind.key } });
  if (!row) return { value: kind.fallback, version: 0 };
  const parsed = kind.schema.safeParse(safeJson(row.value));
  return { value: parsed.success ? parsed.data : kind.fallback, version: row.version };
}

/**
 * An admin saves a setting. Version-checked like every other row: a stale form is refused with the
 * current value, and two first saves cannot both create the row.
 */
export async function saveSetting<T>(
  actor: Actor,
  kind: SettingKind<T>,
  expectedVersion: number,
  nextValue: T | ((tx: Tx, current: T) => Promise<T>),
): Promise<{ value: T; version: number }> {
  assertAdmin(actor, "change desk settings");
  try {
    return await inTransaction(async (tx) => {
      const before = await readSetting(tx, kind);
      if (before.version !== expectedVersion) throw staleVersion("setting", { ...before.value, version: before.version });
      const value = typeof nextValue === "function" ? await (nextValue as (tx: Tx, current: T) => Promise<T>)(tx, before.value) : nextValue;
      const json = JSON.stringify(value);
      if (before.version === 0) {
        await tx.setting.create({ data: { key: kind.key, value: json, version: 1 } });
      } else {
        const result = await tx.setting.updateMany({
          where: { key: kind.key, version: expectedVersion },
          data: { value: json, version: { increment: 1 } },
        });
        if (result.count !== 1) throw staleVersion("setting");
      }
      const after = { value, version: before.version + 1 };
      await appendAuditEvent(tx, {
        actorId: actor.id,
        action: "setting.update",
        entityType: "Setting",
        entityId: kind.key,
        entityVersion: after.version,
        before: kind.audited(before.value),
        after: kind.audited(value),
      });
      return after;
    });
  } catch (error) {
    // Another admin created the row first (unique key): the same answer as a stale version.
    if (isUniqueViolation(error)) throw staleVersion("setting");
    throw error;
  }
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

// ---------------------------------------------------------------------------------------------
// The reviewer pool: when open, reviewers see unassigned (new) claims and may take one themselves.

export const REVIEWER_POOL_KEY = "reviewerPool";
const REVIEWER_POOL: SettingKind<{ enabled: boolean }> = {
  key: REVIEWER_POOL_KEY,
  schema: z.object({ enabled: z.boolean() }),
  fallback: { enabled: false },
  audited: (value) => ({ reviewerPool: value.enabled }),
};

export interface ReviewerPoolSetting {
  enabled: boolean;
  /** 0 while the setting was never saved (closed by default). */
  version: number;
}

export async function getReviewerPoolSetting(db: Db | Tx): Promise<ReviewerPoolSetting> {
  const { value, version } = await readSetting(db, REVIEWER_POOL);
  return { enabled: value.enabled, version };
}

/** An admin opens or closes the pool. */
export async function updateReviewerPoolSetting(actor: Actor, input: ReviewerPoolSettingInput): Promise<ReviewerPoolSetting> {
  const { value, version } = await saveSetting(actor, REVIEWER_POOL, input.expectedVersion, { enabled: input.enabled });
  return { enabled: value.enabled, version };
}

/**
 * The verdict scale for pages (labels and colours are not secret: every signed-in user sees them):
 * getVerdictScale's statement, on the driver (direct-read.ts: what is committed; pages read outside
 * transactions).
 */
export async function readVerdictScale(actor: Actor): Promise<readonly VerdictRating[]> {
  if (!actor.id) return DEFAULT_VERDICT_SCALE;
  const [row] = await readRows<{ value: string }>(Prisma.sql`SELECT s."value" FROM "Setting" s WHERE s."key" = 'verdictScale'`);
  return parseVerdictScale(row?.value ?? null);
}

/** The reviewer pool setting as the admin's settings page shows it. */
export async function readReviewerPoolSetting(actor: Actor): Promise<ReviewerPoolSetting> {
  assertAdmin(actor, "see desk settings");
  return getReviewerPoolSetting(await getDb());
}

// ---------------------------------------------------------------------------------------------
// The desk as reports name it (the ClaimReview author).

export interface DeskSettings {
  name: string;
  url: string | null;
  /** 0 until an admin saves the desk for the first time. */
  version: number;
}

const DESK: SettingKind<{ name: string; url: string | null }> = {
  key: "desk",
  schema: z.object({ name: z.string().min(1), url: z.string().nullable() }),
  fallback: { name: "ClaimLedger fact-check desk", url: null },
  audited: (value) => ({ name: value.name, url: value.url }),
};


export async function getDeskSettings(db?: Db | Tx): Promise<DeskSettings> {
  const { value, version } = await readSetting(db ?? (await getDb()), DESK);
  return { name: value.name, url: value.url, version };
}

/** An admin names the desk (and its web address). */
export async function saveDeskSettings(actor: Actor, input: DeskSettingsInput): Promise<DeskSettings> {
  const { value, version } = await saveSetting(actor, DESK, input.expectedVersion, { name: input.name, url: input.url ?? null });
  return { name: value.name, url: value.url, version };
}

// ---------------------------------------------------------------------------------------------
// Roles whose members must use two-factor sign-in (issue 12): they are sent to /account/two-factor
// until they have set it up.

const MFA_REQUIRED_ROLES: SettingKind<{ roles: Role[] }> = {
  key: "mfaRequiredRoles",
  schema: z.object({ roles: z.array(z.enum(ROLES)) }),
  fallback: { roles: [] },
  audited: (value) => ({ mfaRequiredRoles: value.roles }),
};

/** The roles that must use two-factor sign-in, and the setting's version (0 = never saved: none). */
export async function getMfaRequiredRoles(db: Db | Tx): Promise<{ roles: Role[]; version: number }> {
  const { value, version } = await readSetting(db, MFA_REQUIRED_ROLES);
  return { roles: value.roles, version };
}

/** An admin chooses the roles that must use two-factor sign-in (version-checked, audited). */
export async function saveMfaRequiredRoles(actor: Actor, roles: Role[], expectedVersion: number): Promise<{ roles: Role[]; version: number }> {
  const unique = ROLES.filter((role) => roles.includes(role));
  const { value, version } = await saveSetting(actor, MFA_REQUIRED_ROLES, expectedVersion, { roles: unique });
  return { roles: value.roles, version };
}

/** The two-factor requirement as the admin's settings page shows it. */
export async function readMfaRequiredRoles(actor: Actor): Promise<{ roles: Role[]; version: number }> {
  assertAdmin(actor, "see desk settings");
  return getMfaRequiredRoles(await getDb());
}

// The verdict scale as admins edit it: versioned like every setting, each edit audited with the whole
// scale before and after.

const VERDICT_SCALE: SettingKind<VerdictRating[]> = {
  key: "verdictScale",
  schema: scaleSchema.min(1),
  fallback: DEFAULT_VERDICT_SCALE.map((r) => ({ ...r })),
  audited: (value) => ({ verdictScale: value }),
};

export interface VerdictScaleSetting {
  scale: readonly VerdictRating[];
  /** 0 while the desk uses the default scale. */
  version: number;
  /** Keys of ratings some verdict has (these cannot be deleted, only retired). */
  inUse: string[];
}

async function ratingsInUse(db: Db | Tx): Promise<string[]> {
  const rows = await db.verdict.groupBy({ by: ["rating"] });
  return rows.map((r) => r.rating);
}

/** The scale with its version and the ratings in use, for the admin's editor. Throws FORBIDDEN. */
export async function readVerdictScaleSetting(actor: Actor): Promise<VerdictScaleSetting> {
  assertAdmin(actor, "edit the verdict scale");
  const db = await getDb();
  const [{ value, version }, inUse] = await Promise.all([readSetting(db, VERDICT_SCALE), ratingsInUse(db)]);
  return { scale: value, version, inUse };
}

/**
 * An admin applies one edit to the verdict scale (lib/domain/verdict-scale-edit.ts), compare-and-set
 * on the setting's version: a stale editor is refused with "changed since you opened it". Throws
 * FORBIDDEN, CONFLICT, VALIDATION (see applyScaleEdit), NOT_FOUND.
 */
export async function editVerdictScale(actor: Actor, expectedVersion: number, edit: ScaleEdit): Promise<VerdictScaleSetting> {
  assertAdmin(actor, "edit the verdict scale");
  let inUse: string[] = [];
  // Read inside the step's transaction: a verdict proposed meanwhile is counted before a delete.
  const saved = await saveSetting(actor, VERDICT_SCALE, expectedVersion, async (tx, current) => {
    inUse = await ratingsInUse(tx);
    return applyScaleEdit(current, edit, (key) => inUse.includes(key));
  });
  return { scale: saved.value, version: saved.version, inUse };
}
