import "server-only";
import { createPatch } from "diff";
import { AppError, notFound } from "@/lib/domain/errors";
import type { AddEvidenceInput } from "@/lib/validation/evidence";
import { appendAuditEvent, AUDIT_HEAD_COLUMNS, auditChainLockSettled, auditChainTryLock, lockAuditChain, primeAuditChainHead, type AuditHeadRow } from "../audit";
import { Prisma } from "@/lib/generated/sqlite/client";
import { getDb, type Tx } from "../db";
import { loadClaimForUpdate } from "../claim/claim-transition";
import { addEvidenceStep, assertEvidenceEditable, assertReviewerCanWork, type StoredEvidenceFile } from "../evidence";
import { idempotentReplay } from "../idempotency";
import { runExtractionTask } from "../extraction-pool/run-task";
import { withPoolSlot } from "../extraction-pool/user-slots";
import { fetchPublicDocument, refusalBeforeFetch, type FetchedDocument } from "../fetch-url";
import { logger } from "../logger";
import { visibleClaimsWhere, visibleEvidenceWhere, type Actor } from "../permissions";
import { inTransaction } from "../transaction";
import { receiveEvidenceFile } from "./evidence-file";
import { readStoredFile, sha256Hex, storeFile } from "./file-store";
import { responseWarc } from "./warc";

/** Archive states of a piece of evidence (Evidence.archiveStatus; null = never tried). */
export type ArchiveStatus = "ARCHIVED" | "FAILED" | "CHANGED" | "GONE";

/** Whose share of the worker pool the scheduled recheck's page reading takes (not a user id). */
const RECHECK_POOL_USER = "system:evidence-recheck";

/** A recheck diff longer than this (code units) is cut, with a note. */
const MAX_DIFF_CHARS = 20_000;

/**
 * The readable text of a fetched source: the article text of an HTML page (readability, run in the
 * extraction pool with its depth, size and time limits, never on the request thread), else the text
 * itself. A page the pool refuses or finds no article in keeps its text with the tags stripped.
 */
async function readableText(doc: FetchedDocument, poolUser: string): Promise<string> {
  if (doc.contentType === "text/html" || doc.contentType === "application/xhtml+xml") {
    // In `poolUser`'s share of the pool (user-slots.ts), like an article's preview: one reviewer adding
    // many hostile sources at once cannot hold every thread. A refused share fails the capture.
    const text = await withPoolSlot(poolUser, "analysis", () => runExtractionTask("readHtml", { html: doc.body })).then(
      (readable) => readable.text.trim(),
      (error: unknown) => {
        if (!(error instanceof AppError) || error.code === "RATE_LIMITED") throw error;
        return "";
      },
    );
    if (text) return text;
    return doc.body.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
  }
  return doc.body.trim();
}

function reasonOf(error: unknown): string {
  if (error instanceof AppError) return error.message;
  return "The source could not be fetched.";
}

/** What one fetch gives: the readable text, the body's SHA-256 and the stored WARC's, or why it failed. */
type Capture = { ok: true; text: string; sha256: string; warcSha256: string; at: Date } | { ok: false; reason: string; at: Date };

/**
 * Fetches a source through the SSRF-safe fetcher and stores its WARC. Network and file I/O only: it
 * runs outside any transaction. `poolUser` is whose share of the worker pool reading the page takes:
 * the person's id, or RECHECK_POOL_USER for the scheduled recheck.
 */
async function capture(url: string, poolUser: string): Promise<Capture> {
  const at = new Date();
  try {
    const doc = await fetchPublicDocument(url);
    const warcSha256 = await storeFile("warc", await responseWarc(doc, at));
    return { ok: true, text: await readableText(doc, poolUser), sha256: sha256Hex(doc.raw.body), warcSha256, at };
  } catch (error) {
    if (!(error instanceof AppError)) logger.warn({ err: error, url }, "evidence archive fetch failed");
    return { ok: false, reason: reasonOf(error), at };
  }
}

