import "server-only";
import { z } from "zod";
import { staleVersion } from "@/lib/domain/errors";
import { DEFAULT_VERDICT_SCALE, type VerdictRating } from "@/lib/domain/verdict-scale";
import type { DeskSettingsInput, ReviewerPoolSettingInput } from "@/lib/validation/settings";
import { appendAuditEvent } from "./audit";
import { getDb, type Db, type Tx } from "./db";
import { assertAdmin, type Actor } from "./permissions";
import { inTransaction } from "./transaction";

const scaleSchema = z.array(
  z.object({
    key: z.string(),
    label: z.string(),
    ratingValue: z.number().int().min(1).max(5).nullable(),
    color: z.string(),
    requiresEvidence: z.boolean(),
  }),
);

/** The desk's verdict scale: the admin's saved version, or the default scale. */
export async function getVerdictScale(db: Db | Tx): Promise<readonly VerdictRating[]> {
  const row = await db.setting.findUnique({ where: { key: "verdictScale" } });
  if (!row) return DEFAULT_VERDICT_SCALE;
  const parsed = scaleSchema.safeParse(JSON.parse(row.value));
  return parsed.success && parsed.data.length > 0 ? parsed.data : DEFAULT_VERDICT_SCALE;
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
export async function saveSetting<T>(actor: Actor, kind: SettingKind<T>, expectedVersion: number, value: T): Promise<{ value: T; version: number }> {
  assertAdmin(actor, "change desk settings");
  try {
    return await inTransaction(async (tx) => {
      const before = await readSetting(tx, kind);
      if (before.version !== expectedVersion) throw staleVersion("setting", { ...before.value, version: before.version });
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

/** The verdict scale for pages (labels and colours are not secret: every signed-in user sees them). */
export async function readVerdictScale(actor: Actor): Promise<readonly VerdictRating[]> {
  if (!actor.id) return DEFAULT_VERDICT_SCALE;
  return getVerdictScale(await getDb());
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
