import { z } from "zod";
import { articleTextSizeError } from "./article-size";
import { httpUrlSchema, isSaneDate, isStorableText, optionalText, requiredText, SANE_DATE_MESSAGE, unstorableTextMessage } from "./common";

export { articleTextSizeError, MAX_ARTICLE_BYTES } from "./article-size";

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
      .superRefine((t, ctx) => {
        const tooLarge = articleTextSizeError(t);
        if (tooLarge) ctx.addIssue({ code: "custom", message: tooLarge, input: t, continue: false });
      })
      .refine((t) => t.trim().length > 0, "Article text is required.")
      .refine(isStorableText, unstorableTextMessage("Article text")),
  })
  .strict();
export type ImportArticleInput = z.infer<typeof importArticleSchema>;
