import { z } from "zod";
import { REPORT_FORMATS } from "@/lib/domain/report/format-info";
import { claimListFilterSchema } from "./claims";

const dayString = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}: use a date like 2026-03-31.`)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), `${label}: not a valid date.`);

const flag = z
  .enum(["0", "1", "true", "false", "on", "off", ""], { error: "includeWip: use 1 or 0." })
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "on");

/**
 * What a report covers: the claim list's filters (same names as /claims), a date range of the verdicts
 * (UTC days, both ends included) and whether work in progress is included (editors only).
 */
const reportScopeShape = {
  ...claimListFilterSchema.shape,
  from: dayString("From").optional(),
  to: dayString("To").optional(),
  includeWip: flag,
};

function checkRange(value: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (value.from && value.to && value.from > value.to) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "To: the end date is before the start date." });
  }
}

export const reportScopeSchema = z.object(reportScopeShape).strict().superRefine(checkRange);
export type ReportScopeInput = z.output<typeof reportScopeSchema>;

/** The query of GET /api/v1/reports: a format plus the scope. */
export const reportQuerySchema = z
  .object({
    format: z.enum(REPORT_FORMATS, { error: `Unknown format: choose one of ${REPORT_FORMATS.join(", ")}.` }),
    ...reportScopeShape,
  })
  .strict()
  .superRefine(checkRange);
export type ReportQuery = z.output<typeof reportQuerySchema>;

/**
 * URL search parameters as a plain object for the schemas above; empty values are dropped (a form's
 * empty select means "any"), a repeated key keeps its values as an array, which the schemas refuse.
 */
export function searchParamsToObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key).filter((v) => v !== "");
    if (values.length === 1) out[key] = values[0]!;
    else if (values.length > 1) out[key] = values;
  }
  return out;
}
