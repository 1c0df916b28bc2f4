import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { ArticleText } from "@/components/article-text";
import { AssignForm } from "@/components/claim/assign-form";
import { EditorReview } from "@/components/claim/editor-review";
import { EvidenceForm } from "@/components/claim/evidence-form";
import { EvidenceList } from "@/components/claim/evidence-list";
import { HistoryTimeline } from "@/components/claim/history-timeline";
import { ReasonForm } from "@/components/claim/reason-form";
import { VerdictForm } from "@/components/claim/verdict-form";
import { Markdown } from "@/components/markdown";
import { ScrollToFocus } from "@/components/scroll-to-focus";
import { formatDate, formatDateTime, PriorityBadge, StatusBadge } from "@/components/status-badge";
import { REVIEWER_EDITABLE_STATUSES, isClaimStatus } from "@/lib/domain/claim-status";
import { AppError } from "@/lib/domain/errors";
import { findRating } from "@/lib/domain/verdict-scale";
import { describeVerdictState } from "@/lib/domain/report";
import { getCurrentUser } from "@/lib/server/auth";
import { getClaimDetail } from "@/lib/server/claims";
import { isEditor } from "@/lib/server/permissions";
import { listAssignableUsers } from "@/lib/server/users";
import {
  addEvidenceAction,
  approveVerdictAction,
  assignClaimAction,
  proposeVerdictAction,
  publishClaimAction,
  removeEvidenceAction,
  reopenClaimAction,
  returnVerdictAction,
} from "./actions";

export const metadata: Metadata = { title: "Claim" };

export default async function ClaimPage({ params }: { params: Promise<{ claimId: string }> }) {
  const actor = await getCurrentUser();
  const { claimId } = await params;
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(`/claims/${claimId}`)}`);
  const detail = await getClaimDetail(actor, claimId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { claim, history, scale } = detail;
  const editor = isEditor(actor);
  const isAssignee = claim.assigneeId === actor.id;
  const status = isClaimStatus(claim.status) ? claim.status : "NEW";
  const reviewerCanWork = isAssignee && REVIEWER_EDITABLE_STATUSES.includes(status);
  // Verdicts come newest first; the newest is the current one unless reopening set it aside.
  const currentVerdict = claim.verdicts[0]?.state === "SUPERSEDED" ? undefined : claim.verdicts[0];
  const earlierVerdicts = claim.verdicts.filter((v) => v !== currentVerdict);
  const people = editor ? await listAssignableUsers(actor) : [];

  return (
    <>
      <p className="muted">
        <Link href={`/articles/${claim.article.id}`}>{claim.article.title}</Link> · {claim.article.outlet}
      </p>
      <h1 data-testid="claim-text">“{claim.text}”</h1>
      <p className="row" data-testid="claim-meta">
        <StatusBadge status={claim.status} /> <PriorityBadge priority={claim.priority} />
        <span className="muted">Assigned to: {claim.assignee?.name ?? "nobody"}</span>
        <span className="muted">Due: {formatDate(claim.dueAt)}</span>
        <span className="muted">Version {claim.version}</span>
      </p>
      <div className="grid-2">
        <section className="panel" aria-label="Article">
          <h2>In the article</h2>
          <ArticleText
            text={claim.article.text}
            spans={[{ id: claim.id, start: claim.start, end: claim.end }]}
            focusId={claim.id}
          />
          <ScrollToFocus targetId="focused-claim" />
        </section>
        <div>
          {editor && (
            <section className="panel" aria-label="Assignment">
              <h2>Assignment</h2>
              <AssignForm
                action={assignClaimAction}
                claim={{
                  id: claim.id,
                  version: claim.version,
                  assigneeId: claim.assigneeId,
                  priority: claim.priority,
                  dueAt: claim.dueAt ? claim.dueAt.toISOString().slice(0, 10) : "",
                }}
                people={people}
              />
            </section>
          )}
          <section className="panel" aria-label="Verdict">
            <h2>Verdict</h2>
            {currentVerdict ? (
              <div data-testid="current-verdict">
                <p>
                  <span
                    className="verdict-label"
                    style={{ background: findRating(scale, currentVerdict.rating)?.color ?? "#555" }}
                  >
                    {findRating(scale, currentVerdict.rating)?.label ?? currentVerdict.rating}
                  </span>{" "}
                  <span className="badge">{describeVerdictState(currentVerdict.state)}</span>
                </p>
                <Markdown source={currentVerdict.rationale} />
                <p className="muted">
                  Proposed by {currentVerdict.proposedBy.name}, {formatDateTime(currentVerdict.createdAt)}
                  {currentVerdict.approvedBy && ` · approved by ${currentVerdict.approvedBy.name}`}
                  {currentVerdict.returnReason && ` · returned: ${currentVerdict.returnReason}`}
                </p>
              </div>
            ) : status === "REOPENED" || (status === "IN_REVIEW" && earlierVerdicts.some((v) => v.state === "SUPERSEDED")) ? (
              <p className="muted">Reopened: the published verdict was set aside (see earlier verdicts); a new one is needed.</p>
            ) : (
              <p className="muted">No verdict yet.</p>
            )}
            {editor && status === "PROPOSED" && (
              <EditorReview approveAction={approveVerdictAction} returnAction={returnVerdictAction} claimId={claim.id} version={claim.version} />
            )}
            {editor && status === "APPROVED" && (
              <ActionForm
                action={publishClaimAction}
                hidden={{ claimId: claim.id, expectedVersion: claim.version }}
                submitLabel="Publish verdict"
                testId="publish-form"
              />
            )}
            {editor && status === "PUBLISHED" && (
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
            <EvidenceList items={claim.evidence} claimId={claim.id} removeAction={reviewerCanWork ? removeEvidenceAction : undefined} />
            {reviewerCanWork && (
              <>
                <h3>Add evidence</h3>
                <EvidenceForm action={addEvidenceAction} claimId={claim.id} />
              </>
            )}
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
