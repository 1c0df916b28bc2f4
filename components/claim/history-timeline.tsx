import { formatDateTime } from "../status-badge";

export interface HistoryEvent {
  id: number;
  at: Date;
  action: string;
  before: string | null;
  after: string | null;
  actor: { name: string } | null;
}

const ACTION_LABELS: Record<string, string> = {
  "claim.create": "found the claim",
  "claim.assign": "assigned the claim",
  "claim.reassign": "changed the assignment",
  "claim.reviewers": "changed the second reviewer (blind double review)",
  "claim.unassign": "unassigned the claim",
  "claim.startReview": "started the review",
  "claim.propose": "moved the claim to proposed",
  "claim.approve": "approved the claim",
  "claim.return": "returned the claim",
  "claim.publish": "published the claim",
  "claim.reopen": "reopened the claim",
  "claim.reject": "rejected the suggestion",
  "claim.accept": "accepted the suggestion",
  "claim.restore": "restored the suggestion",
  "claim.reword": "reworded the claim",
  "claim.match": "matched the claim with another article",
  "claim.match.confirm": "confirmed the match",
  "claim.match.split": "split the claim from its match",
  "claim.match.dissolve": "dissolved the match (one article left)",
  "evidence.add": "added evidence",
  "evidence.remove": "removed evidence",
  "verdict.propose": "proposed a verdict",
  "verdict.approved": "approved the verdict",
  "verdict.returned": "returned the verdict",
  "verdict.published": "published the verdict",
  "verdict.superseded": "set a verdict aside",
  "comment.add": "commented",
};

function summarize(json: string | null): string {
  if (!json) return "";
  try {
    const value = JSON.parse(json) as Record<string, unknown>;
    // Ids are for machines; where a readable name sits beside one, show the name only.
    return Object.entries(value)
      .filter(([k]) => !(k.endsWith("Id") && `${k.slice(0, -2)}` in value))
      .map(([k, v]) => `${k}: ${typeof v === "string" ? (v.length > 80 ? `${v.slice(0, 77)}…` : v) : JSON.stringify(v)}`)
      .join(", ");
  } catch {
    return json;
  }
}

export function HistoryTimeline({ events }: { events: HistoryEvent[] }) {
  if (events.length === 0) return <p className="muted">No history yet.</p>;
  return (
    <ol className="timeline" data-testid="history">
      {events.map((e) => {
        const before = summarize(e.before);
        const after = summarize(e.after);
        return (
          <li key={e.id} data-action={e.action}>
            <strong>{e.actor?.name ?? "System"}</strong> {ACTION_LABELS[e.action] ?? e.action}
            <div className="muted">{formatDateTime(e.at)}</div>
            {(before || after) && (
              <div className="change">
                {before && <span>{before}</span>}
                {before && after && " → "}
                {after && <span>{after}</span>}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
