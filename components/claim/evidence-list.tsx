import { STANCE_LABELS, type EvidenceStance } from "@/lib/domain/verdict-scale";
import type { FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "../action-form";
import { formatDateTime } from "../status-badge";

export interface EvidenceView {
  id: string;
  url: string;
  title: string;
  publisher: string;
  quote: string;
  stance: string;
  version: number;
  createdAt: Date;
  addedBy: { name: string };
}

export function EvidenceList({
  items,
  claimId,
  removeAction,
}: {
  items: EvidenceView[];
  claimId: string;
  removeAction?: FormAction;
}) {
  if (items.length === 0) return <p className="muted">No evidence yet.</p>;
  return (
    <div data-testid="evidence-list">
      {items.map((e) => (
        <div key={e.id} className="evidence-item" data-testid="evidence-item">
          <span className={`stance stance-${e.stance}`}>{STANCE_LABELS[e.stance as EvidenceStance] ?? e.stance}</span>{" "}
          <a href={e.url} rel="noopener noreferrer nofollow" target="_blank">
            {e.title}
          </a>{" "}
          <span className="muted">— {e.publisher}</span>
          <blockquote>{e.quote}</blockquote>
          <div className="muted">
            Added by {e.addedBy.name}, {formatDateTime(e.createdAt)}
          </div>
          {removeAction && (
            <ActionForm
              action={removeAction}
              hidden={{ evidenceId: e.id, expectedVersion: e.version, claimId }}
              submitLabel="Remove"
              submitClass="danger"
              inline
            />
          )}
        </div>
      ))}
    </div>
  );
}
