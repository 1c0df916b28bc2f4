"use server";

import { redirect } from "next/navigation";
import { performFormAction } from "@/lib/server/action";
import { takeClaim } from "@/lib/server/pool";
import type { ActionState } from "@/lib/server/respond";
import { takeClaimSchema } from "@/lib/validation/claims";

/** Takes a claim from the pool; on success the reviewer lands on the claim's page. */
export async function takeClaimAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const claimId = String(formData.get("claimId") ?? "");
  const state = await performFormAction(formData, takeClaimSchema, takeClaim, {
    revalidate: ["/pool", "/claims", "/workload"],
    success: "The claim is yours now.",
  });
  if (state.status === "ok") redirect(`/claims/${encodeURIComponent(claimId)}`);
  return state;
}
