"use server";

import { performFormAction } from "@/lib/server/action";
import type { ActionState } from "@/lib/server/respond";
import { updateReviewerPoolSetting } from "@/lib/server/settings";
import { reviewerPoolSettingSchema } from "@/lib/validation/settings";

export async function updateReviewerPoolAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, reviewerPoolSettingSchema, updateReviewerPoolSetting, {
    revalidate: ["/admin/settings", "/pool"],
    success: "Setting saved.",
  });
}
