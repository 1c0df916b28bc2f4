import "server-only";
import type { MatchFeatures } from "@/lib/domain/extraction/tasks";
import { matchFeaturesColumn } from "./claim-matching";
import type { ClaimListCursor } from "@/lib/domain/claim-cursor";
import {
  checkTransition,
  isClaimStatus,
  LISTED_STATUSES,
  REVIEWER_EDITABLE_STATUSES,
  UNFINISHED_STATUSES,
  type ClaimStatus,
  type ClaimTransitionName,
} from "@/lib/domain/claim-status";
import { allHaveProposed, isBlindFor, requiredProposers } from "@/lib/domain/double-review";
import { dueCondition } from "@/lib/domain/due-dates";
import { AppError, invalid, notFound, staleVersion } from "@/lib/domain/errors";
import { normalizeSearchText, searchTerms } from "@/lib/domain/search-text";
import { hasSearchTerms, parseSearchQuery } from "@/lib/domain/search-query";
import { buildAnchor, buildAnchors, type TextAnchor } from "@/lib/domain/text-span";
import { checkVerdictEvidence, CURRENT_VERDICT_STATES, findRating, type VerdictRating } from "@/lib/domain/verdict-scale";
import { Prisma } from "@/lib/generated/sqlite/client";
import type {
  ApproveVerdictInput,
  AssignClaimInput,
  ClaimListFilter,
  ClaimVersionInput,
  ProposeVerdictInput,
  ReopenClaimInput,
  ReturnVerdictInput,
} from "@/lib/validation/claims";
import { appendAuditEvent, appendAuditEvents, AUDIT_HEAD_COLUMNS, auditChainLockSettled, auditChainTryLock, lockAuditChain, primeAuditChainHead, type AuditInput } from "./audit";
import { withTokenOrigins } from "./audit-token-origins";
import { findAssignee } from "./claim-assignment";
import { audienceOf } from "./comments";
import { readClaimListRows } from "./claim-list-rows";
import { readRows } from "./direct-read";
import { findClaimSearchMatches, type ClaimSearchMatches } from "./claim-search";
import { getDb, type Tx } from "./db";
import { loadClaimReviewers, lockClaimRow, syncClaimReviewers } from "./double-review";
import { notifyApproved, notifyAssigned, notifyReturned } from "./notifications";
import {
  assertAssignee,
  assertEditor,
  isEditor,
  visibleClaimSql,
  visibleClaimsWhere,
  visibleCommentsWhere,
  visibleEvidenceWhere,
  visibleHistoryWhere,
  visibleVerdictsWhere,
  type Actor,
} from "./permissions";
import { assertFourEyes } from "./four-eyes";
import { getVerdictScale, parseVerdictScale } from "./settings";
import { insertClaims, insertProposedVerdict, type NewClaimRow } from "./row-inserts";
import { inTransaction } from "./transaction";

// ---------------------------------------------------------------------------------------------
// Reads

/**
 * The claim list's conditions for an actor and a filter (lib/validation/claims.ts), shared by the
 * claims page and the REST API's paginated list. The actor's visibility comes first, so no filter
 * value can widen it; a verdict filter only looks at verdicts the actor may see (blind double review);
 * the text search `q` is the full-text search's matches (`search`, from findClaimSearchMatches: the
 * caller resolves it first; null when `q` has nothing to look for), the claimant filter a set of words
 * that must all occur in the normalised claimant column. `scope` (resolveReviewerScope) states a
 * reviewer's visibility in a form the database can read from its indexes; without it the rule is
 * permissions.ts visibleClaimsWhere. Throws when `q` has words but no `search` was given (a
 * programming error).
 */
export function claimListWhere(actor: Actor, filter: ClaimListFilter = {}, now = new Date(), search?: ClaimSearchMatches | null, scope?: ReviewerScope | null): Prisma.ClaimWhereInput {
  const conditions: Prisma.ClaimWhereInput[] = [scopedVisibleWhere(actor, scope), { status: { in: [...LISTED_STATUSES] } }];
  if (filter.status) conditions.push({ status: filter.status });
  if (filter.articleId) conditions.push({ articleId: filter.articleId });
  if (filter.assigneeId === "none") conditions.push({ assigneeId: null });
  else if (filter.assigneeId) conditions.push({ assigneeId: filter.assigneeId });
  if (filter.priority) conditions.push({ priority: filter.priority });
  const current: Prisma.VerdictWhereInput = { AND: [{ state: { in: [...CURRENT_VERDICT_STATES] } }, visibleVerdictsWhere(actor)] };
  if (filter.verdict === "none") conditions.push({ verdicts: { none: current } });
  else if (filter.verdict) conditions.push({ verdicts: { some: { AND: [current, { rating: filter.verdict }] } } });
  if (filter.due) {
    const due = dueCondition(filter.due, now, filter.dueWithinDays);
    if (due.kind === "noDueDate") conditions.push({ dueAt: null });
    else {
      conditions.push({ dueAt: { not: null, ...(due.from && { gte: due.from }), ...(due.before && { lt: due.before }), ...(due.to && { lte: due.to }) } });
      if (due.unfinishedOnly) conditions.push({ status: { in: [...UNFINISHED_STATUSES] } });
    }
  }
  if (search) conditions.push({ id: { in: search.ids } });
  else if (search === undefined && hasSearchTerms(parseSearchQuery(filter.q))) throw new Error("claimListWhere: resolve the text search (findClaimSearchMatches) first");
  for (const term of searchTerms(filter.claimant)) conditions.push({ claimantSearch: { contains: term } });
  return { AND: conditions };
}

