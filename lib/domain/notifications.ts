/**
 * In-app notifications: what they are about and how they read. Stored rows hold ids and a little JSON
 * detail; the text is built when shown, so names and claim texts are always current.
 */
export const NOTIFICATION_KINDS = ["ASSIGNED", "RETURNED", "APPROVED", "MENTIONED", "DUE_TOMORROW"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

const DAY_MS = 86_400_000;

/** The UTC calendar day after `now`, as [from, to) and its YYYY-MM-DD key (due dates are calendar days). */
export function tomorrowWindow(now: Date): { from: Date; to: Date; key: string } {
  const startOfToday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const from = new Date(startOfToday + DAY_MS);
  return { from, to: new Date(startOfToday + 2 * DAY_MS), key: from.toISOString().slice(0, 10) };
}

/** One reminder per user, claim and due date: the key that makes materialising it idempotent. */
export function dueReminderKey(userId: string, claimId: string, dueDay: string): string {
  return `due:${userId}:${claimId}:${dueDay}`;
}

export interface NotificationView {
  kind: string;
  actorName: string | null;
  claimText: string | null;
  detail: Record<string, unknown>;
}

function quoteClaim(text: string | null): string {
  if (!text) return "a claim";
  return `“${text.length > 90 ? `${text.slice(0, 87)}…` : text}”`;
}

/** The sentence shown for a notification. Mentions never carry the comment's text (blind review). */
export function describeNotification(n: NotificationView): string {
  const who = n.actorName ?? "Someone";
  const claim = quoteClaim(n.claimText);
  switch (n.kind) {
    case "ASSIGNED":
      return n.detail.slot === 2
        ? `${who} made you the second reviewer (blind double review) of ${claim}.`
        : `${who} assigned ${claim} to you.`;
    case "RETURNED":
      return typeof n.detail.reason === "string" && n.detail.reason
        ? `${who} returned your verdict on ${claim}: ${n.detail.reason}`
        : `${who} returned your verdict on ${claim}.`;
    case "APPROVED":
      return n.detail.yours === false
        ? `${who} approved the other reviewer's verdict on ${claim}.`
        : `${who} approved your verdict on ${claim}.`;
    case "MENTIONED":
      return `${who} mentioned you in a comment on ${claim}.`;
    case "DUE_TOMORROW":
      return `${claim} is due tomorrow${typeof n.detail.due === "string" ? ` (${n.detail.due})` : ""}.`;
    default:
      return `Update on ${claim}.`;
  }
}

/** Parses a notification's JSON detail; anything unexpected reads as no detail. */
export function parseDetail(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
