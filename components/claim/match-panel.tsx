import Link from "next/link";
import type { ClaimMatch } from "@/lib/domain/claim-match";
import type { FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "../action-form";
import { StatusBadge } from "../status-badge";


/**
 * The same claim told by other articles (one cluster), each linking to its claim page; editors
 * confirm the match or split this claim from it.
 */
export function MatchPanel({
  claim,
  matches,
  actions,
}: {
  claim: { id: string; clusterId: string; confirmed: boolean };
  matches: ClaimMatch[];
  actions?: { confirm: FormAction; split: FormAction };
}) {
  return (
    <div data-testid="claim-matches">
      <p className="muted">
        {claim.confirmed ? "Confirmed by an editor: " : "Found automatically: "}
        {matches.length === 1 ? "another article makes the same claim." : `${matches.length} other articles make the same claim.`}
      </p>
      <ul>
        {matches.map((m) => (
          <li key={m.id} data-testid="claim-match">
            <Link href={`/claims/${m.id}`}>{m.text}</Link>
            <div className="row">
              <span className="muted">
                {m.articleTitle} · {m.outlet}
              </span>
              <StatusBadge status={m.status} />
              {m.confirmed && <span className="badge">confirmed</span>}
            </div>
          </li>
        ))}
      </ul>
      {actions && (
        <div className="row">
          {!claim.confirmed && (
            <ActionForm action={actions.confirm} hidden={{ claimId: claim.id, clusterId: claim.clusterId }} submitLabel="Confirm match" testId="confirm-match-form" inline />
          )}
          <ActionForm
            action={actions.split}
            hidden={{ claimId: claim.id, clusterId: claim.clusterId }}
            submitLabel="Split from match"
            submitClass="secondary"
            testId="split-match-form"
            inline
          />
        </div>
      )}
    </div>
  );
}
