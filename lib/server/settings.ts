import "server-only";
import { z } from "zod";
import { staleVersion } from "@/lib/domain/errors";
import { DEFAULT_VERDICT_SCALE, type VerdictRating } from "@/lib/domain/verdict-scale";
import type { DeskSettingsInput } from "@/lib/validation/settings";
import { appendAuditEvent } from "./audit";
import type { Db, Tx } from "./db";
import { getDb } from "./db";
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
// The desk (reports' ClaimReview author), kept in the Setting row "desk" with a version inside.

export interface DeskSettings {
  name: string;
  url: string | null;
  /** 0 until an admin saves the desk for the first time. */
  version: number;
}

export const DEFAULT_DESK: DeskSettings = { name: "ClaimLedger fact-check desk", url: null, version: 0 };
const DESK_KEY = "desk";
const deskSchema = z.object({ name: z.string().min(1), url: z.string().nullable(), version: z.number().int().min(1) });

function parseDesk(raw: string | undefined): DeskSettings {
  if (raw === undefined) return DEFAULT_DESK;
  try {
    const parsed = deskSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : DEFAULT_DESK;
  } catch {
    return DEFAULT_DESK;
  }
}

export async function getDeskSettings(db?: Db | Tx): Promise<DeskSettings> {
  const client = db ?? (await getDb());
  const row = await client.setting.findUnique({ where: { key: DESK_KEY } });
  return parseDesk(row?.value);
}

/**
 * An admin names the desk. The stored value is replaced only if it is still the one the admin saw
 * (its version), so two admins saving at once cannot overwrite each other silently.
 */
export async function saveDeskSettings(actor: Actor, input: DeskSettingsInput): Promise<DeskSettings> {
  assertAdmin(actor, "change the desk settings");
  return inTransaction(async (tx) => {
    const row = await tx.setting.findUnique({ where: { key: DESK_KEY } });
    const current = parseDesk(row?.value);
    if (current.version !== input.expectedVersion) throw staleVersion("setting", current);
    const next: DeskSettings = { name: input.name, url: input.url ?? null, version: current.version + 1 };
    const value = JSON.stringify(next);
    if (row) {
      const result = await tx.setting.updateMany({ where: { key: DESK_KEY, value: row.value }, data: { value } });
      if (result.count !== 1) throw staleVersion("setting");
    } else {
      // Another admin's first save may have created the row in the meantime: that is a stale view too.
      await tx.setting.create({ data: { key: DESK_KEY, value } }).catch((error: unknown) => {
        if ((error as { code?: unknown }).code === "P2002") throw staleVersion("setting");
        throw error;
      });
    }
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "setting.desk.update",
      entityType: "Setting",
      entityId: DESK_KEY,
      entityVersion: next.version,
      before: row ? { name: current.name, url: current.url } : null,
      after: { name: next.name, url: next.url },
    });
    return next;
  });
}
