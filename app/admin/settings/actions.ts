"use server";

import { performFormAction } from "@/lib/server/action";
import type { ActionState } from "@/lib/server/respond";
import { savePublicSiteSettings } from "@/lib/server/public-site/public-site-settings";
import { saveDeskSettings, saveMfaRequiredRoles, updateReviewerPoolSetting } from "@/lib/server/settings";
import { publicSiteSettingsSchema } from "@/lib/validation/public-site";
import { deskSettingsSchema, mfaRequiredRolesSchema, reviewerPoolSettingSchema } from "@/lib/validation/settings";

export async function updateReviewerPoolAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, reviewerPoolSettingSchema, updateReviewerPoolSetting, {
    revalidate: ["/admin/settings", "/pool"],
    success: "Setting saved.",
  });
}

export async function saveDeskSettingsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, deskSettingsSchema, saveDeskSettings, { revalidate: ["/admin/settings"], success: "Desk settings saved." });
}

export async function saveMfaRequiredRolesAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, mfaRequiredRolesSchema, (actor, input) => saveMfaRequiredRoles(actor, input.roles, input.expectedVersion), {
    revalidate: ["/admin/settings"],
    success: "Two-factor requirement saved. It applies from each person's next sign-in.",
  });
}

export async function savePublicSiteSettingsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, publicSiteSettingsSchema, savePublicSiteSettings, {
    revalidate: ["/admin/settings", "/fact-checks"],
    success: "Public site settings saved.",
  });
}