/** The most claims a reviewer may review as a second reviewer for resolveReviewerScope to list them. */
export const REVIEWER_SCOPE_LIMIT = 500;

/**
 * A reviewer's visibility for one list view: the claims they review as a second reviewer (blind
 * double review), read once. With it the list's statements say "assigned to them, or one of these
 * ids" instead of visibleClaimsWhere's correlated EXISTS on ClaimReviewer, which SQLite can serve
 * from no index: a reviewer's list on a 100,000-claim desk sorted 20,000 dated claims of every
 * reviewer (150 ms), and its count scanned the claims by id (28 ms); now both read their
 * (assigneeId, …) index (under 1 ms).
 */
export interface ReviewerScope {
  /** ids of the claims the reviewer reviews as a second reviewer */
  shared: string[];
}

/**
 * The reviewer scope of `actor` for a list view: null for editors (they see every claim) and for a
 * reviewer with more than REVIEWER_SCOPE_LIMIT shared claims (the list then uses visibleClaimsWhere
 * as it is). One statement for a reviewer (hand-written, on the driver: direct-read.ts), none for an editor.
 */
export async function resolveReviewerScope(actor: Actor): Promise<ReviewerScope | null> {
  if (isEditor(actor)) return null;
  const rows = await readRows<{ claimId: string }>(
    Prisma.sql`SELECT r."claimId" FROM "ClaimReviewer" r WHERE r."userId" = ${actor.id} LIMIT ${Prisma.raw(String(REVIEWER_SCOPE_LIMIT + 1))}`,
  );
  return rows.length > REVIEWER_SCOPE_LIMIT ? null : { shared: rows.map((r) => r.claimId) };
}

/** visibleClaimsWhere, or the same rule through a reviewer's resolved scope. */
function scopedVisibleWhere(actor: Actor, scope: ReviewerScope | null | undefined): Prisma.ClaimWhereInput {
  if (!scope || isEditor(actor)) return visibleClaimsWhere(actor);
  return scope.shared.length ? { OR: [{ assigneeId: actor.id }, { id: { in: scope.shared } }] } : { assigneeId: actor.id };
}

/**
 * The list's order: most recently changed first, id as the tie-breaker — a total order on
 * (updatedAt, id), so a keyset cursor can continue after any row.
 */
export const CLAIM_LIST_ORDER = [{ updatedAt: "desc" }, { id: "desc" }] satisfies Prisma.ClaimOrderByWithRelationInput[];

/**
 * What the list's selecting queries read of each claim: its key in every order (the rows themselves
 * come from readClaimListRows, one statement per page).
 */
export const CLAIM_LIST_KEY = { id: true, createdAt: true, updatedAt: true, dueAt: true } satisfies Prisma.ClaimSelect;

/**
 * The rows after a cursor in CLAIM_LIST_ORDER (newest change first): older changes, or the same
 * instant with a smaller id. No cursor, no condition.
 */
function afterCursorWhere(after: ClaimListCursor | undefined): Prisma.ClaimWhereInput {
  if (!after) return {};
  return { OR: [{ updatedAt: { lt: after.updatedAt } }, { updatedAt: after.updatedAt, id: { lt: after.id } }] };
}

/**
 * Claims of the list in CLAIM_LIST_ORDER, the first `take` of them after the cursor `after` (the key of
 * the last row of the previous page): two statements whatever the data size (the keys, then the rows
 * with their article, assignee and current verdicts: readClaimListRows), plus the search's one when
 * `q` has words and `search` is not given.
 */
export async function listClaims(
  actor: Actor,
  filter: ClaimListFilter = {},
  options: { take?: number; now?: Date; after?: ClaimListCursor; search?: ClaimSearchMatches | null; scope?: ReviewerScope | null } = {},
) {
  const db = await getDb();
  const search = await resolveSearch(actor, filter, options.search);
  const keys = await db.claim.findMany({
    where: { AND: [claimListWhere(actor, filter, options.now ?? new Date(), search, options.scope), afterCursorWhere(options.after)] },
    select: CLAIM_LIST_KEY,
    orderBy: CLAIM_LIST_ORDER,
    take: options.take ?? 500,
  });
  return readClaimListRows(actor, keys);
}

