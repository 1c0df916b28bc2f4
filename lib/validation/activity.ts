import { z } from "zod";
import { emptyToUndefined, idSchema, parseSearchParams } from "./common";
const dateParam = (message: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, message)
      .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), message)
      .optional(),
  );

/** The activity feed's filters and page, as URL parameters. */
export const activityFilterSchema = z
  .object({
    actorId: z.preprocess(emptyToUndefined, idSchema.optional()),
    action: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z]+\.[A-Za-z_]{1,40}$/, "Unknown action.").optional()),
    /** First and last day (UTC), inclusive. */
    from: dateParam("Enter a valid start date."),
    to: dateParam("Enter a valid end date."),
    /** Keyset page: events older than this id. */
    before: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional()),
  })
  .strip();
export type ActivityFilter = z.infer<typeof activityFilterSchema>;

export const parseActivityFilter = (params: Record<string, string | string[] | undefined>) => parseSearchParams(activityFilterSchema, params);
