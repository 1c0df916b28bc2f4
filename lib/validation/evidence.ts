import { z } from "zod";
import { EVIDENCE_STANCES } from "@/lib/domain/verdict-scale";
import { httpUrlSchema, idSchema, requiredText, versionSchema } from "./common";

const evidenceFields = {
  title: requiredText("Title", 300),
  publisher: requiredText("Publisher", 200),
  quote: requiredText("Quoted passage", 5000, { multiline: true }),
  stance: z.enum(EVIDENCE_STANCES, { error: "Choose whether the source supports, refutes or gives context." }),
};

/** Evidence with a web source (the REST API's JSON body: a URL is required there, a file comes after). */
export const addEvidenceSchema = z.object({ claimId: idSchema, url: httpUrlSchema, ...evidenceFields }).strict();
/** The stored form of "no URL" (Evidence.url is NOT NULL): mapped to null/absent at every edge. */
export const NO_EVIDENCE_URL = "";

/** The message when a piece of evidence has neither a source URL nor a file. */
export const URL_OR_FILE_MESSAGE = "Give the source's URL or attach a file (a document with no web address).";

/**
 * The claim page's "Add evidence": a URL, a file, or both (issue 16d). `url` is "" when none was
 * typed; `hasFile` is "1" when the form carried a non-empty file (set by the server action, never
 * typed). Neither gives a VALIDATION error on `url` with URL_OR_FILE_MESSAGE.
 */
export const addEvidenceFormSchema = z
  .object({
    claimId: idSchema,
    url: z.union([z.string().trim().max(0).transform(() => NO_EVIDENCE_URL), httpUrlSchema]).default(NO_EVIDENCE_URL),
    hasFile: z.literal("1").optional(),
    ...evidenceFields,
  })
  .strict()
  .refine((input) => input.url !== NO_EVIDENCE_URL || input.hasFile === "1", { message: URL_OR_FILE_MESSAGE, path: ["url"] });

/** What addEvidence stores: `url` may be NO_EVIDENCE_URL when a file is attached in the same step. */
export type AddEvidenceInput = Omit<z.infer<typeof addEvidenceSchema>, "url"> & { url: string };
export type AddEvidenceFormInput = z.infer<typeof addEvidenceFormSchema>;

export const removeEvidenceSchema = z.object({ evidenceId: idSchema, expectedVersion: versionSchema }).strict();
export type RemoveEvidenceInput = z.infer<typeof removeEvidenceSchema>;

/** Archive a piece of evidence's source again (after a failed or refused fetch). */
export const retryArchiveSchema = z.object({ evidenceId: idSchema }).strict();
export type RetryArchiveInput = z.infer<typeof retryArchiveSchema>;
