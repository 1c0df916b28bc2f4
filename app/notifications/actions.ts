"use server";

import { performFormAction } from "@/lib/server/action";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/server/notifications";
import type { ActionState } from "@/lib/server/respond";
import { markAllNotificationsReadSchema, markNotificationReadSchema } from "@/lib/validation/notifications";

export async function markNotificationReadAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, markNotificationReadSchema, markNotificationRead, { revalidate: ["/notifications"], success: "Marked as read." });
}

export async function markAllNotificationsReadAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, markAllNotificationsReadSchema, (actor) => markAllNotificationsRead(actor), {
    revalidate: ["/notifications"],
    success: "All marked as read.",
  });
}
