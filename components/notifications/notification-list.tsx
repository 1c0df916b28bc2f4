import Link from "next/link";
import type { FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "../action-form";
import { formatDateTime } from "../status-badge";

export interface NotificationView {
  id: string;
  kind: string;
  text: string;
  claimId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

/** The user's notifications, unread first in weight, each linking to its claim, with "Mark read". */
export function NotificationList({ items, markReadAction }: { items: NotificationView[]; markReadAction: FormAction }) {
  if (items.length === 0) return <p className="muted">No notifications.</p>;
  return (
    <ol className="notifications" data-testid="notifications">
      {items.map((n) => (
        <li key={n.id} className={n.readAt ? "read" : "unread"} data-testid="notification" data-kind={n.kind} data-read={n.readAt ? "yes" : "no"}>
          <div>
            <div className="text">{n.claimId ? <Link href={`/claims/${n.claimId}`}>{n.text}</Link> : n.text}</div>
            <div className="muted">
              {formatDateTime(n.createdAt)}
              {n.readAt ? " · read" : " · unread"}
            </div>
          </div>
          {!n.readAt && <ActionForm action={markReadAction} hidden={{ notificationId: n.id }} submitLabel="Mark read" submitClass="secondary" inline />}
        </li>
      ))}
    </ol>
  );
}
