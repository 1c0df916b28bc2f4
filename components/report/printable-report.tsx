import Link from "next/link";
import { Markdown } from "@/components/markdown";
import { ANY_SCRIPT_CLASS, UserText as U } from "@/components/user-text";
import { PrintButton } from "./print-button";
import { WORK_IN_PROGRESS_LABEL, type ReportDocument, type ReportEntry } from "@/lib/domain/report";
import { plainCssColor } from "@/lib/domain/css-color";

function day(iso: string | null): string {
  return iso ? iso.slice(0, 10) : "—";
}

function safeHref(url: string | null): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

function ClaimBlock({ entry, index }: { entry: ReportEntry; index: number }) {
  const v = entry.verdict;
  const articleHref = safeHref(entry.article.url);
  return (
    <li className={`report-claim${entry.workInProgress ? " wip" : ""}`} id={`claim-${entry.claimId}`} data-testid="report-claim" data-claim-id={entry.claimId}>
      <h2>
        <span className="muted">{index + 1}.</span> “<U>{entry.claim}</U>”
      </h2>
      {entry.workInProgress && (
        <p className="report-wip-mark" data-testid="wip-mark">
          {WORK_IN_PROGRESS_LABEL} — {entry.statusLabel}; not an approved verdict
        </p>
      )}
      <p className="report-verdict" data-testid="report-verdict">
        {v ? (
          <>
            <span className="verdict-label" style={{ background: plainCssColor(v.color) }}>
              {v.label}
            </span>{" "}
            {v.ratingValue !== null && <span className="muted">rating {v.ratingValue} · </span>}
            <span className="muted">
              {v.stateLabel} · claim {entry.statusLabel.toLowerCase()}
            </span>
          </>
        ) : (
          <span className="muted">No verdict yet · claim {entry.statusLabel.toLowerCase()}</span>
        )}
      </p>
      {entry.claimant && (
        <p data-testid="report-claimant">
          Claimed by <U>{entry.claimant.name}</U> ({entry.claimant.kind === "PERSON" ? "person" : "organization"})
        </p>
      )}
      <p className="muted">
        <U>{entry.article.title}</U> — <U>{entry.article.outlet}</U>, {day(entry.article.publishedAt)}
        {articleHref && (
          <>
            {" · "}
            <a href={articleHref} rel="noopener noreferrer nofollow">
              original article
            </a>
          </>
        )}
      </p>
      <blockquote className="report-quote" data-testid="report-quote" dir="auto">
        …{entry.quote.prefix}
        <mark>{entry.quote.exact}</mark>
        {entry.quote.suffix}…
      </blockquote>
      {v && (
        <section className="report-rationale">
          <h3>Rationale</h3>
          <Markdown source={v.rationale} />
        </section>
      )}
      {entry.proposals.length > 0 && (
        <section data-testid="report-proposals">
          <h3>Double review: both proposals</h3>
          <ul>
            {entry.proposals.map((p) => (
              <li key={p.slot} data-testid="report-proposal">
                Reviewer {p.slot}, {p.reviewer}: <strong>{p.label}</strong>{" "}
                <span className="muted">
                  proposed {p.proposedAt.slice(0, 16).replace("T", " ")} UTC · {p.stateLabel}
                </span>
                <Markdown source={p.rationale} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <h3>Evidence ({entry.evidence.length})</h3>
        {entry.evidence.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ul className="report-evidence">
            {entry.evidence.map((e, i) => (
              <li key={i} data-testid="report-evidence">
                <span className={`stance stance-${e.stance}`}>{e.stanceLabel}</span>{" "}
                {safeHref(e.url) ? (
                  <a href={safeHref(e.url)} rel="noopener noreferrer nofollow">
                    <U>{e.title}</U>
                  </a>
                ) : (
                  <U>{e.title}</U>
                )}{" "}
                — <U>{e.publisher}</U>
                {e.quote && <blockquote dir="auto">{e.quote}</blockquote>}
                {e.archivedAt && (
                  <div className="muted" data-testid="report-archive">
                    Archived {e.archivedAt.slice(0, 16).replace("T", " ")} UTC · SHA-256 <code>{e.sha256 ?? "—"}</code>
                  </div>
                )}
                {e.file && (
                  <div className="muted" data-testid="report-file">
                    File {e.file.name} · SHA-256 <code>{e.file.sha256}</code>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <p className="muted report-people">
        Reviewer: <U>{entry.reviewer ?? "—"}</U> · Approver: <U>{entry.approver ?? "—"}</U>
        {v && (
          <>
            {" "}
            · Proposed {day(v.proposedAt)} · Approved {day(v.approvedAt)} · Published {day(v.publishedAt)}
          </>
        )}
      </p>
    </li>
  );
}

/**
 * A verdict report laid out for reading and printing: title, scope, summary counts by verdict, then
 * each claim with its quote in context, verdict, rationale (Markdown, sanitised), evidence and people.
 * `jsonLd` is the ClaimReview markup, already escaped for embedding in HTML.
 */
export function PrintableReport({ report, jsonLd, link }: { report: ReportDocument; jsonLd: string | null; link: { href: string; label: string } }) {
  const { header, summary, entries } = report;
  return (
    <article className={`report ${ANY_SCRIPT_CLASS}`} data-testid="printable-report">
      {jsonLd && <script type="application/ld+json" data-testid="claimreview-jsonld" dangerouslySetInnerHTML={{ __html: jsonLd }} />}
      <div className="no-print row report-toolbar">
        <PrintButton />
        <Link className="button secondary" href={link.href}>
          {link.label}
        </Link>
      </div>
      <header>
        <h1>
          <U>{header.title}</U>
        </h1>
        <p className="muted">
          <U>{header.desk.name}</U> · generated {header.generatedAt.slice(0, 16).replace("T", " ")} UTC
        </p>
        <ul className="report-scope muted">
          {header.scope.map((line) => (
            <li key={line}>
              <U>{line}</U>
            </li>
          ))}
        </ul>
        {header.includesWorkInProgress && (
          <p className="report-wip-banner" data-testid="wip-banner">
            {WORK_IN_PROGRESS_LABEL}: this report includes claims whose verdict is not approved yet; each is marked.
          </p>
        )}
      </header>
      <section aria-label="Summary" className="report-summary">
        <h2>Summary</h2>
        <table className="data" data-testid="report-summary">
          <tbody>
            {summary.byVerdict.map((row) => (
              <tr key={row.rating ?? "none"}>
                <th scope="row">{row.label}</th>
                <td>{row.count}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Claims in this report</th>
              <td>{summary.total}</td>
            </tr>
            {header.includesWorkInProgress && (
              <tr>
                <th scope="row">Of which work in progress</th>
                <td>{summary.workInProgress}</td>
              </tr>
            )}
          </tbody>
        </table>
      </section>
      {entries.length === 0 ? (
        <p className="panel muted" data-testid="report-empty">
          No claims match this report.
        </p>
      ) : (
        <ol className="report-claims">
          {entries.map((entry, index) => (
            <ClaimBlock key={entry.claimId} entry={entry} index={index} />
          ))}
        </ol>
      )}
    </article>
  );
}