/**
 * The text search's matches for a filter: `given` when the caller resolved them already (null: no
 * search), else one full-text query (lib/server/claim-search.ts) over the claims the list shows
 * (LISTED_STATUSES), so the matches kept are all listable.
 */
export async function resolveSearch(actor: Actor, filter: ClaimListFilter, given?: ClaimSearchMatches | null): Promise<ClaimSearchMatches | null> {
  return given !== undefined ? given : findClaimSearchMatches(await getDb(), actor, filter.q, undefined, { listedOnly: true });
}

/** Beyond this many claims a list says "1,000+" instead of counting them all (a count reads every row). */
export const CLAIM_COUNT_LIMIT = 1000;

/** The rows before a cursor in CLAIM_LIST_ORDER, the cursor's own row included. */
function upToCursorWhere(after: ClaimListCursor): Prisma.ClaimWhereInput {
  return { OR: [{ updatedAt: { gt: after.updatedAt } }, { updatedAt: after.updatedAt, id: { gte: after.id } }] };
}

/**
 * How many claims the filter matches, counting at most `limit + 1` rows (default CLAIM_COUNT_LIMIT):
 * an exact count up to `limit`, `limit + 1` meaning "more than limit". With `upTo`, only the rows up
 * to and including that cursor's row (a page's position). One statement; its cost is bounded by
 * `limit`, not by the desk's size.
 */
export async function countClaims(
  actor: Actor,
  filter: ClaimListFilter = {},
  now = new Date(),
  upTo?: ClaimListCursor,
  limit = CLAIM_COUNT_LIMIT,
  search?: ClaimSearchMatches | null,
  scope?: ReviewerScope | null,
) {
  const db = await getDb();
  const matches = await resolveSearch(actor, filter, search);
  return db.claim.count({ where: { AND: [claimListWhere(actor, filter, now, matches, scope), upTo ? upToCursorWhere(upTo) : {}] }, take: limit + 1 });
}

/**
 * One page of the claims page (/claims): up to `size` claims after the cursor, the filter's total, the
 * position of the first row shown (1-based) and the cursor of the next page (null on the last one).
 * Four statements at most (the keys, the rows, the total and the position; plus the full-text search's
 * one when `q` has words and `search` is not given), whatever the data size; a first page that is not
 * full needs no count (its length is the total). One more row than shown is read to know whether a
 * next page exists. Counts stop at `countLimit` (default CLAIM_COUNT_LIMIT): past it `totalIsAtLeast`
 * is true and `total` is the limit ("1,000+"), and `first` is null when the page starts past it.
 *
 * Editing a claim changes its updatedAt, so a claim edited while someone pages moves to the top of the
 * list: they will not meet it again on later pages (and may have skipped it if it was still ahead).
 * That is fine; the keyset on (updatedAt, id) guarantees that paging never loops and never skips a
 * claim that did not change, because an unchanged claim keeps its place relative to the cursor.
 * The position is what lies before the cursor plus one, at most the total.
 */
export async function listClaimPage(
  actor: Actor,
  filter: ClaimListFilter,
  options: { size: number; after?: ClaimListCursor; now?: Date; countLimit?: number; search?: ClaimSearchMatches | null; scope?: ReviewerScope | null },
) {
  const { size, after, scope } = options;
  const limit = options.countLimit ?? CLAIM_COUNT_LIMIT;
  const now = options.now ?? new Date();
  const search = await resolveSearch(actor, filter, options.search);
  const [rows, before] = await Promise.all([
    listClaims(actor, filter, { take: size + 1, now, after, search, scope }),
    after ? countClaims(actor, filter, now, after, limit, search, scope) : Promise.resolve(0),
  ]);
  // A first page that is not full holds every match: its length is the exact total, no count needed.
  const counted = !after && rows.length <= size ? rows.length : await countClaims(actor, filter, now, undefined, limit, search, scope);
  const claims = rows.slice(0, size);
  const last = claims.at(-1);
  const next: ClaimListCursor | null = rows.length > size && last ? { updatedAt: last.updatedAt, id: last.id } : null;
  // A search keeps its SEARCH_MATCH_LIMIT best matches: past it, more may match than are counted.
  const totalIsAtLeast = counted > limit || Boolean(search?.capped);
  const total = Math.min(counted, limit);
  const first = before > limit ? null : totalIsAtLeast ? before + 1 : Math.min(before + 1, Math.max(1, total));
  return { claims, total, totalIsAtLeast, first, next };
}
export type ClaimListItem = Awaited<ReturnType<typeof listClaims>>[number];

export { getClaimDetail, type ClaimDetail } from "./claim-detail/get-claim-detail";
export { bulkAssignClaims } from "./claim-assignment";

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

/** The columns of a claim a reviewer's step (evidence, proposal) reads and writes. */
export type WorkClaim = Pick<ClaimRow, "id" | "status" | "version" | "assigneeId">;

