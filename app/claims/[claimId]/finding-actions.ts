"use server";

import { performFormAction } from "@/lib/server/action";
import { setClaimant } from "@/lib/server/claimant";
import { confirmMatch, rewordClaim, splitMatch } from "@/lib/server/suggestions";
import type { ActionState } from "@/lib/validation/action-state";
import { setClaimantSchema } from "@/lib/validation/claimant";
import { matchDecisionSchema, rewordClaimSchema } from "@/lib/validation/suggestions";

const claimPages = (formData: FormData) => ["/claims", `/claims/${String(formData.get("claimId") ?? "")}`];

export async function rewordClaimAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, rewordClaimSchema, rewordClaim, { revalidate: claimPages(formData), success: "Wording saved; the claim stays anchored to the same passage." });
}

export async function confirmMatchAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, matchDecisionSchema, confirmMatch, { revalidate: claimPages(formData), success: "Match confirmed." });
}

export async function splitMatchAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, matchDecisionSchema, splitMatch, { revalidate: claimPages(formData), success: "Claim split from the match." });
}

export async function setClaimantAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, setClaimantSchema, setClaimant, { revalidate: claimPages(formData), success: "Claimant saved." });
}
