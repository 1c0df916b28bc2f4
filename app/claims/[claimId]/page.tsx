import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { AssignForm } from "@/components/claim/assign-form";
import { CommentForm } from "@/components/claim/comment-form";
import { CommentList } from "@/components/claim/comment-list";
import { DoubleReviewPanel, type DoubleReviewColumn } from "@/components/claim/double-review-panel";
import { EditorReview } from "@/components/claim/editor-review";
import { EvidenceForm } from "@/components/claim/evidence-form";
import { EvidenceList } from "@/components/claim/evidence-list";
import { HistoryTimeline } from "@/components/claim/history-timeline";
import { ReasonForm } from "@/components/claim/reason-form";
import { VerdictForm } from "@/components/claim/verdict-form";
import { MatchPanel } from "@/components/claim/match-panel";
import { ArticleExcerpt } from "@/components/claim/article-excerpt";
import { WordingForm } from "@/components/claim/wording-form";
import { VerdictLabel } from "@/components/claim/verdict-label";
import { Markdown } from "@/components/markdown";
import { RefusedSubmission } from "@/components/refused-submission";
import { ScrollToFocus } from "@/components/scroll-to-focus";
import { formatDate, formatDateTime, PriorityBadge, StatusBadge } from "@/components/status-badge";
import { REVIEWER_EDITABLE_STATUSES, WORDING_EDITABLE_STATUSES, isClaimStatus } from "@/lib/domain/claim-status";
import { locateClaimSpan } from "@/lib/domain/text-span";
import { claimExcerpt } from "@/lib/domain/claim-excerpt";
import { AppError } from "@/lib/domain/errors";
import { CURRENT_VERDICT_STATES, findRating } from "@/lib/domain/verdict-scale";
import { describeVerdictState } from "@/lib/domain/report";
import { getCurrentUser } from "@/lib/server/auth";
import { env } from "@/lib/server/env";
import { getClaimDetail, type ClaimDetail } from "@/lib/server/claim-detail/get-claim-detail";
import { isClaimReviewer, isEditor } from "@/lib/server/permissions";
import { listMatches } from "@/lib/server/suggestions";
import {
  addCommentAction,
  addEvidenceAction,
  approveVerdictAction,
  assignClaimAction,
  proposeVerdictAction,
  publishClaimAction,
  removeEvidenceAction,
  reopenClaimAction,
  retractClaimAction,
  retryArchiveAction,
  returnVerdictAction,
} from "./actions";
import { confirmMatchAction, rewordClaimAction, setClaimantAction, splitMatchAction } from "./finding-actions";
import { ClaimantForm } from "@/components/claim/claimant-form";
import { findClaimVerdictConflict } from "@/lib/server/story/claim-verdict-conflict";

export const metadata: Metadata = { title: "Claim" };

