import "server-only";
import { z } from "zod";
import { DEFAULT_VERDICT_SCALE, type VerdictRating } from "@/lib/domain/verdict-scale";
import type { Db, Tx } from "./db";

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
