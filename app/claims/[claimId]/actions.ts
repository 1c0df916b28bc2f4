"use server";

import { performFormAction } from "@/lib/server/action";
import { approveVerdict } from "@/lib/server/claim/approve-verdict";
import { assignClaim } from "@/lib/server/claim/assign-claim";
import { proposeVerdict } from "@/lib/server/claim/propose-verdict";
import { publishClaim } from "@/lib/server/claim/publish-claim";
import { reopenClaim } from "@/lib/server/claim/reopen-claim";
import { returnVerdict } from "@/lib/server/claim/return-verdict";
import { addComment } from "@/lib/server/comments";
import { removeEvidence } from "@/lib/server/evidence";
import { addEvidenceWithFile, archiveEvidence } from "@/lib/server/evidence-archive/archive-evidence";
import { retractClaim } from "@/lib/server/public-site/retract-fact-check";
import type { ActionState } from "@/lib/server/respond";
import {
  approveVerdictSchema,
  assignClaimSchema,
  claimVersionSchema,
  proposeVerdictSchema,
  reopenClaimSchema,
  returnVerdictSchema,
} from "@/lib/validation/claims";
import { addCommentSchema } from "@/lib/validation/comments";
import { addEvidenceFormSchema, removeEvidenceSchema, retryArchiveSchema } from "@/lib/validation/evidence";
import { retractClaimSchema } from "@/lib/validation/public-site";

const claimPages = (formData: FormData) => {
  const id = String(formData.get("claimId") ?? "");
  return ["/claims", `/claims/${id}`, "/workload", "/dashboard"];
};

export async function addEvidenceAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  // A URL, a file or both (issue 16d): the file is taken out of the form; `hasFile` tells the schema.
  const file = formData.get("file");
  formData.delete("file");
  formData.delete("hasFile");
  const upload = file instanceof File && file.size > 0 ? file : null;
  if (upload) formData.set("hasFile", "1");
  // Saved first (its own transaction), then its source is fetched and archived (issue 16).
  return performFormAction(formData, addEvidenceFormSchema, (actor, { hasFile: _hasFile, ...input }) => addEvidenceWithFile(actor, input, upload), {
    revalidate: claimPages(formData),
    success: "Evidence added.",
  });
}

export async function retryArchiveAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const claimId = String(formData.get("claimId") ?? "");
  formData.delete("claimId");
  return performFormAction(formData, retryArchiveSchema, (actor, input) => archiveEvidence(actor, input.evidenceId), {
    revalidate: ["/claims", `/claims/${claimId}`],
    success: "Archiving tried again.",
  });
}

export async function removeEvidenceAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const claimId = String(formData.get("claimId") ?? "");
  formData.delete("claimId");
  return performFormAction(formData, removeEvidenceSchema, removeEvidence, {
    revalidate: ["/claims", `/claims/${claimId}`],
    success: "Evidence removed.",
  });
}

export async function proposeVerdictAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, proposeVerdictSchema, proposeVerdict, {
    revalidate: claimPages(formData),
    success: "Verdict proposed. An editor will review it.",
  });
}

export async function assignClaimAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, assignClaimSchema, assignClaim, { revalidate: claimPages(formData), success: "Assignment saved." });
}

export async function approveVerdictAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, approveVerdictSchema, approveVerdict, { revalidate: claimPages(formData), success: "Verdict approved." });
}

export async function returnVerdictAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, returnVerdictSchema, returnVerdict, {
    revalidate: claimPages(formData),
    success: "Verdict returned.",
  });
}

export async function publishClaimAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, claimVersionSchema, publishClaim, { revalidate: claimPages(formData), success: "Verdict published." });
}

export async function reopenClaimAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, reopenClaimSchema, reopenClaim, {
    revalidate: claimPages(formData),
    success: "Claim reopened. The reviewer can work on it again.",
  });
}

export async function retractClaimAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const id = String(formData.get("claimId") ?? "");
  return performFormAction(formData, retractClaimSchema, retractClaim, {
    revalidate: [...claimPages(formData), "/fact-checks", `/fact-checks/${id}`],
    success: "Fact-check retracted. Its public page shows the retraction notice.",
  });
}

export async function addCommentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, addCommentSchema, addComment, { revalidate: claimPages(formData), success: "Comment added." });
}