export default async function ClaimPage({ params }: { params: Promise<{ claimId: string }> }) {
  const actor = await getCurrentUser();
  const { claimId } = await params;
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(`/claims/${claimId}`)}`);
  const detail = await getClaimDetail(actor, claimId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { claim, comments, history, scale, blind } = detail;
  const editor = isEditor(actor);
  const isReviewer = isClaimReviewer(actor, claim);
  const status = isClaimStatus(claim.status) ? claim.status : "NEW";
  const doubleReview = claim.reviewers.length > 0;
  const secondReviewer = claim.reviewers.find((r) => r.slot === 2)?.user ?? null;
  // A double reviewer who has proposed waits for the other one; their work is frozen meanwhile.
  const waitingForOther = blind && claim.verdicts.some((v) => v.state === "PROPOSED" && v.proposedById === actor.id);
  const reviewerCanWork = isReviewer && REVIEWER_EDITABLE_STATUSES.includes(status) && !waitingForOther;
  // Both verdicts side by side: for editors (as proposals come in) and, once both proposed, for everyone.
  const sideBySide = doubleReview && !blind && (status === "PROPOSED" || (editor && status === "IN_REVIEW"));
  const columns = sideBySide ? doubleReviewColumns(claim) : [];
  // Verdicts come newest first. The current one is proposed, approved or published, or the newest
  // if it was returned; a verdict set aside by reopening is only among the earlier ones.
  const currentVerdict = sideBySide
    ? undefined
    : (claim.verdicts.find((v) => (CURRENT_VERDICT_STATES as readonly string[]).includes(v.state)) ??
      (claim.verdicts[0]?.state === "RETURNED" ? claim.verdicts[0] : undefined));
  const earlierVerdicts = claim.verdicts.filter((v) => v !== currentVerdict && !columns.some((c) => c.verdict?.id === v.id));
  const canDecide = editor && status === "PROPOSED" && !isReviewer;
  // Four-eyes rule: an editor is never offered Approve on a verdict they proposed.
  const ownProposal = !doubleReview && currentVerdict?.state === "PROPOSED" && currentVerdict.proposedById === actor.id;
  const people = detail.assignable;
  const candidates = detail.mentionCandidates;
  // No query unless the claim has matches in other articles (a cluster): then one for the matches and
  // one for a verdict conflict in the claim's story.
  const [matchMap, storyConflict] = await Promise.all([
    listMatches(actor, [claim]),
    findClaimVerdictConflict(actor, { id: claim.id, articleId: claim.article.id, clusterId: claim.clusterId }),
  ]);
  const matches = matchMap.get(claim.id) ?? [];
  const span = locateClaimSpan(claim.article.text, claim);

  return (
    <>
      <p className="muted">
        <Link href={`/articles/${claim.article.id}`}>{claim.article.title}</Link> · {claim.article.outlet}
      </p>
      {/* Stays in view while the page scrolls to the highlighted passage. */}
      <div className="claim-heading" data-testid="claim-heading">
        <h1 data-testid="claim-text">“{claim.text}”</h1>
        <p className="muted" data-testid="claim-claimant">
          Claimed by: {claim.claimant ? `${claim.claimant} (${claim.claimantKind === "PERSON" ? "person" : "organization"})` : "not recorded"}
        </p>
        <p className="row" data-testid="claim-meta">
          <StatusBadge status={claim.status} /> <PriorityBadge priority={claim.priority} />
          <span className="muted">Assigned to: {claim.assignee?.name ?? "nobody"}</span>
          {secondReviewer && (
            <>
              <span className="muted">Second reviewer: {secondReviewer.name}</span> <span className="badge">Blind double review</span>
            </>
          )}
          <span className="muted">Due: {formatDate(claim.dueAt)}</span>
          <span className="muted">Version {claim.version}</span>
        </p>
      </div>
      {storyConflict && (
        <p className="notice" role="status" data-testid="story-verdict-conflict">
          Verdict conflict in story{" "}
          <Link href={`/stories/${storyConflict.storyId}#verdict-conflicts`}>
            <bdi>{storyConflict.storyTitle}</bdi>
          </Link>
          : the same claim in {storyConflict.otherClaimIds.length === 1 ? "another article has" : `${storyConflict.otherClaimIds.length} other articles have`} a
          different approved verdict
          {storyConflict.otherClaimIds.map((id, i) => (
            <span key={id}>
              {i === 0 ? " (" : ", "}
              <Link href={`/claims/${id}`}>{storyConflict.otherClaimIds.length === 1 ? "open it" : `claim ${i + 1}`}</Link>
              {i === storyConflict.otherClaimIds.length - 1 ? ")" : ""}
            </span>
          ))}
          .
        </p>
      )}
      <RefusedSubmission />
      <div className="grid-2">
        <section className="panel" aria-label="Article">
          <h2>In the article</h2>
          {!span && <p className="form-message error">The quoted passage of this claim is no longer found in the article text.</p>}
          {span ? (
            <>
              <ArticleExcerpt excerpt={claimExcerpt(claim.article.text, span)} claimId={claim.id} articleId={claim.article.id} />
              <ScrollToFocus targetId="focused-claim" />
            </>
          ) : (
            <p>
              <Link href={`/articles/${claim.article.id}`}>Read the whole article</Link>
            </p>
          )}
        </section>
        <div>
          {claim.clusterId && matches.length > 0 && (
            <section className="panel" aria-label="Same claim elsewhere">
              <h2>Same claim in other articles</h2>
              <MatchPanel
                claim={{ id: claim.id, clusterId: claim.clusterId, confirmed: claim.clusterConfirmed }}
                matches={matches}
                actions={editor ? { confirm: confirmMatchAction, split: splitMatchAction } : undefined}
              />
            </section>
          )}
          {editor && WORDING_EDITABLE_STATUSES.includes(status) && (
            <section className="panel" aria-label="Wording">
              <h2>Wording</h2>
              <WordingForm action={rewordClaimAction} claim={{ id: claim.id, version: claim.version, text: claim.text, quote: claim.quote }} />
            </section>
          )}
          {editor && (
            <section className="panel" aria-label="Claimant">
              <h2>Claimant</h2>
              <ClaimantForm action={setClaimantAction} claim={{ id: claim.id, version: claim.version, claimant: claim.claimant, claimantKind: claim.claimantKind }} />
            </section>
          )}
          {editor && (
            <section className="panel" aria-label="Assignment">
              <h2>Assignment</h2>
              <AssignForm
                action={assignClaimAction}
                claim={{
                  id: claim.id,
                  version: claim.version,
                  assigneeId: claim.assigneeId,
                  secondReviewerId: secondReviewer?.id ?? null,
                  priority: claim.priority,
                  dueAt: claim.dueAt ? claim.dueAt.toISOString().slice(0, 10) : "",
                }}
                people={people}
              />
            </section>
          )}
          <section className="panel" aria-label="Verdict">
            <h2>Verdict</h2>
            {blind && (
              <p className="notice" data-testid="blind-notice">
                Blind double review: you are one of two reviewers.{" "}
                {waitingForOther
                  ? "Your verdict is proposed; the editor sees both once the other reviewer has proposed too."
                  : "The other reviewer's evidence, verdict and comments stay hidden from you, and yours from them, until both of you have proposed."}
              </p>
            )}
            {sideBySide && (
              <DoubleReviewPanel
                claimId={claim.id}
                columns={columns}
                scale={scale}
                decide={canDecide ? { approveAction: approveVerdictAction, version: claim.version } : undefined}
              />
            )}
            {currentVerdict ? (
              <div data-testid="current-verdict">
                <p>
                  <VerdictLabel scale={scale} rating={currentVerdict.rating} /> <span className="badge">{describeVerdictState(currentVerdict.state)}</span>
                </p>
                <Markdown source={currentVerdict.rationale} />
                <p className="muted">
                  Proposed by {currentVerdict.proposedBy.name}, {formatDateTime(currentVerdict.createdAt)}
                  {currentVerdict.approvedBy && ` · approved by ${currentVerdict.approvedBy.name}`}
                  {currentVerdict.returnReason && ` · returned: ${currentVerdict.returnReason}`}
                </p>
              </div>
            ) : status === "REOPENED" || (status === "IN_REVIEW" && claim.verdicts[0]?.state === "SUPERSEDED" && claim.verdicts[0].approvedBy) ? (
              <p className="muted">Reopened: the published verdict was set aside (see earlier verdicts); a new one is needed.</p>
            ) : (
              !sideBySide && <p className="muted">No verdict yet.</p>
            )}
            {editor && status === "PROPOSED" && (!doubleReview || canDecide) && (
              <EditorReview
                approveAction={doubleReview || ownProposal ? undefined : approveVerdictAction}
                returnAction={returnVerdictAction}
                claimId={claim.id}
                version={claim.version}
                doubleReview={doubleReview}
              />
            )}
            {editor && status === "PROPOSED" && ownProposal && (
              <p className="muted" data-testid="own-proposal-note">You proposed this verdict, so another editor approves it.</p>
            )}
            {editor && status === "PROPOSED" && doubleReview && !canDecide && (
              <p className="muted">You are one of the two reviewers of this claim, so another editor decides.</p>
            )}
            {editor && status === "APPROVED" && (
              <ActionForm
                action={publishClaimAction}
                hidden={{ claimId: claim.id, expectedVersion: claim.version }}
                submitLabel="Publish verdict"
                testId="publish-form"
              />
            )}
            {(status === "PUBLISHED" || status === "RETRACTED" || claim.verdicts.some((v) => v.publishedAt)) && (
              <p className="muted">
                Public page: <Link href={`/fact-checks/${claim.id}`}>/fact-checks/{claim.id}</Link>
              </p>
            )}
            {editor && status === "PUBLISHED" && (
              <ReasonForm
                action={reopenClaimAction}
                claimId={claim.id}
                version={claim.version}
                label="Reason for reopening (shown publicly in the correction note once republished)"
                submitLabel="Reopen claim"
                testId="reopen-form"
              />
            )}
            {editor && status === "PUBLISHED" && (
              <ReasonForm
                action={retractClaimAction}
                claimId={claim.id}
                version={claim.version}
                label="Reason for retracting (shown publicly)"
                submitLabel="Retract fact-check"
                testId="retract-form"
              />
            )}
            {editor && status === "RETRACTED" && (
              <ReasonForm
                action={reopenClaimAction}
                claimId={claim.id}
                version={claim.version}
                label="Reason for reopening"
                submitLabel="Reopen claim"
                testId="reopen-form"
              />
            )}
            {reviewerCanWork && (
              <>
                <h3>Propose a verdict</h3>
                <VerdictForm action={proposeVerdictAction} claimId={claim.id} version={claim.version} scale={scale} />
              </>
            )}
            {earlierVerdicts.length > 0 && (
              <details open={earlierVerdicts.some((v) => v.state === "SUPERSEDED")} data-testid="earlier-verdicts">
                <summary>Earlier verdicts ({earlierVerdicts.length})</summary>
                <ul>
                  {earlierVerdicts.map((v) => (
                    <li key={v.id} data-state={v.state}>
                      {findRating(scale, v.rating)?.label ?? v.rating} — {describeVerdictState(v.state)} by {v.proposedBy.name},{" "}
                      {formatDateTime(v.createdAt)}
                      {v.approvedBy && <> · approved by {v.approvedBy.name}</>}
                      {v.returnReason && <> (returned: {v.returnReason})</>}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </section>
          <section className="panel" aria-label="Evidence">
            <h2>Evidence</h2>
            <EvidenceList
              items={claim.evidence}
              claimId={claim.id}
              removeAction={reviewerCanWork ? removeEvidenceAction : undefined}
              retryAction={reviewerCanWork || editor ? retryArchiveAction : undefined}
              fileMaxBytes={reviewerCanWork ? env.EVIDENCE_FILE_MAX_BYTES : undefined}
            />
            {reviewerCanWork && (
              <>
                <h3>Add evidence</h3>
                <EvidenceForm action={addEvidenceAction} claimId={claim.id} />
              </>
            )}
          </section>
          <section className="panel" aria-label="Comments">
            <h2>Comments ({comments.length})</h2>
            <CommentList comments={comments} />
            {blind && <p className="muted">Your comments stay hidden from the other reviewer until both of you have proposed.</p>}
            {editor && !isReviewer && doubleReview && REVIEWER_EDITABLE_STATUSES.includes(status) && (
              <p className="muted">Blind double review in progress: both reviewers read your comments, so do not reveal either one&apos;s findings.</p>
            )}
            <CommentForm action={addCommentAction} claimId={claim.id} candidates={candidates} />
          </section>
          <section className="panel" aria-label="History">
            <h2>History</h2>
            <HistoryTimeline events={history} />
          </section>
        </div>
      </div>
    </>
  );
}

/** Each double reviewer's verdict of this round (their proposed one) with the evidence they gathered. */
function doubleReviewColumns(claim: ClaimDetail["claim"]): DoubleReviewColumn[] {
  return claim.reviewers.map((r) => {
    const verdict = claim.verdicts.find((v) => v.proposedById === r.userId && v.state === "PROPOSED") ?? null;
    return {
      slot: r.slot,
      reviewer: r.user,
      verdict: verdict && { id: verdict.id, rating: verdict.rating, rationale: verdict.rationale, createdAt: verdict.createdAt },
      evidence: claim.evidence.filter((e) => e.addedBy.id === r.userId),
    };
  });
}