/**
 * Archives a piece of evidence the actor can see: fetches its URL (outside any transaction), stores
 * the raw response as a WARC file, then records the readable text, the body's SHA-256 and the time in
 * one small transaction with an "evidence.archive" audit event. A failed or refused fetch is recorded
 * as FAILED with its reason (the evidence itself is never touched otherwise). The evidence's version
 * is not bumped: archiving changes nothing the reviewer typed. Throws NOT_FOUND for evidence the
 * actor cannot see or that was removed.
 */
export async function archiveEvidence(actor: Actor, evidenceId: string): Promise<{ status: ArchiveStatus; reason?: string }> {
  const db = await getDb();
  const evidence = await db.evidence.findFirst({
    where: { AND: [{ id: evidenceId, deletedAt: null, claim: visibleClaimsWhere(actor) }, visibleEvidenceWhere(actor)] },
    select: { id: true, url: true, claimId: true },
  });
  if (!evidence) throw notFound("evidence");
  if (!evidence.url) throw new AppError("INVALID_TRANSITION", "This evidence is a file with no web address: there is nothing to archive.");
  const { status, reason } = await archiveSeenEvidence(actor, evidence);
  return reason === undefined ? { status } : { status, reason };
}

/**
 * Writes a capture's outcome on the evidence and returns the chain's head, read by the same
 * hand-written statement (the same SQL on SQLite and PostgreSQL) after the chain lock, or trying it
 * (inTransaction's chainLock "first-statement": the row is updated only once the lock is held; a busy
 * lock costs a lock statement and the update again); null when the evidence row is gone.
 */
async function writeArchiveState(tx: Tx, evidenceId: string, result: Capture, updatedAt: Date) {
  const update = (tryLock: ReturnType<typeof auditChainTryLock>) => {
    // With a lock to try, the row is updated only once the lock is held (rows after the chain lock).
    const from = tryLock ? Prisma.sql` FROM ${tryLock.from}` : Prisma.empty;
    const locked = tryLock ? Prisma.sql` AND ${tryLock.locked}` : Prisma.empty;
    return result.ok
      ? tx.$queryRaw<AuditHeadRow[]>`UPDATE "Evidence" SET "archiveStatus" = 'ARCHIVED', "archiveError" = NULL, "snapshotText" = ${result.text}, "snapshotSha256" = ${result.sha256},
        "warcSha256" = ${result.warcSha256}, "fetchedAt" = ${result.at}, "recheckDiff" = NULL, "updatedAt" = ${updatedAt}${from} WHERE "id" = ${evidenceId}${locked} RETURNING ${AUDIT_HEAD_COLUMNS}`
      : tx.$queryRaw<AuditHeadRow[]>`UPDATE "Evidence" SET "archiveStatus" = 'FAILED', "archiveError" = ${result.reason}, "updatedAt" = ${updatedAt}${from} WHERE "id" = ${evidenceId}${locked} RETURNING ${AUDIT_HEAD_COLUMNS}`;
  };
  const tryLock = auditChainTryLock(tx);
  let [row] = await update(tryLock);
  if (tryLock) {
    if (row) auditChainLockSettled(tx, true);
    else {
      // The lock was busy (or the row is gone): wait for the lock, then update under it.
      await lockAuditChain(tx);
      [row] = await update(null);
    }
  }
  return row ?? null;
}

/**
 * archiveEvidence for evidence whose visibility the caller has just established (it created it in
 * this request): no read before the fetch. Returns the status and the evidence row as written (the
 * given row with the archive columns set). Two statements in its transaction: the update (which also
 * reads the chain's head) and the audit event. Throws NOT_FOUND when the evidence row is gone.
 */
async function archiveSeenEvidence<E extends { id: string; url: string; claimId: string }>(actor: Actor, evidence: E) {
  const result = await capture(evidence.url, actor.id);
  const data = result.ok
    ? { archiveStatus: "ARCHIVED", archiveError: null, snapshotText: result.text, snapshotSha256: result.sha256, warcSha256: result.warcSha256, fetchedAt: result.at, recheckDiff: null }
    : { archiveStatus: "FAILED", archiveError: result.reason };
  const row = await inTransaction(async (tx) => {
    const updatedAt = new Date();
    const head = await writeArchiveState(tx, evidence.id, result, updatedAt);
    if (!head) throw notFound("evidence");
    primeAuditChainHead(tx, head);
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "evidence.archive",
      entityType: "Evidence",
      entityId: evidence.id,
      claimId: evidence.claimId,
      after: result.ok ? { status: "ARCHIVED", sha256: result.sha256, warcSha256: result.warcSha256, fetchedAt: result.at.toISOString() } : { status: "FAILED", reason: result.reason },
    });
    return { ...evidence, ...data, updatedAt };
  }, { chainLock: "first-statement" });
  const status: ArchiveStatus = result.ok ? "ARCHIVED" : "FAILED";
  return { status, reason: result.ok ? undefined : result.reason, row };
}

