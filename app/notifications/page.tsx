import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { NotificationList } from "@/components/notifications/notification-list";
import { getCurrentUser } from "@/lib/server/auth";
import { listNotifications } from "@/lib/server/notifications";
import { markAllNotificationsReadAction, markNotificationReadAction } from "./actions";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const actor = await getCurrentUser();
  if (!actor) redirect("/login?callbackUrl=/notifications");
  const items = await listNotifications(actor);
  const unread = items.filter((n) => !n.readAt).length;
  return (
    <>
      <h1>Notifications</h1>
      <p className="muted">
        Assignments, returned and approved verdicts, mentions in comments, and claims due tomorrow. {unread} unread.
      </p>
      <section className="panel">
        {unread > 0 && (
          <ActionForm action={markAllNotificationsReadAction} hidden={{}} submitLabel="Mark all read" submitClass="secondary" testId="mark-all-read" />
        )}
        <NotificationList items={items} markReadAction={markNotificationReadAction} />
      </section>
    </>
  );
}
