import "server-only";
import {
  checkTransition,
  isClaimStatus,
  REVIEWER_EDITABLE_STATUSES,
  type ClaimStatus,
  type ClaimTransitionName,
} from "@/lib/domain/claim-status";
import { AppError, notFound, staleVersion } from "@/lib/domain/errors";
import { buildAnchor } from "@/lib/domain/text-span";
import { checkVerdictEvidence, findRating } from "@/lib/domain/verdict-scale";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type {
  AssignClaimInput,
  ClaimListFilter,
  ClaimVersionInput,
  ProposeVerdictInput,
  ReturnVerdictInput,
} from "@/lib/validation/claims";
import { appendAuditEvent } from "./audit";
import { getDb, type Tx } from "./db";
import { assertAssignee, assertEditor, visibleClaimsWhere, type Actor } from "./permissions";
import { getVerdictScale } from "./settings";
import { inTransaction } from "./transaction";

// ---------------------------------------------------------------------------------------------
// Reads

/**
 * The claims of the claim list that match a filter, among those the actor may see. Suggestions and
 * rejected suggestions are reviewed on their article's page, not listed. Reports use the same filter.
 */
export function claimListWhere(actor: Actor, filter: ClaimListFilter = {}): Prisma.ClaimWhereInput {
  const conditions: Prisma.ClaimWhereInput[] = [visibleClaimsWhere(actor), { status: { notIn: ["REJECTED", "SUGGESTED"] } }];
  if (filter.status && isClaimStatus(filter.status)) conditions.push({ status: filter.status });
  if (filter.articleId) conditions.push({ articleId: filter.articleId });
  if (filter.assigneeId === "none") conditions.push({ assigneeId: null });
  else if (filter.assigneeId) conditions.push({ assigneeId: filter.assigneeId });
  return { AND: conditions };
}

export async function listClaims(actor: Actor, filter: ClaimListFilter = {}) {
  const db = await getDb();
  return db.claim.findMany({
    where: claimListWhere(actor, filter),
    select: {
      id: true,
      text: true,
      status: true,
      priority: true,
      dueAt: true,
      version: true,
      checkworthiness: true,
      updatedAt: true,
      article: { select: { id: true, title: true, outlet: true } },
      assignee: { select: { id: true, name: true } },
    },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: 500,
  });
}
export type ClaimListItem = Awaited<ReturnType<typeof listClaims>>[number];

/** A claim with its article, evidence, verdicts and history; 404 when the actor may not see it. */
export async function getClaimDetail(actor: Actor, claimId: string) {
  const db = await getDb();
  const claim = await db.claim.findFirst({
    where: { AND: [{ id: claimId }, visibleClaimsWhere(actor)] },
    include: {
      article: { select: { id: true, title: true, outlet: true, author: true, url: true, publishedAt: true, text: true } },
      assignee: { select: { id: true, name: true, email: true } },
      evidence: {
        where: { deletedAt: null },
        orderBy: { createdAt: "asc" },
        include: { addedBy: { select: { id: true, name: true } } },
      },
      verdicts: {
        orderBy: { createdAt: "desc" },
        include: { proposedBy: { select: { id: true, name: true } }, approvedBy: { select: { id: true, name: true } } },
      },
    },
  });
  if (!claim) throw notFound();
  const history = await db.auditEvent.findMany({
    where: { claimId: claim.id },
    orderBy: { id: "asc" },
    include: { actor: { select: { id: true, name: true } } },
  });
  const scale = await getVerdictScale(db);
  return { claim, history, scale };
}
export type ClaimDetail = Awaited<ReturnType<typeof getClaimDetail>>;

// ---------------------------------------------------------------------------------------------
// Writes: each is one transaction with its audit events.

type ClaimRow = Prisma.ClaimGetPayload<object>;