/** The columns every status change needs (applyTransition and the steps around it). */
type ClaimCore = WorkClaim;

interface WorkClaimSqlRow extends WorkClaim {
  reviewerCount: number | bigint;
  evidenceCount: number | bigint;
  scaleValue: string | null;
  auditHeadId: number | bigint | null;
  auditHeadHash: string | null;
}

/**
 * A claim the actor may see, for a reviewer's step (evidence, proposal): its core columns
 * (version-checked like loadClaimForUpdate), its double reviewers, its evidence count (not removed),
 * the verdict scale and the audit chain's head — one hand-written statement (the same SQL on SQLite
 * and PostgreSQL; Prisma's query for a full claim row with two counts cost about ten times as much),
 * two on a double-reviewed claim (only then are the reviewer rows read). Call it after the chain lock
 * (inTransaction), or as the step's first statement, which then tries the lock itself
 * (inTransaction's chainLock "first-statement"; a busy lock costs a lock statement and a second read):
 * the head it reads spares appendAuditEvent its own read. Throws NOT_FOUND when
 * the claim does not exist or the actor may not see it, CONFLICT on another version.
 */
async function loadClaimForWork(tx: Tx, actor: Actor, claimId: string, expectedVersion?: number) {
  const tryLock = auditChainTryLock(tx);
  let row = await readWorkClaim(tx, actor, claimId, tryLock);
  if (tryLock && row && !auditChainLockSettled(tx, row.auditLocked)) {
    // The lock was busy: wait for it, then read again under it.
    await lockAuditChain(tx);
    row = await readWorkClaim(tx, actor, claimId, null);
  }
  if (!row) throw notFound();
  primeAuditChainHead(tx, row);
  const claim: WorkClaim = { id: row.id, status: row.status, version: Number(row.version), assigneeId: row.assigneeId };
  if (expectedVersion !== undefined && claim.version !== expectedVersion) {
    throw staleVersion("claim", { status: claim.status, version: claim.version, assigneeId: claim.assigneeId });
  }
  const reviewers = Number(row.reviewerCount) > 0 ? await loadClaimReviewers(tx, claim.id) : [];
  return { claim, reviewers, evidenceCount: Number(row.evidenceCount), scale: parseVerdictScale(row.scaleValue) };
}

async function readWorkClaim(tx: Tx, actor: Actor, claimId: string, tryLock: ReturnType<typeof auditChainTryLock>) {
  const [row] = await tx.$queryRaw<(WorkClaimSqlRow & { auditLocked?: boolean })[]>`SELECT c."id", c."status", c."version", c."assigneeId",
    (SELECT count(*) FROM "ClaimReviewer" r WHERE r."claimId" = c."id") AS "reviewerCount",
    (SELECT count(*) FROM "Evidence" e WHERE e."claimId" = c."id" AND e."deletedAt" IS NULL) AS "evidenceCount",
    (SELECT s."value" FROM "Setting" s WHERE s."key" = 'verdictScale') AS "scaleValue",
    ${AUDIT_HEAD_COLUMNS}${tryLock ? Prisma.sql`, ${tryLock.locked} AS "auditLocked"` : Prisma.empty}
    FROM "Claim" c${tryLock ? Prisma.sql` CROSS JOIN ${tryLock.from}` : Prisma.empty} WHERE c."id" = ${claimId}${visibleClaimSql(actor, "c")}`;
  return row ?? null;
}

function claimStatus(claim: Pick<ClaimRow, "id" | "status">): ClaimStatus {
  if (!isClaimStatus(claim.status)) throw new Error(`Claim ${claim.id} has unknown status ${claim.status}`);
  return claim.status;
}

/**
 * Moves a claim along the status machine (refusing anything the table does not allow), bumps its
 * version only if nobody else did in between, and records the step. Returns the updated row.
 */
