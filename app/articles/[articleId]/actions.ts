"use server";

import { performFormAction } from "@/lib/server/action";
import { createClaimFromSelection, reviewSuggestions } from "@/lib/server/suggestions";
import type { ActionState } from "@/lib/validation/action-state";
import { createClaimFromSelectionSchema, suggestionBatchSchema } from "@/lib/validation/suggestions";

const articlePages = (formData: FormData) => ["/claims", `/articles/${String(formData.get("articleId") ?? "")}`];

export async function reviewSuggestionsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const decision = String(formData.get("decision") ?? "");
  const done = decision === "accept" ? "accepted" : decision === "reject" ? "rejected" : "restored";
  return performFormAction(formData, suggestionBatchSchema, reviewSuggestions, {
    revalidate: articlePages(formData),
    success: `Suggestions ${done}.`,
  });
}

export async function createClaimFromSelectionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, createClaimFromSelectionSchema, createClaimFromSelection, {
    revalidate: articlePages(formData),
    success: "Claim created from the selection.",
  });
}