/** Loads a claim the actor may see, checking the version the actor saw. */
async function loadClaimForUpdate(tx: Tx, actor: Actor, claimId: string, expectedVersion?: number): Promise<ClaimRow> {
  const claim = await tx.claim.findFirst({ where: { AND: [{ id: claimId }, visibleClaimsWhere(actor)] } });
  if (!claim) throw notFound();
  if (expectedVersion !== undefined && claim.version !== expectedVersion) {
    throw staleVersion("claim", { status: claim.status, version: claim.version, assigneeId: claim.assigneeId });
  }
  return claim;
}

function claimStatus(claim: ClaimRow): ClaimStatus {
  if (!isClaimStatus(claim.status)) throw new Error(`Claim ${claim.id} has unknown status ${claim.status}`);
  return claim.status;
}

/**
 * Moves a claim along the status machine (refusing anything the table does not allow), bumps its
 * version only if nobody else did in between, and records the step. Returns the updated row.
 */
export async function applyTransition(
  tx: Tx,
  actor: Actor,
  claim: ClaimRow,
  name: ClaimTransitionName,
  options: {
    data?: Prisma.ClaimUncheckedUpdateManyInput;
    reason?: string;
    details?: Record<string, unknown>;
    beforeDetails?: Record<string, unknown>;
  } = {},
): Promise<ClaimRow> {
  const from = claimStatus(claim);
  const check = checkTransition(from, name);
  if (!check.ok) throw new AppError("INVALID_TRANSITION", check.reason);
  const to = check.transition.to;
  const result = await tx.claim.updateMany({
    where: { id: claim.id, version: claim.version },
    data: { ...options.data, status: to, version: { increment: 1 } },
  });
  if (result.count !== 1) throw staleVersion();
  const updated = await tx.claim.findUniqueOrThrow({ where: { id: claim.id } });
  await appendAuditEvent(tx, {
    actorId: actor.id,
    action: `claim.${name}`,
    entityType: "Claim",
    entityId: claim.id,
    entityVersion: updated.version,
    claimId: claim.id,
    before: { status: from, ...pickChanged(claim, options.data), ...options.beforeDetails },
    after: { status: to, ...pickChanged(updated, options.data), ...(options.reason ? { reason: options.reason } : {}), ...options.details },
  });
  return updated;
}

function pickChanged(row: ClaimRow, data: object | undefined): Record<string, unknown> {
  if (!data) return {};
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(data)) out[key] = (row as Record<string, unknown>)[key] ?? null;
  return out;
}

/** Moves an assigned, returned or reopened claim into review when its reviewer starts working. */
async function ensureInReview(tx: Tx, actor: Actor, claim: ClaimRow): Promise<ClaimRow> {
  const status = claimStatus(claim);
  if (status === "IN_REVIEW") return claim;
  if (!REVIEWER_EDITABLE_STATUSES.includes(status)) {
    const check = checkTransition(status, "startReview");
    throw new AppError("INVALID_TRANSITION", check.ok ? "This claim is not open for review." : check.reason);
  }
  return applyTransition(tx, actor, claim, "startReview");
}

const REASSIGNABLE: readonly ClaimStatus[] = ["ASSIGNED", "IN_REVIEW", "RETURNED", "REOPENED"];