export async function applyTransition<C extends ClaimCore>(
  tx: Tx,
  actor: Actor,
  claim: C,
  name: ClaimTransitionName,
  options: {
    data?: Prisma.ClaimUncheckedUpdateManyInput;
    reason?: string;
    details?: Record<string, unknown>;
    beforeDetails?: Record<string, unknown>;
  } = {},
): Promise<C> {
  const from = claimStatus(claim);
  const check = checkTransition(from, name);
  if (!check.ok) throw new AppError("INVALID_TRANSITION", check.reason);
  const to = check.transition.to;
  const updatedAt = new Date();
  const data = options.data && Object.keys(options.data).length > 0 ? options.data : undefined;
  // A bare status change (the reviewers' steps) is one hand-written UPDATE; one with more columns goes through Prisma.
  const count = data
    ? (await tx.claim.updateMany({ where: { id: claim.id, version: claim.version }, data: { ...data, status: to, version: { increment: 1 }, updatedAt } })).count
    : await tx.$executeRaw`UPDATE "Claim" SET "status" = ${to}, "version" = "version" + 1, "updatedAt" = ${updatedAt} WHERE "id" = ${claim.id} AND "version" = ${claim.version}`;
  if (count !== 1) throw staleVersion();
  // The row as written: the update matched the version read, so every other column is as read. Only
  // data with operators (not plain values) needs the row read back.
  const plain = Object.values(options.data ?? {}).every((v) => v === null || v instanceof Date || typeof v !== "object");
  const updated: C = plain
    ? { ...claim, ...(options.data as Partial<ClaimRow>), status: to, version: claim.version + 1, updatedAt }
    : ((await tx.claim.findUniqueOrThrow({ where: { id: claim.id } })) as unknown as C);
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

/**
 * The refusal to reassign a claim outside the review stage (a status not in REASSIGNABLE).
 */
export function notReassignable(status: ClaimStatus): AppError {
  return new AppError(
    "INVALID_TRANSITION",
    status === "PROPOSED"
      ? "This claim has a proposed verdict waiting for approval; approve or return it before reassigning."
      : "Only claims that are still in the review stage can be reassigned.",
  );
}

/** The values of `data`'s keys in `row` (null for missing ones): the audit event's before/after of a change. */
export function pickChanged(row: ClaimCore, data: object | undefined): Record<string, unknown> {
  if (!data) return {};
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(data)) out[key] = (row as Record<string, unknown>)[key] ?? null;
  return out;
}

/** Moves an assigned, returned or reopened claim into review when its reviewer starts working. */
async function ensureInReview<C extends ClaimCore>(tx: Tx, actor: Actor, claim: C): Promise<C> {
  const status = claimStatus(claim);
  if (status === "IN_REVIEW") return claim;
  if (!REVIEWER_EDITABLE_STATUSES.includes(status)) {
    const check = checkTransition(status, "startReview");
    throw new AppError("INVALID_TRANSITION", check.ok ? "This claim is not open for review." : check.reason);
  }
  return applyTransition(tx, actor, claim, "startReview");
}

/** The statuses in which an assigned claim may be reassigned (or its priority and due date changed). */
export const REASSIGNABLE: readonly ClaimStatus[] = ["ASSIGNED", "IN_REVIEW", "RETURNED", "REOPENED"];

export interface AssignmentInput {
  claimId: string;
  expectedVersion: number;
  /** null unassigns. */
  assigneeId: string | null;
  /** Blind double review: a second reviewer, null for none; undefined keeps the current one. */
  secondReviewerId?: string | null;
  priority: string;
  dueAt?: Date;
}

export interface AssignmentResult {
  claim: ClaimRow;
  action: "claim.assign" | "claim.reassign" | "claim.unassign";
  previousAssigneeId: string | null;
}

/**
 * The one assignment step for one claim, inside the caller's transaction: assigns a new claim,
 * reassigns one still in review (or changes its priority and due date), or unassigns an assigned one;
 * sets or keeps the second reviewer of a blind double review; tells the new reviewers. Version-checked
 * and recorded. Single assignment runs this, and bulk assignment (claim-assignment.ts) for a claim
 * in a blind double review or with a proposal waiting; its other claims are written in batches.
 */
export async function assignClaimInTransaction(tx: Tx, actor: Actor, input: AssignmentInput): Promise<AssignmentResult> {
  assertEditor(actor, "assign claims");
  const claim = await loadClaimForUpdate(tx, actor, input.claimId, input.expectedVersion);
  const action = input.assigneeId === null ? "claim.unassign" : claim.status === "NEW" ? "claim.assign" : "claim.reassign";
  let updated = await updateAssignment(tx, actor, claim, input);
  const reviewers = await syncClaimReviewers(tx, actor, claim, updated, input.secondReviewerId);
  updated = await settleProposals(tx, actor, updated);
  const newAssignee = updated.assigneeId && updated.assigneeId !== claim.assigneeId ? [{ userId: updated.assigneeId, slot: 1 }] : [];
  await notifyAssigned(tx, actor, claim.id, [...newAssignee, ...reviewers.added]);
  return { claim: updated, action, previousAssigneeId: claim.assigneeId };
}

/**
 * Assigns, reassigns or unassigns a claim (editors), with priority and due date, and optionally a
 * second reviewer for a blind double review. The new reviewers are notified in the same transaction.
 */
export async function assignClaim(actor: Actor, input: AssignClaimInput) {
  assertEditor(actor, "assign claims");
  const result = await inTransaction((tx) => assignClaimInTransaction(tx, actor, input));
  return result.claim;
}

