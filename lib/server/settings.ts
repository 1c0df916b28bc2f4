import "server-only";
import { z } from "zod";
import { staleVersion } from "@/lib/domain/errors";
import { DEFAULT_VERDICT_SCALE, type VerdictRating } from "@/lib/domain/verdict-scale";
import type { ReviewerPoolSettingInput } from "@/lib/validation/settings";
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
// The reviewer pool: when open, reviewers see unassigned (new) claims and may take one themselves.

export const REVIEWER_POOL_KEY = "reviewerPool";
const reviewerPoolValueSchema = z.object({ enabled: z.boolean() });

export interface ReviewerPoolSetting {
  enabled: boolean;
  /** 0 while the setting was never saved (closed by default). */
  version: number;
}

export async function getReviewerPoolSetting(db: Db | Tx): Promise<ReviewerPoolSetting> {
  const row = await db.setting.findUnique({ where: { key: REVIEWER_POOL_KEY } });
  if (!row) return { enabled: false, version: 0 };
  const parsed = reviewerPoolValueSchema.safeParse(safeJson(row.value));
  return { enabled: parsed.success && parsed.data.enabled, version: row.version };
}

/**
 * An admin opens or closes the pool. Version-checked like every other row: a stale form is refused
 * (a setting never saved is version 0, and two first saves cannot both create it).
 */
export async function updateReviewerPoolSetting(actor: Actor, input: ReviewerPoolSettingInput): Promise<ReviewerPoolSetting> {
  assertAdmin(actor, "change desk settings");
  try {
    return await inTransaction(async (tx) => {
      const before = await getReviewerPoolSetting(tx);
      if (before.version !== input.expectedVersion) throw staleVersion("setting", before);
      const value = JSON.stringify({ enabled: input.enabled });
      if (before.version === 0) {
        await tx.setting.create({ data: { key: REVIEWER_POOL_KEY, value, version: 1 } });
      } else {
        const result = await tx.setting.updateMany({
          where: { key: REVIEWER_POOL_KEY, version: input.expectedVersion },
          data: { value, version: { increment: 1 } },
        });
        if (result.count !== 1) throw staleVersion("setting");
      }
      const after = { enabled: input.enabled, version: before.version + 1 };
      await appendAuditEvent(tx, {
        actorId: actor.id,
        action: "setting.update",
        entityType: "Setting",
        entityId: REVIEWER_POOL_KEY,
        entityVersion: after.version,
        before: { reviewerPool: before.enabled },
        after: { reviewerPool: after.enabled },
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
