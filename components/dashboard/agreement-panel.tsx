import { readKappa, type AgreementStats } from "@/lib/domain/agreement";

export interface AgreementPanelData {
  overall: AgreementStats;
  pairs: (AgreementStats & { reviewers: [{ id: string; name: string }, { id: string; name: string }] })[];
  doubleReviewedClaims: number;
  /** Claims needed before kappa is read on a band (lib/domain/agreement.ts minimumClaimsForKappa). */
  kappaMinimum: number;
}

/** Kappa's band, or why there is none yet. */
function kappaReading(stats: AgreementStats, minimum: number): string {
  if (stats.n === 0) return "no data yet";
  const { label, moreNeeded } = readKappa(stats.kappa, stats.n, minimum);
  return label ?? `too few claims to read: ${moreNeeded} more needed (at least ${minimum})`;
}

function percent(value: number | null): string {
  return value === null ? "—" : `${(value * 100).toFixed(0)} %`;
}

function kappaText(value: number | null): string {
  return value === null ? "undefined" : value.toFixed(2);
}

/** A share as a small bar (0–100 %), next to the figure it shows. */
function Bar({ value }: { value: number | null }) {
  return (
    <span className="bar" aria-hidden="true">
      <span style={{ width: `${Math.round(Math.max(0, value ?? 0) * 100)}%` }} />
    </span>
  );
}

/**
 * Reviewer agreement over blind double-reviewed claims: percent agreement and Cohen's kappa on the
 * verdict scale, overall and per pair of reviewers. UI only: the figures come from
 * lib/server/agreement.ts (getReviewerAgreement).
 */
export function AgreementPanel({ data }: { data: AgreementPanelData }) {
  const { overall, pairs } = data;
  return (
    <section className="panel" aria-label="Reviewer agreement" data-testid="agreement-panel">
      <h2>Reviewer agreement</h2>
      <p className="muted">
        Blind double reviews where both reviewers proposed: {overall.n} of {data.doubleReviewedClaims} double-reviewed claims. Each counts with the
        first verdict each reviewer proposed, before either saw the other&apos;s. Kappa corrects agreement for chance; it is undefined when both
        reviewers only ever chose one and the same rating. It is read on Landis &amp; Koch&apos;s bands (slight, fair, moderate…) only from{" "}
        {data.kappaMinimum} double-reviewed claims on: 2k² for the k ratings reviewers choose from (Cicchetti, 1981).
      </p>
      <div className="agreement-figures" data-testid="agreement-overall">
        <div>
          <span className="muted">Claims</span>
          <strong>{overall.n}</strong>
        </div>
        <div>
          <span className="muted">Percent agreement</span>
          <strong>{percent(overall.percentAgreement)}</strong>
          <Bar value={overall.percentAgreement} />
        </div>
        <div>
          <span className="muted">Cohen&apos;s kappa</span>
          <strong>{kappaText(overall.kappa)}</strong>
          <span className="muted" data-testid="kappa-reading">{kappaReading(overall, data.kappaMinimum)}</span>
        </div>
      </div>
      {pairs.length === 0 ? (
        <p className="muted">No pair of reviewers has finished a double review yet.</p>
      ) : (
        <table className="data" data-testid="agreement-pairs">
          <thead>
            <tr>
              <th>Reviewers</th>
              <th>Claims</th>
              <th>Agreed</th>
              <th>Percent agreement</th>
              <th>Expected by chance</th>
              <th>Cohen&apos;s kappa</th>
            </tr>
          </thead>
          <tbody>
            {pairs.map((p) => (
              <tr key={`${p.reviewers[0].id}-${p.reviewers[1].id}`} data-testid="agreement-pair">
                <td>
                  {p.reviewers[0].name} &amp; {p.reviewers[1].name}
                </td>
                <td>{p.n}</td>
                <td>{p.agreements}</td>
                <td>
                  {percent(p.percentAgreement)} <Bar value={p.percentAgreement} />
                </td>
                <td>{percent(p.expectedAgreement)}</td>
                <td>
                  {kappaText(p.kappa)} <span className="muted">({kappaReading(p, data.kappaMinimum)})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
