"use server";

import { performFormAction } from "@/lib/server/action";
import type { ActionState } from "@/lib/server/respond";
import { saveDeskSettings } from "@/lib/server/settings";
import { deskSettingsSchema } from "@/lib/validation/settings";

export async function saveDeskSettingsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, deskSettingsSchema, saveDeskSettings, { revalidate: ["/admin/desk"], success: "Desk settings saved." });
}