/** Assigns, reassigns or unassigns a claim (editors), with priority and due date. */
export async function assignClaim(actor: Actor, input: AssignClaimInput) {
  assertEditor(actor, "assign claims");
  return inTransaction(async (tx) => {
    const claim = await loadClaimForUpdate(tx, actor, input.claimId, input.expectedVersion);
    const status = claimStatus(claim);
    // Names go into the history next to the ids, so the timeline reads "Riley → Sam".
    const previous = claim.assigneeId
      ? await tx.user.findUnique({ where: { id: claim.assigneeId }, select: { name: true } })
      : null;
    const beforeDetails = { assignee: previous?.name ?? null };
    if (input.assigneeId === null) {
      return applyTransition(tx, actor, claim, "unassign", { data: { assigneeId: null }, beforeDetails, details: { assignee: null } });
    }
    const assignee = await tx.user.findUnique({ where: { id: input.assigneeId }, select: { id: true, active: true, name: true } });
    if (!assignee || !assignee.active) {
      throw new AppError("VALIDATION", "Choose an active reviewer.", { fields: { assigneeId: ["Choose an active reviewer."] } });
    }
    const data = { assigneeId: assignee.id, priority: input.priority, dueAt: input.dueAt ?? null };
    const details = { assignee: assignee.name };
    if (status === "NEW") return applyTransition(tx, actor, claim, "assign", { data, beforeDetails, details });
    if (!REASSIGNABLE.includes(status)) {
      throw new AppError(
        "INVALID_TRANSITION",
        status === "PROPOSED"
          ? "This claim has a proposed verdict waiting for approval; approve or return it before reassigning."
          : "Only claims that are still in the review stage can be reassigned.",
      );
    }
    const result = await tx.claim.updateMany({
      where: { id: claim.id, version: claim.version },
      data: { ...data, version: { increment: 1 } },
    });
    if (result.count !== 1) throw staleVersion();
    const updated = await tx.claim.findUniqueOrThrow({ where: { id: claim.id } });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "claim.reassign",
      entityType: "Claim",
      entityId: claim.id,
      entityVersion: updated.version,
      claimId: claim.id,
      before: { ...pickChanged(claim, data), ...beforeDetails },
      after: { ...pickChanged(updated, data), ...details },
    });
    return updated;
  });
}

/** The assigned reviewer proposes a verdict; factual ratings need evidence. */
export async function proposeVerdict(actor: Actor, input: ProposeVerdictInput) {
  return inTransaction(async (tx) => {
    let claim = await loadClaimForUpdate(tx, actor, input.claimId, input.expectedVersion);
    assertAssignee(actor, claim);
    const scale = await getVerdictScale(tx);
    const rating = findRating(scale, input.rating);
    if (!rating) throw new AppError("VALIDATION", "Choose a verdict from the scale.", { fields: { rating: ["Choose a verdict from the scale."] } });
    const evidenceCount = await tx.evidence.count({ where: { claimId: claim.id, deletedAt: null } });
    const evidenceCheck = checkVerdictEvidence(rating, evidenceCount);
    if (!evidenceCheck.ok) throw new AppError("VALIDATION", evidenceCheck.reason, { fields: { rating: [evidenceCheck.reason] } });
    claim = await ensureInReview(tx, actor, claim);
    const verdict = await tx.verdict.create({
      data: { claimId: claim.id, rating: rating.key, rationale: input.rationale, proposedById: actor.id, state: "PROPOSED" },
    });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "verdict.propose",
      entityType: "Verdict",
      entityId: verdict.id,
      entityVersion: verdict.version,
      claimId: claim.id,
      after: { rating: rating.key, label: rating.label, rationale: input.rationale },
    });
    return applyTransition(tx, actor, claim, "propose", { details: { verdictId: verdict.id, rating: rating.key } });
  });
}

async function loadProposedVerdict(tx: Tx, claimId: string) {
  const verdict = await tx.verdict.findFirst({ where: { claimId, state: "PROPOSED" }, orderBy: { createdAt: "desc" } });
  if (!verdict) throw new AppError("INVALID_TRANSITION", "There is no proposed verdict on this claim.");
  return verdict;
}

async function setVerdictState(
  tx: Tx,
  actor: Actor,
  verdict: { id: string; version: number; state: string; claimId: string },
  state: string,
  data: Prisma.VerdictUncheckedUpdateManyInput = {},
) {
  const result = await tx.verdict.updateMany({
    where: { id: verdict.id, version: verdict.version },
    data: { ...data, state, version: { increment: 1 } },
  });
  if (result.count !== 1) throw staleVersion("verdict");
  await appendAuditEvent(tx, {
    actorId: actor.id,
    action: `verdict.${state.toLowerCase()}`,
    entityType: "Verdict",
    entityId: verdict.id,
    entityVersion: verdict.version + 1,
    claimId: verdict.claimId,
    before: { state: verdict.state },
    after: { state, ...data },
  });
}

