import { z } from "zod";
import { EVIDENCE_STANCES } from "@/lib/domain/verdict-scale";
import { httpUrlSchema, idSchema, requiredText, versionSchema } from "./common";

export const addEvidenceSchema = z
  .object({
    claimId: idSchema,
    url: httpUrlSchema,
    title: requiredText("Title", 300),
    publisher: requiredText("Publisher", 200),
    quote: requiredText("Quoted passage", 5000),
    stance: z.enum(EVIDENCE_STANCES, { error: "Choose whether the source supports, refutes or gives context." }),
  })
  .strict();
export type AddEvidenceInput = z.infer<typeof addEvidenceSchema>;

export const removeEvidenceSchema = z.object({ evidenceId: idSchema, expectedVersion: versionSchema }).strict();
export type RemoveEvidenceInput = z.infer<typeof removeEvidenceSchema>;

/** Archive a piece of evidence's source again (after a failed or refused fetch). */
export const retryArchiveSchema = z.object({ evidenceId: idSchema }).strict();
export type RetryArchiveInput = z.infer<typeof retryArchiveSchema>;
