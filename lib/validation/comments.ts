import { z } from "zod";
import { idSchema, markdownText } from "./common";

/** A comment: plain text or Markdown (rendered without raw HTML), with @mentions resolved on the server. */
export const addCommentSchema = z.object({ claimId: idSchema, body: markdownText("A comment", 5000) }).strict();
export type AddCommentInput = z.infer<typeof addCommentSchema>;