/** An editor approves the proposed verdict — never one they proposed themselves (four-eyes rule). */
export async function approveVerdict(actor: Actor, input: ClaimVersionInput) {
  assertEditor(actor, "approve verdicts");
  return inTransaction(async (tx) => {
    const claim = await loadClaimForUpdate(tx, actor, input.claimId, input.expectedVersion);
    const check = checkTransition(claimStatus(claim), "approve");
    if (!check.ok) throw new AppError("INVALID_TRANSITION", check.reason);
    const verdict = await loadProposedVerdict(tx, claim.id);
    if (verdict.proposedById === actor.id) {
      throw new AppError("FORBIDDEN", "You proposed this verdict, so another editor must approve it.");
    }
    await setVerdictState(tx, actor, verdict, "APPROVED", { approvedById: actor.id, approvedAt: new Date() });
    return applyTransition(tx, actor, claim, "approve", { details: { verdictId: verdict.id } });
  });
}

/** An editor sends a proposed verdict back to the reviewer with a reason. */
export async function returnVerdict(actor: Actor, input: ReturnVerdictInput) {
  assertEditor(actor, "return verdicts");
  return inTransaction(async (tx) => {
    const claim = await loadClaimForUpdate(tx, actor, input.claimId, input.expectedVersion);
    const check = checkTransition(claimStatus(claim), "return");
    if (!check.ok) throw new AppError("INVALID_TRANSITION", check.reason);
    const verdict = await loadProposedVerdict(tx, claim.id);
    await setVerdictState(tx, actor, verdict, "RETURNED", { returnReason: input.reason });
    return applyTransition(tx, actor, claim, "return", { reason: input.reason, details: { verdictId: verdict.id } });
  });
}

/** An editor publishes an approved verdict. */
export async function publishClaim(actor: Actor, input: ClaimVersionInput) {
  assertEditor(actor, "publish verdicts");
  return inTransaction(async (tx) => {
    const claim = await loadClaimForUpdate(tx, actor, input.claimId, input.expectedVersion);
    const check = checkTransition(claimStatus(claim), "publish");
    if (!check.ok) throw new AppError("INVALID_TRANSITION", check.reason);
    const verdict = await tx.verdict.findFirst({ where: { claimId: claim.id, state: "APPROVED" }, orderBy: { createdAt: "desc" } });
    if (!verdict) throw new AppError("INVALID_TRANSITION", "There is no approved verdict to publish.");
    await setVerdictState(tx, actor, verdict, "PUBLISHED", { publishedAt: new Date() });
    return applyTransition(tx, actor, claim, "publish", { details: { verdictId: verdict.id } });
  });
}

/**
 * Creates a claim anchored to a code-point span of its article's snapshot (quote plus context, so the
 * span can be re-found) and records it, inside the caller's transaction.
 */
export async function createAnchoredClaim(
  tx: Tx,
  actor: Actor,
  articleText: string,
  input: {
    articleId: string;
    text: string;
    start: number;
    end: number;
    score: number;
    kind?: string;
    reasons?: string[];
    origin: "EXTRACTED" | "MANUAL";
    status: ClaimStatus;
  },
) {
  const anchor = buildAnchor(articleText, input.start, input.end);
  const claim = await tx.claim.create({
    data: {
      articleId: input.articleId,
      text: input.text,
      start: input.start,
      end: input.end,
      quote: anchor.quote,
      prefix: anchor.prefix,
      suffix: anchor.suffix,
      checkworthiness: input.score,
      kind: input.kind ?? "OTHER",
      reasons: JSON.stringify(input.reasons ?? []),
      origin: input.origin,
      status: input.status,
    },
  });
  await appendAuditEvent(tx, {
    actorId: actor.id,
    action: "claim.create",
    entityType: "Claim",
    entityId: claim.id,
    entityVersion: claim.version,
    claimId: claim.id,
    after: { text: claim.text, start: claim.start, end: claim.end, score: claim.checkworthiness, kind: claim.kind, origin: claim.origin },
  });
  return claim;
}

export { ensureInReview, loadClaimForUpdate };
