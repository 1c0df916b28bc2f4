import { z } from "zod";
import { httpUrlSchema, isSaneDate, isStorableText, optionalText, requiredText, SANE_DATE_MESSAGE, unstorableTextMessage } from "./common";

export const MAX_ARTICLE_CHARS = 2_000_000;

export const importArticleSchema = z
  .object({
    title: requiredText("Title", 500),
    outlet: requiredText("Outlet", 200),
    author: optionalText("Author", 200),
    url: httpUrlSchema.optional().or(z.literal("").transform(() => undefined)),
    publishedAt: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => v === undefined || !Number.isNaN(Date.parse(v)), "Enter a valid date.")
      .transform((v) => (v ? new Date(v) : undefined))
      .refine((d) => d === undefined || isSaneDate(d), SANE_DATE_MESSAGE),
    text: z
      .string({ error: "Article text is required." })
      .max(MAX_ARTICLE_CHARS, "Article text must be at most 2 MB.")
      .refine((t) => t.trim().length > 0, "Article text is required.")
      .refine(isStorableText, unstorableTextMessage("Article text")),
  })
  .strict();
export type ImportArticleInput = z.infer<typeof importArticleSchema>;