/** A fetch failure that means the source is gone (not a passing outage). */
function isGone(reason: string): boolean {
  return /HTTP (404|410)\b|could not be found/.test(reason);
}

export interface RecheckSummary {
  checked: number;
  unchanged: number;
  changed: number;
  gone: number;
  /** Fetches that failed for another reason (outage, timeout): the evidence is left as it was. */
  failed: number;
}

/**
 * Re-fetches archived sources, least recently checked first, at most `limit` (1–10,000): a source
 * whose readable text differs is marked CHANGED with a unified diff (the `diff` package) against the
 * archived text; one answering 404/410 or no longer resolving is marked GONE; each check is recorded
 * ("evidence.recheck", no actor: a scheduled job). The archived text and WARC stay as first
 * captured. Fetches run one at a time, outside any transaction.
 */
export async function recheckArchivedEvidence(options: { limit?: number; now?: Date } = {}): Promise<RecheckSummary> {
  const limit = Math.min(Math.max(1, Math.floor(options.limit ?? 100)), 10_000);
  const db = await getDb();
  const rows = await db.evidence.findMany({
    // Evidence with no URL (a file only, url "") has no source to fetch again.
    where: { deletedAt: null, url: { not: "" }, archiveStatus: { in: ["ARCHIVED", "CHANGED", "GONE"] }, snapshotText: { not: null } },
    orderBy: [{ recheckedAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
    take: limit,
    select: { id: true, url: true, claimId: true, snapshotText: true, archiveStatus: true },
  });
  const summary: RecheckSummary = { checked: 0, unchanged: 0, changed: 0, gone: 0, failed: 0 };
  for (const row of rows) {
    summary.checked++;
    const result = await capture(row.url, RECHECK_POOL_USER);
    const at = options.now ?? result.at;
    let status: ArchiveStatus;
    let diff: string | null = null;
    if (!result.ok) {
      if (!isGone(result.reason)) {
        summary.failed++;
        await db.evidence.update({ where: { id: row.id }, data: { recheckedAt: at } });
        continue;
      }
      status = "GONE";
      summary.gone++;
    } else if (result.text === row.snapshotText) {
      status = "ARCHIVED";
      summary.unchanged++;
    } else {
      status = "CHANGED";
      summary.changed++;
      diff = createPatch("archived", row.snapshotText ?? "", result.text, "archived", `rechecked ${at.toISOString()}`);
      if (diff.length > MAX_DIFF_CHARS) diff = `${diff.slice(0, MAX_DIFF_CHARS)}\n… (diff cut at ${MAX_DIFF_CHARS.toLocaleString("en-US")} characters)`;
    }
    await inTransaction(async (tx) => {
      await tx.evidence.update({ where: { id: row.id }, data: { archiveStatus: status, recheckedAt: at, recheckDiff: diff } });
      await appendAuditEvent(tx, {
        actorId: null,
        action: "evidence.recheck",
        entityType: "Evidence",
        entityId: row.id,
        claimId: row.claimId,
        before: { status: row.archiveStatus },
        after: { status, ...(result.ok ? { sha256: result.sha256 } : { reason: result.reason }) },
      });
    });
  }
  return summary;
}

/**
 * Adds evidence (its own transaction, lib/server/evidence.ts) and then archives its source, outside
 * any transaction; used by the claim page and the REST API alike. The evidence is saved whatever the
 * fetch gives; an unexpected archiving error is logged and the
 * evidence shows "not archived" with a Retry.
 */
export async function addEvidenceAndArchive(actor: Actor, input: AddEvidenceInput, file?: StoredEvidenceFile) {
  return (await addEvidenceAndArchiveStep(actor, input, file)).evidence;
}

/**
 * addEvidenceAndArchive, also returning the claim's row as the evidence step left it (status and
 * version: the REST API's ETag) and the evidence row as the archive step wrote it (or as the evidence
 * step did, for a source refused before any fetch), without reading either again. Throws what addEvidence throws; a failed archive step is logged, never thrown.
 */
export async function addEvidenceAndArchiveStep(actor: Actor, input: AddEvidenceInput, file?: StoredEvidenceFile) {
  // An address the fetcher refuses without sending anything (a literal private, loopback or reserved
  // IP address) is recorded as a FAILED archive in the evidence's own transaction: the fetch would
  // only repeat the refusal, and a second transaction would record it.
  const refused = input.url ? refusalBeforeFetch(input.url) : null;
  const added = await addEvidenceStep(actor, input, file, refused ?? undefined);
  let evidence = added.evidence;
  // Evidence with no URL (a file only) has nothing to fetch: it stays unarchived (archiveStatus null).
  if (!evidence.url) return { evidence, claim: added.claim };
  // A retried request (same idempotency key) gets the first attempt's evidence back, as it was before
  // its archive step: read its archive state now, and archive it only once.
  if (idempotentReplay()) evidence = (await (await getDb()).evidence.findUnique({ where: { id: evidence.id } })) ?? evidence;
  if (evidence.archiveStatus == null) {
    try {
      evidence = (await archiveSeenEvidence(actor, evidence)).row;
    } catch (error) {
      logger.error({ err: error, evidenceId: evidence.id }, "evidence archive step failed");
    }
  }
  return { evidence, claim: added.claim };
}

/**
 * The claim page's "Add evidence" with a URL, a file or both (issue 16d). The reviewer's rights and
 * the claim's state are checked (read only) before a byte of the file is received; the file (a
 * browser File, at most EVIDENCE_FILE_MAX_BYTES and the server action body limit) is then stored by
 * SHA-256 (receiveEvidenceFile) and recorded on the new evidence in addEvidence's transaction, which
 * checks the rights again. A URL is archived afterwards as in addEvidenceAndArchive. Throws what
 * addEvidence and receiveEvidenceFile throw; no evidence is saved then.
 */
export async function addEvidenceWithFile(actor: Actor, input: AddEvidenceInput, file: File | null) {
  if (!file || file.size === 0) return addEvidenceAndArchive(actor, input);
  await inTransaction(async (tx) => {
    const claim = await loadClaimForUpdate(tx, actor, input.claimId);
    await assertReviewerCanWork(tx, actor, claim);
    assertEvidenceEditable(claim.status);
  });
  const stored = await receiveEvidenceFile(file.stream(), file.name, file.size);
  return addEvidenceAndArchive(actor, input, stored);
}

/**
 * The archived copy of a piece of evidence for someone who can see its claim (blind review rules
 * included): `text` (readable text), `warc` (the stored WARC bytes) or `diff` (the last recheck's
 * diff). Throws NOT_FOUND when the evidence is not on that claim, not visible, or not archived.
 */
export async function readEvidenceArchive(actor: Actor, claimId: string, evidenceId: string, format: "text" | "warc" | "diff") {
  const db = await getDb();
  const row = await db.evidence.findFirst({
    where: { AND: [{ id: evidenceId, claimId, claim: visibleClaimsWhere(actor) }, visibleEvidenceWhere(actor)] },
    select: { id: true, url: true, snapshotText: true, warcSha256: true, recheckDiff: true, fetchedAt: true },
  });
  if (!row || row.snapshotText === null || !row.fetchedAt) throw notFound("archived copy");
  if (format === "warc") {
    const bytes = row.warcSha256 ? await readStoredFile("warc", row.warcSha256) : null;
    if (!bytes) throw notFound("archived copy");
    return { kind: "warc" as const, bytes, filename: `evidence-${row.id}.warc` };
  }
  if (format === "diff") {
    if (!row.recheckDiff) throw notFound("recheck diff");
    return { kind: "text" as const, text: row.recheckDiff };
  }
  return { kind: "text" as const, text: `Archived ${row.fetchedAt.toISOString()} from ${row.url}\n\n${row.snapshotText}` };
}
