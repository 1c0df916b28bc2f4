"use server";

import { performFormAction } from "@/lib/server/action";
import type { ActionState } from "@/lib/server/respond";
import { editVerdictScale } from "@/lib/server/settings";
import { scaleRatingSchema, scaleStepSchema } from "@/lib/validation/settings";

/** The pages that show verdict labels, refreshed after an edit. */
const SHOWN_ON = ["/admin/scale", "/claims", "/reports", "/dashboard"];

/** Adds a rating (no key) or saves one rating's label, colour, ClaimReview value and evidence rule. */
export async function saveRatingAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(
    formData,
    scaleRatingSchema,
    (actor, { expectedVersion, key, ...fields }) => editVerdictScale(actor, expectedVersion, key ? { op: "update", key, ...fields } : { op: "add", ...fields }),
    { revalidate: SHOWN_ON, success: "Verdict scale saved." },
  );
}

/** Moves, retires, restores or deletes one rating. */
export async function scaleStepAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, scaleStepSchema, (actor, input) => editVerdictScale(actor, input.expectedVersion, { op: input.step, key: input.key }), {
    revalidate: SHOWN_ON,
    success: "Verdict scale saved.",
  });
}
