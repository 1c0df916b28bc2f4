import "server-only";
import { isClaimStatus, REVIEWER_EDITABLE_STATUSES } from "@/lib/domain/claim-status";
import { AppError, notFound, staleVersion } from "@/lib/domain/errors";
import { URL_OR_FILE_MESSAGE, type AddEvidenceInput, type RemoveEvidenceInput } from "@/lib/validation/evidence";
import { appendAuditEvent } from "./audit";
import { ensureInReview, loadClaimForUpdate, type WorkClaim } from "./claim/claim-transition";
import { loadClaimForWork } from "./claim/load-claim-for-work";
import type { Tx } from "./db";
import { loadClaimReviewers } from "./double-review";
import { assertAssignee, visibleClaimsWhere, visibleEvidenceWhere, type Actor } from "./permissions";
import { insertEvidence } from "./row-inserts";
import { inTransaction } from "./transaction";

export function assertEvidenceEditable(status: string) {
  if (!isClaimStatus(status) || !REVIEWER_EDITABLE_STATUSES.includes(status)) {
    throw new AppError("INVALID_TRANSITION", "Evidence can only change while the claim is being reviewed.");
  }
}

/**
 * The actor reviews the claim (assignee or double reviewer) and, in a blind double review, has not
 * proposed yet: a proposal rests on the evidence it was made with. Returns the reviewer rows.
 */
export async function assertReviewerCanWork(tx: Tx, actor: Actor, claim: { id: string; assigneeId: string | null }, known?: Awaited<ReturnType<typeof loadClaimReviewers>>) {
  const reviewers = known ?? (await loadClaimReviewers(tx, claim.id));
  assertAssignee(actor, { assigneeId: claim.assigneeId, reviewers });
  if (reviewers.length > 0 && (await tx.verdict.count({ where: { claimId: claim.id, proposedById: actor.id, state: "PROPOSED" } })) > 0) {
    throw new AppError("INVALID_TRANSITION", "You have already proposed a verdict; your evidence stays as it is until an editor decides.");
  }
  return reviewers;
}

/**
 * Adding evidence sends no claim version (it overwrites nothing), so a concurrent step that already
 * moved the claim into review is not a conflict: re-read it and carry on if it is in review now.
 */
async function moveIntoReview(tx: Tx, actor: Actor, claim: WorkClaim): Promise<WorkClaim> {
  try {
    return await ensureInReview(tx, actor, claim);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "CONFLICT") throw error;
    const current = await loadClaimForUpdate(tx, actor, claim.id);
    assertAssignee(actor, { assigneeId: current.assigneeId, reviewers: await loadClaimReviewers(tx, current.id) });
    if (current.status !== "IN_REVIEW") throw error;
    return current;
  }
}

/** A file already received and stored by SHA-256 (evidence-archive/evidence-file.ts), to record on new evidence. */
export interface StoredEvidenceFile {
  sha256: string;
  /** Bytes. */
  size: number;
  /** The accepted MIME type detected from the content. */
  type: string;
  /** Sanitised file name. */
  name: string;
}

/**
 * The assigned reviewer attaches a source to the claim; the claim moves into review if needed.
 * `input.url` may be "" (no web address) only with a `file`, which is recorded on the evidence in the
 * same transaction (VALIDATION otherwise: a source needs a URL or a file).
 */
export async function addEvidence(actor: Actor, input: AddEvidenceInput, file?: StoredEvidenceFile) {
  return (await addEvidenceStep(actor, input, file)).evidence;
}

/**
 * addEvidence, also returning the claim's row as the step left it (status and version: the REST
 * API's ETag, without reading the claim again). `archiveRefused`: why the source's address cannot be
 * archived, known before any fetch (evidence-archive/archive-evidence.ts): the evidence is saved with
 * archive state FAILED and that reason, and the "evidence.archive" event the archive step would have
 * written follows "evidence.add" in this same transaction.
 */
export async function addEvidenceStep(actor: Actor, input: AddEvidenceInput, file?: StoredEvidenceFile, archiveRefused?: string) {
  if (!input.url && !file) throw new AppError("VALIDATION", URL_OR_FILE_MESSAGE, { fields: { url: [URL_OR_FILE_MESSAGE] } });
  return inTransaction(async (tx) => {
    const loaded = await loadClaimForWork(tx, actor, input.claimId);
    const claim = loaded.claim;
    const reviewers = await assertReviewerCanWork(tx, actor, claim, loaded.reviewers);
    assertEvidenceEditable(claim.status);
    // Blind double review: the claim does not move for one reviewer's evidence (issue 12).
    const inReview = reviewers.length > 0 ? claim : await moveIntoReview(tx, actor, claim);
    const evidence = await insertEvidence(tx, {
      claimId: inReview.id,
      url: input.url,
      title: input.title,
      publisher: input.publisher,
      quote: input.quote,
      stance: input.stance,
      addedById: actor.id,
      file,
      archiveRefused,
    });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "evidence.add",
      entityType: "Evidence",
      entityId: evidence.id,
      entityVersion: evidence.version,
      claimId: inReview.id,
      after: {
        url: evidence.url || null,
        title: evidence.title,
        publisher: evidence.publisher,
        quote: evidence.quote,
        stance: evidence.stance,
        ...(file ? { file: { ...file } } : {}),
      },
    });
    if (archiveRefused !== undefined) {
      await appendAuditEvent(tx, {
        actorId: actor.id,
        action: "evidence.archive",
        entityType: "Evidence",
        entityId: evidence.id,
        claimId: inReview.id,
        after: { status: "FAILED", reason: archiveRefused },
      });
    }
    return { evidence, claim: { id: inReview.id, status: inReview.status, version: inReview.version } };
    // The claim's read takes the chain lock (one statement less on PostgreSQL, see inTransaction).
  }, { chainLock: "first-statement", driver: true });
}

/**
 * Removes a piece of evidence from the claim. The row is kept (soft delete) so the history and any
 * earlier verdict still point at it. The claim is found through the evidence's real parent.
 */
export async function removeEvidence(actor: Actor, input: RemoveEvidenceInput) {
  return inTransaction(async (tx) => {
    const evidence = await tx.evidence.findFirst({
      // In a blind double review the other reviewer's evidence is not even found.
      where: { AND: [{ id: input.evidenceId, deletedAt: null, claim: visibleClaimsWhere(actor) }, visibleEvidenceWhere(actor)] },
      include: { claim: true },
    });
    if (!evidence) throw notFound("evidence");
    await assertReviewerCanWork(tx, actor, evidence.claim);
    assertEvidenceEditable(evidence.claim.status);
    if (evidence.version !== input.expectedVersion) throw staleVersion("evidence");
    const result = await tx.evidence.updateMany({
      where: { id: evidence.id, version: input.expectedVersion, deletedAt: null },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    if (result.count !== 1) throw staleVersion("evidence");
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "evidence.remove",
      entityType: "Evidence",
      entityId: evidence.id,
      entityVersion: evidence.version + 1,
      claimId: evidence.claimId,
      before: { url: evidence.url, title: evidence.title, stance: evidence.stance },
    });
  });
}
