import type { VerdictRating } from "@/lib/domain/verdict-scale";
import type { FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "../action-form";
import { Markdown } from "../markdown";
import { formatDateTime } from "../status-badge";
import { EvidenceList, type EvidenceView } from "./evidence-list";
import { VerdictLabel } from "./verdict-label";

export interface DoubleReviewColumn {
  slot: number;
  reviewer: { id: string; name: string };
  /** The reviewer's proposed verdict of this round, if they have proposed. */
  verdict: { id: string; rating: string; rationale: string; createdAt: Date } | null;
  evidence: EvidenceView[];
}

/**
 * The two verdicts of a blind double review side by side, each with the evidence its reviewer
 * gathered. With `decide`, an approve button under each verdict (editors, once both have proposed).
 */
export function DoubleReviewPanel({
  claimId,
  columns,
  scale,
  decide,
}: {
  claimId: string;
  columns: DoubleReviewColumn[];
  scale: readonly VerdictRating[];
  decide?: { approveAction: FormAction; version: number };
}) {
  return (
    <div className="side-by-side" data-testid="double-review">
      {columns.map((c) => (
        <div key={c.slot} className="side" data-testid="double-review-column" data-slot={c.slot}>
          <h3>
            Reviewer {c.slot}: {c.reviewer.name}
          </h3>
          {c.verdict ? (
            <>
              <p>
                <VerdictLabel scale={scale} rating={c.verdict.rating} /> <span className="muted">proposed {formatDateTime(c.verdict.createdAt)}</span>
              </p>
              <Markdown source={c.verdict.rationale} />
            </>
          ) : (
            <p className="muted">Not proposed yet.</p>
          )}
          <h4>Evidence ({c.evidence.length})</h4>
          <EvidenceList items={c.evidence} claimId={claimId} />
          {decide && c.verdict && (
            <ActionForm
              action={decide.approveAction}
              hidden={{ claimId, expectedVersion: decide.version, verdictId: c.verdict.id }}
              submitLabel={`Approve ${c.reviewer.name}'s verdict`}
              testId={`approve-form-${c.slot}`}
            />
          )}
        </div>
      ))}
    </div>
  );
}
