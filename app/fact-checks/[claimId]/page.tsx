import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Markdown } from "@/components/markdown";
import { PublicSiteHeader, PublicVerdict } from "@/components/public-site/public-site-header";
import { formatDate } from "@/components/status-badge";
import { ANY_SCRIPT_CLASS, UserText as U } from "@/components/user-text";
import { serializeJsonLd } from "@/lib/domain/report";
import { publicSiteBaseUrl } from "@/lib/server/public-site/public-origin";
import { getPublicFactCheck } from "@/lib/server/public-site/read-fact-checks";
import { idSchema } from "@/lib/validation/common";

type Params = { params: Promise<{ claimId: string }> };

async function load(claimId: string) {
  if (!idSchema.safeParse(claimId).success) return null;
  return getPublicFactCheck(claimId, await publicSiteBaseUrl());
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const check = await load((await params).claimId);
  if (!check) return { title: "Fact-check not found" };
  return {
    title: check.state === "RETRACTED" ? `Retracted: ${check.claim}` : `${check.verdict.label}: ${check.claim}`,
    alternates: { types: { "application/atom+xml": "/fact-checks/feed.atom" } },
  };
}

/**
 * One published fact-check, public: the claim quoted in its article, the verdict in its colour, the
 * rationale (sanitised Markdown), the evidence as published, dates, correction notes, the ClaimReview
 * JSON-LD. A reopened fact-check shows its last published version; a retracted one a notice.
 */
export default async function FactCheckPage({ params }: Params) {
  const check = await load((await params).claimId);
  if (!check) notFound();
  const retracted = check.state === "RETRACTED";
  return (
    <>
      <PublicSiteHeader deskName={check.desk.name} />
      <article className={`public-site-body public-fact-check ${ANY_SCRIPT_CLASS}`} data-testid="public-fact-check" data-state={check.state}>
        <p className="muted">
          <Link href="/fact-checks">All fact-checks</Link>
        </p>
        <h1>
          <U>{check.claim}</U>
        </h1>
        {retracted && (
          <div className="notice retraction" role="note" data-testid="retraction-notice">
            <strong>This fact-check was retracted on {formatDate(check.since)}.</strong>{" "}
            <U>{check.notes.filter((n) => n.kind === "RETRACTION").at(-1)?.text}</U>
          </div>
        )}
        {check.state === "UNDER_REVIEW" && (
          <div className="notice" role="note" data-testid="under-review-notice">
            The desk is reviewing this fact-check again (since {formatDate(check.since)}). Shown below is the version published on{" "}
            {formatDate(check.verdict.publishedAt)}.
          </div>
        )}
        <blockquote className="claim-in-context" data-testid="claim-in-context" dir="auto">
          …{check.quote.prefix}
          <mark>{check.quote.exact}</mark>
          {check.quote.suffix}…
        </blockquote>
        {check.claimant && (
          <p data-testid="public-claimant">
            Claimed by{" "}
            <strong>
              <U>{check.claimant.name}</U>
            </strong>
          </p>
        )}
        <p>
          Appeared in{" "}
          {check.article.url ? (
            <a href={check.article.url} rel="noopener noreferrer nofollow">
              “<U>{check.article.title}</U>”
            </a>
          ) : (
            <>
              “<U>{check.article.title}</U>”
            </>
          )}
          , <U>{check.article.outlet}</U>
          {check.article.author && (
            <>
              , by <U>{check.article.author}</U>
            </>
          )}
          {check.article.publishedAt && `, ${formatDate(check.article.publishedAt)}`}.
        </p>
        {!retracted && (
          <>
            <h2>
              Verdict: <PublicVerdict label={check.verdict.label} color={check.verdict.color} />
            </h2>
            <Markdown source={check.verdict.rationale} />
          </>
        )}
        <p className="muted" data-testid="public-dates">
          By <U>{check.desk.name}</U> · published {formatDate(check.verdict.firstPublishedAt)}
          {check.verdict.publishedAt.getTime() !== check.verdict.firstPublishedAt.getTime() && ` · updated ${formatDate(check.verdict.publishedAt)}`}
          {check.people && (
            <>
              {" "}
              · reviewed by <U>{check.people.reviewer}</U>
              {check.people.approver && (
                <>
                  , approved by <U>{check.people.approver}</U>
                </>
              )}
            </>
          )}
        </p>
        {check.notes.length > 0 && (
          <section aria-label="Corrections" data-testid="correction-notes">
            <h2>Corrections and updates</h2>
            <ul>
              {check.notes.map((note, i) => (
                <li key={i} data-kind={note.kind} dir="auto">
                  {note.text}
                </li>
              ))}
            </ul>
            <p className="muted">
              See our <Link href="/fact-checks/corrections-policy">corrections policy</Link>.
            </p>
          </section>
        )}
        {!retracted && check.evidence.length > 0 && (
          <section aria-label="Evidence" data-testid="public-evidence">
            <h2>Evidence</h2>
            <ul>
              {check.evidence.map((e, i) => (
                <li key={i}>
                  <span className="badge">{e.stanceLabel}</span>{" "}
                  {e.url ? (
                    <a href={e.url} rel="noopener noreferrer nofollow">
                      <U>{e.title}</U>
                    </a>
                  ) : (
                    <U>{e.title}</U>
                  )}{" "}
                  (<U>{e.publisher}</U>){e.quote && <blockquote dir="auto">{e.quote}</blockquote>}
                  {e.fileSha256 && (
                    <span className="muted" data-testid="public-file">
                      {" "}
                      A document held by the desk · SHA-256 {e.fileSha256}
                    </span>
                  )}
                  {e.archivedAt && (
                    <span className="muted" data-testid="public-archive">
                      {" "}
                      <a href={`/fact-checks/${check.claimId}/evidence/${e.id}/archive`}>archived copy, {formatDate(e.archivedAt)}</a>
                      {e.sha256 && ` · SHA-256 ${e.sha256}`}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </section>
        )}
        {check.claimReview && (
          <script type="application/ld+json" data-testid="claimreview-jsonld" dangerouslySetInnerHTML={{ __html: serializeJsonLd(check.claimReview) }} />
        )}
      </article>
    </>
  );
}
