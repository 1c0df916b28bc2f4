"use server";

import { performFormAction } from "@/lib/server/action";
import { takeClaim } from "@/lib/server/pool";
import type { ActionState } from "@/lib/server/respond";
import { takeClaimSchema } from "@/lib/validation/claims";

export async function takeClaimAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, takeClaimSchema, takeClaim, {
    revalidate: ["/pool", "/claims", "/workload"],
    success: "The claim is yours now: find it under My claims.",
  });
}