/** The claim row's part of an assignment: status, assignee, priority and due date, recorded. */
async function updateAssignment(tx: Tx, actor: Actor, claim: ClaimRow, input: AssignmentInput): Promise<ClaimRow> {
  const status = claimStatus(claim);
  // Names go into the history next to the ids, so the timeline reads "Riley → Sam".
  const previous = claim.assigneeId
    ? await tx.user.findUnique({ where: { id: claim.assigneeId }, select: { name: true } })
    : null;
  const beforeDetails = { assignee: previous?.name ?? null };
  if (input.assigneeId === null) {
    return applyTransition(tx, actor, claim, "unassign", { data: { assigneeId: null }, beforeDetails, details: { assignee: null } });
  }
  const assignee = await findAssignee(tx, input.assigneeId);
  const data = { assigneeId: assignee.id, priority: input.priority, dueAt: input.dueAt ?? null };
  const details = { assignee: assignee.name };
  if (status === "NEW") return applyTransition(tx, actor, claim, "assign", { data, beforeDetails, details });
  if (!REASSIGNABLE.includes(status)) throw notReassignable(status);
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
}

/**
 * After a step that changes who still has to propose (a proposal, a change of reviewers): withdraws
 * pending proposals of people who no longer review the claim and, once every required reviewer has
 * a proposed verdict (the assignee, or both double reviewers), moves the claim to "Verdict proposed".
 */
async function settleProposals<C extends ClaimCore>(tx: Tx, actor: Actor, claim: C): Promise<C> {
  const status = claimStatus(claim);
  const reviewers = await loadClaimReviewers(tx, claim.id);
  // A blind double review stays where it was (ASSIGNED, RETURNED, REOPENED) until both have proposed.
  if (!REVIEWER_EDITABLE_STATUSES.includes(status)) return claim;
  const required = requiredProposers({ assigneeId: claim.assigneeId, reviewers });
  const pending = await tx.verdict.findMany({ where: { claimId: claim.id, state: "PROPOSED" }, orderBy: { createdAt: "asc" } });
  for (const verdict of pending.filter((v) => !required.includes(v.proposedById))) {
    await setVerdictState(tx, actor, verdict, "SUPERSEDED", { returnReason: "Withdrawn: the reviewer no longer reviews this claim." });
  }
  const current = pending.filter((v) => required.includes(v.proposedById));
  if (!allHaveProposed(required, current.map((v) => v.proposedById))) return claim;
  const inReview = await ensureInReview(tx, actor, claim);
  return applyTransition(tx, actor, inReview, "propose", { details: { verdictIds: current.map((v) => v.id) } });
}

/**
 * The assigned reviewer proposes a verdict; factual ratings need evidence. In a blind double review
 * each reviewer proposes on their own evidence; the claim moves to "Verdict proposed" with the second
 * proposal. Before that neither reviewer's evidence nor proposal moves the claim (status, version and
 * update time stay), so the other reviewer's ETag and open page show nothing of work they cannot see.
 */
export async function proposeVerdict(actor: Actor, input: ProposeVerdictInput) {
  return (await proposeVerdictStep(actor, input)).claim;
}

/** proposeVerdict, also returning the verdict scale the step read (for the REST API's response). */
export async function proposeVerdictStep(actor: Actor, input: ProposeVerdictInput): Promise<{ claim: WorkClaim; scale: readonly VerdictRating[] }> {
  return inTransaction(async (tx) => {
    const loaded = await loadClaimForWork(tx, actor, input.claimId, input.expectedVersion);
    let claim = loaded.claim;
    const { reviewers } = loaded;
    assertAssignee(actor, { assigneeId: claim.assigneeId, reviewers });
    const double = reviewers.length > 0;
    const { scale } = loaded;
    const rating = findRating(scale, input.rating);
    if (!rating) throw new AppError("VALIDATION", "Choose a verdict from the scale.", { fields: { rating: ["Choose a verdict from the scale."] } });
    if (rating.retired) throw invalid("rating", `"${rating.label}" is retired from the scale: choose another verdict.`);
    // In a blind double review only the actor's own evidence counts.
    const evidenceCount = double ? await tx.evidence.count({ where: { claimId: claim.id, deletedAt: null, addedById: actor.id } }) : loaded.evidenceCount;
    const evidenceCheck = checkVerdictEvidence(rating, evidenceCount);
    if (!evidenceCheck.ok) throw new AppError("VALIDATION", evidenceCheck.reason, { fields: { rating: [evidenceCheck.reason] } });
    // Blind double review: one reviewer's work never moves the claim (its status and version, hence
    // the other reviewer's ETag and page, stay as they were) until both have proposed (issue 12).
    if (!double) claim = await ensureInReview(tx, actor, claim);
    if (double) {
      // Serialises the two reviewers' proposals, so the second one always sees the first.
      await lockClaimRow(tx, claim);
      if ((await tx.verdict.count({ where: { claimId: claim.id, proposedById: actor.id, state: "PROPOSED" } })) > 0) {
        throw new AppError("INVALID_TRANSITION", "You have already proposed a verdict on this claim; an editor decides once the other reviewer has proposed too.");
      }
    }
    const verdict = await insertProposedVerdict(tx, { claimId: claim.id, rating: rating.key, rationale: input.rationale, proposedById: actor.id });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "verdict.propose",
      entityType: "Verdict",
      entityId: verdict.id,
      entityVersion: verdict.version,
      claimId: claim.id,
      after: { rating: rating.key, label: rating.label, rationale: input.rationale },
    });
    if (double) return { claim: await settleProposals(tx, actor, claim), scale };
    return { claim: await applyTransition(tx, actor, claim, "propose", { details: { verdictId: verdict.id, rating: rating.key } }), scale };
    // The claim's read takes the chain lock (one statement less on PostgreSQL, see inTransaction).
  }, { chainLock: "first-statement", driver: true });
}

