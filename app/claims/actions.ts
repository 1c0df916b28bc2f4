"use server";

import { performFormAction } from "@/lib/server/action";
import { bulkAssignClaims } from "@/lib/server/claim/bulk-assign-claims";
import type { ActionState } from "@/lib/server/respond";
import { bulkAssignClaimsSchema } from "@/lib/validation/claims";

export async function bulkAssignClaimsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, bulkAssignClaimsSchema, bulkAssignClaims, {
    revalidate: ["/claims", "/workload", "/dashboard"],
    success: "Assignments saved.",
  });
}
