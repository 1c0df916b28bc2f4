import { z } from "zod";
import { articleTextSizeError } from "./article-size";
import { httpUrlSchema, isSaneDate, isStorableText, lineBreaksAsLf, optionalText, requiredText, SANE_DATE_MESSAGE, unstorableTextMessage } from "./common";

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
    // Line breaks as LF before the size check: a browser sends a textarea's as CRLF, and a text the
    // form measured at 2 MB must not be refused for the bytes that adds (the import stores LF anyway).
    text: z
      .string({ error: "Article text is required." })
      .overwrite(lineBreaksAsLf)
      .superRefine((t, ctx) => {
        const tooLarge = articleTextSizeError(t);
        if (tooLarge) ctx.addIssue({ code: "custom", message: tooLarge, input: t, continue: false });
      })
      .refine((t) => t.trim().length > 0, "Article text is required.")
      .refine(isStorableText, unstorableTextMessage("Article text")),
  })
  .strict();
export type ImportArticleInput = z.infer<typeof importArticleSchema>;

/**
 * The article page's query: `part` (1-based) of a long article's text, or `claim`, the id of a claim
 * whose part to show (the claim page's "Read the whole article" link). An unknown part is shown as
 * the nearest one with a note; a malformed one is ignored with its reason (parseSearchParams).
 */
export const articleViewSchema = z.object({
  // Digits only (no "0x10", "1e3" or "1.5"); a number past the last part shows the last.
  part: z
    .string()
    .regex(/^0*[1-9]\d{0,19}$/, "Part must be a whole number from 1.")
    .transform(Number)
    .optional(),
  claim: z.string().max(64, "Claim id is too long.").optional(),
});