/** The claim's proposed verdicts, newest first (two in a blind double review). */
async function loadProposedVerdicts(tx: Tx, claimId: string) {
  const verdicts = await tx.verdict.findMany({ where: { claimId, state: "PROPOSED" }, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
  if (verdicts.length === 0) throw new AppError("INVALID_TRANSITION", "There is no proposed verdict on this claim.");
  return verdicts;
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

/**
 * An editor approves the proposed verdict — never one they proposed themselves, nor one proposed
 * through an API token they created (four-eyes rule on the humans behind the acts). In a
 * blind double review they choose one of the two verdicts (the other is superseded), and an editor who
 * is one of the two reviewers cannot decide.
 */
export async function approveVerdict(actor: Actor, input: ApproveVerdictInput) {
  assertEditor(actor, "approve verdicts");
  return inTransaction(async (tx) => {
    const claim = await loadClaimForUpdate(tx, actor, input.claimId, input.expectedVersion);
    const check = checkTransition(claimStatus(claim), "approve");
    if (!check.ok) throw new AppError("INVALID_TRANSITION", check.reason);
    const proposed = await loadProposedVerdicts(tx, claim.id);
    const reviewers = await loadClaimReviewers(tx, claim.id);
    const double = reviewers.length > 0;
    if (double && !input.verdictId) throw invalid("verdictId", "Choose which of the two verdicts to approve.");
    const verdict = input.verdictId ? proposed.find((v) => v.id === input.verdictId) : proposed[0];
    if (!verdict) throw invalid("verdictId", "That verdict is not waiting for approval on this claim.");
    await assertFourEyes(tx, actor, verdict, reviewers.map((r) => r.userId));
    // The rating as the scale names it now: reports show the label in force at approval.
    const rating = findRating(await getVerdictScale(tx), verdict.rating);
    await setVerdictState(tx, actor, verdict, "APPROVED", {
      approvedById: actor.id,
      approvedAt: new Date(),
      ...(rating ? { ratingLabel: rating.label, ratingColor: rating.color, ratingValue: rating.ratingValue } : {}),
    });
    const others = proposed.filter((v) => v.id !== verdict.id);
    for (const other of others) await setVerdictState(tx, actor, other, "SUPERSEDED");
    const updated = await applyTransition(tx, actor, claim, "approve", { details: { verdictId: verdict.id } });
    await notifyApproved(tx, actor, claim.id, verdict.proposedById, others.map((v) => v.proposedById));
    return updated;
  });
}

/** An editor sends the proposed verdict (both, in a double review) back to the reviewers with a reason. */
export async function returnVerdict(actor: Actor, input: ReturnVerdictInput) {
  assertEditor(actor, "return verdicts");
  return inTransaction(async (tx) => {
    const claim = await loadClaimForUpdate(tx, actor, input.claimId, input.expectedVersion);
    const check = checkTransition(claimStatus(claim), "return");
    if (!check.ok) throw new AppError("INVALID_TRANSITION", check.reason);
    const proposed = await loadProposedVerdicts(tx, claim.id);
    for (const verdict of proposed) await setVerdictState(tx, actor, verdict, "RETURNED", { returnReason: input.reason });
    const details = proposed.length === 1 ? { verdictId: proposed[0]!.id } : { verdictIds: proposed.map((v) => v.id) };
    const updated = await applyTransition(tx, actor, claim, "return", { reason: input.reason, details });
    await notifyReturned(tx, actor, claim.id, proposed.map((v) => v.proposedById), input.reason);
    return updated;
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
 * An editor reopens a published claim with a reason: the published verdict is set aside (kept, as
 * superseded, in the claim's history) and the claim goes back to its reviewer.
 */
export async function reopenClaim(actor: Actor, input: ReopenClaimInput) {
  assertEditor(actor, "reopen published claims");
  return inTransaction(async (tx) => {
    const claim = await loadClaimForUpdate(tx, actor, input.claimId, input.expectedVersion);
    const check = checkTransition(claimStatus(claim), "reopen");
    if (!check.ok) throw new AppError("INVALID_TRANSITION", check.reason);
    const verdict = await tx.verdict.findFirst({ where: { claimId: claim.id, state: "PUBLISHED" }, orderBy: { createdAt: "desc" } });
    if (verdict) await setVerdictState(tx, actor, verdict, "SUPERSEDED");
    return applyTransition(tx, actor, claim, "reopen", { reason: input.reason, details: verdict ? { verdictId: verdict.id, supersededRating: verdict.rating } : {} });
  });
}

/** What createAnchoredClaim(s) need of one claim. */
export interface AnchoredClaimInput {
  articleId: string;
  text: string;
  start: number;
  end: number;
  score: number;
  kind?: string;
  reasons?: string[];
  origin: "EXTRACTED" | "MANUAL";
  status: ClaimStatus;
  /** Who the article attributes the claim to, as the extractor suggests it. */
  claimant?: { name: string; kind: string } | null;
  /** Matching features computed in the extraction pool; the caller writes the key rows (writeMatchIndex). */
  matchFeatures?: MatchFeatures;
}

/** The Claim row of `input`, with `anchor` (quote, prefix and suffix of its span in the article). */
function anchoredClaimData(anchor: TextAnchor, input: AnchoredClaimInput) {
  return {
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
    searchText: normalizeSearchText(input.text),
    origin: input.origin,
    status: input.status,
    ...(input.claimant ? { claimant: input.claimant.name, claimantKind: input.claimant.kind, claimantSearch: normalizeSearchText(input.claimant.name) } : {}),
    ...(input.matchFeatures ? matchFeaturesColumn(input.matchFeatures) : {}),
  };
}

/** anchoredClaimData with every column insertClaims writes (defaults filled in as the schema has them). */
function anchoredClaimRow(anchor: TextAnchor, input: AnchoredClaimInput): NewClaimRow {
  const data = anchoredClaimData(anchor, input);
  return {
    ...data,
    claimant: data.claimant ?? null,
    claimantKind: data.claimantKind ?? null,
    claimantSearch: data.claimantSearch ?? "",
    matchFeatures: data.matchFeatures ?? null,
    matchIndexed: data.matchIndexed ?? false,
  };
}

type CreatedClaimFields = { id: string; version: number; text: string; start: number; end: number; checkworthiness: number; kind: string; origin: string; claimant: string | null; claimantKind: string | null };

/** The `claim.create` audit event of a claim just written. */
function claimCreatedEvent(actor: Actor, claim: CreatedClaimFields): AuditInput {
  return {
    actorId: actor.id,
    action: "claim.create",
    entityType: "Claim",
    entityId: claim.id,
    entityVersion: claim.version,
    claimId: claim.id,
    after: { text: claim.text, start: claim.start, end: claim.end, score: claim.checkworthiness, kind: claim.kind, origin: claim.origin, ...(claim.claimant ? { claimant: claim.claimant, claimantKind: claim.claimantKind } : {}) },
  };
}

/**
 * Creates a claim anchored to a code-point span of its article's snapshot (quote plus context, so the
 * span can be re-found) and records it, inside the caller's transaction.
 */
export async function createAnchoredClaim(tx: Tx, actor: Actor, articleText: string, input: AnchoredClaimInput) {
  const claim = await tx.claim.create({ data: anchoredClaimData(buildAnchor(articleText, input.start, input.end), input) });
  await appendAuditEvent(tx, claimCreatedEvent(actor, claim));
  return claim;
}

/**
 * Creates many claims of one article at once: one multi-row INSERT for the claims (RETURNING their
 * ids) and one for their `claim.create` audit events, instead of two statements per claim, so the
 * write transaction (SQLite's single writer, and on SQLite the event loop, since every statement is
 * synchronous) is held for a few statements whatever the number of claims. Returns the created
 * claims in the order of `inputs`. Spans must be distinct within the article (an import's are).
 */
export async function createAnchoredClaims(tx: Tx, actor: Actor, articleText: string, inputs: readonly AnchoredClaimInput[]): Promise<CreatedClaimFields[]> {
  if (inputs.length === 0) return [];
  // One pass over the article for all the anchors (a 2 MB article: a few ms, not one pass per claim).
  const anchors = buildAnchors(articleText, inputs);
  // Hand-written INSERT (lib/server/row-inserts.ts): the rows are known here, nothing is read back.
  const rows = inputs.map((input, i) => anchoredClaimRow(anchors[i]!, input));
  const ids = await insertClaims(tx, rows);
  const created = rows.map((row, i) => ({
    id: ids[i]!,
    articleId: row.articleId,
    version: 1,
    text: row.text,
    start: row.start,
    end: row.end,
    checkworthiness: row.checkworthiness,
    kind: row.kind,
    origin: row.origin,
    claimant: row.claimant,
    claimantKind: row.claimantKind,
  }));
  await appendAuditEvents(tx, created.map((claim) => claimCreatedEvent(actor, claim)));
  return created;
}

export { claimStatus, ensureInReview, loadClaimForUpdate, loadClaimForWork, setVerdictState };
