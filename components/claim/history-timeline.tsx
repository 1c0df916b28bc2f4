import type { ReactNode } from "react";
import { describeAction, describeChanges, formatChange } from "@/lib/domain/audit-actions";
import { formatDateTime } from "../status-badge";

export interface HistoryEvent {
  id: number;
  at: Date;
  action: string;
  before: string | null;
  after: string | null;
  actor: { name: string } | null;
  /** Set when the step was done through an API token: which one, and who created it. */
  via?: { tokenName: string | null; tokenPrefix: string | null; creatorName: string | null } | null;
}

/** Every recorded step of a claim: who, when, what, and each changed field before → after. */
export function HistoryTimeline({ events }: { events: HistoryEvent[] }) {
  if (events.length === 0) return <p className="muted">No history yet.</p>;
  return (
    <ol className="timeline" data-testid="history">
      {events.map((e) => (
        <HistoryItem key={e.id} event={e} />
      ))}
    </ol>
  );
}

export function HistoryItem({ event: e, children }: { event: HistoryEvent; children?: ReactNode }) {
  const changes = describeChanges(e.before, e.after);
  return (
    <li data-action={e.action}>
      <strong>{e.actor?.name ?? "System"}</strong> {describeAction(e.action)}
      {e.via && (
        <span className="muted" data-testid="via-token">
          {" "}
          through API token {e.via.tokenName ? `“${e.via.tokenName}”` : "(deleted)"}
          {e.via.tokenPrefix ? ` (${e.via.tokenPrefix}…)` : ""}, created by {e.via.creatorName ?? "an unknown user"}
        </span>
      )}
      {children}
      <div className="muted">
        <time dateTime={e.at.toISOString()}>{formatDateTime(e.at)}</time>
      </div>
      {changes.length > 0 && (
        <div className="change-list">
          {changes.map((c) => (
            <div key={c.field} data-field={c.field}>
              {formatChange(c)}
            </div>
          ))}
        </div>
      )}
    </li>
  );
}
