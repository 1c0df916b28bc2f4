import { z } from "zod";
import { idSchema, optionalText, requiredText, versionSchema } from "./common";

/** The most articles one story step takes at once (a form's ticked articles). */
export const MAX_STORY_ARTICLES = 200;

/**
 * A list of ids as forms send it: one comma-separated field ("a,b,c"), or an array from JSON callers.
 * Blank entries are dropped, duplicates kept once; at least one id, at most MAX_STORY_ARTICLES.
 */
const idListSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => [...new Set((Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter((s) => s.length > 0))])
  .pipe(
    z
      .array(idSchema)
      .min(1, "Choose at least one article.")
      .max(MAX_STORY_ARTICLES, `Choose at most ${MAX_STORY_ARTICLES} articles at once.`),
  );

/** Manual story: a title and the articles it starts with (none may already be in a story). */
export const createStorySchema = z.object({ title: requiredText("Title", 300), articleIds: idListSchema }).strict();
export type CreateStoryInput = z.infer<typeof createStorySchema>;

/** Any change to an existing story names the version the editor saw (compare-and-set). */
const storyRef = { storyId: idSchema, expectedVersion: versionSchema };

export const confirmStorySchema = z.object(storyRef).strict();
export type ConfirmStoryInput = z.infer<typeof confirmStorySchema>;

export const renameStorySchema = z.object({ ...storyRef, title: requiredText("Title", 300) }).strict();
export type RenameStoryInput = z.infer<typeof renameStorySchema>;

/**
 * Split: the chosen articles leave the story, into a new confirmed story (`into: "NEW"`, titled
 * `title` or else after its first article) or out of any story (`into: "NONE"`).
 */
export const splitStorySchema = z
  .object({ ...storyRef, articleIds: idListSchema, into: z.enum(["NEW", "NONE"], { error: "Choose where the articles go." }), title: optionalText("Title", 300) })
  .strict();
export type SplitStoryInput = z.infer<typeof splitStorySchema>;

export const storyArticleSchema = z.object({ ...storyRef, articleId: idSchema }).strict();
export type StoryArticleInput = z.infer<typeof storyArticleSchema>;

/**
 * An editor's resolution of a verdict conflict: ALIGNED (the verdicts were brought in line) or
 * EXPLAINED (why they differ: the note is then required); `verdictIds` are the conflict's verdicts.
 */
export const resolveVerdictConflictSchema = z
  .object({
    ...storyRef,
    clusterId: idSchema,
    resolution: z.enum(["ALIGNED", "EXPLAINED"], { error: "Choose how the conflict is resolved." }),
    note: optionalText("The note", 4000).transform((v) => v ?? ""),
    verdictIds: idListSchema.pipe(z.array(idSchema).min(2, "A verdict conflict has at least two verdicts.")),
  })
  .strict()
  .refine((v) => v.resolution !== "EXPLAINED" || v.note.length > 0, { path: ["note"], message: "Say why the verdicts differ." });
export type ResolveVerdictConflictInput = z.infer<typeof resolveVerdictConflictSchema>;
