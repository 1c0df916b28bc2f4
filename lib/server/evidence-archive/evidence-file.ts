import "server-only";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, rm } from "node:fs/promises";
import { Readable } from "node:stream";
import { fileTypeFromFile } from "file-type";
import { acceptedFileType, refusedTypeMessage, sanitiseFileName, tooLargeMessage, type EvidenceFileType } from "@/lib/domain/evidence-file";
import { AppError, notFound, staleVersion } from "@/lib/domain/errors";
import { readWithin } from "../api-request";
import { appendAuditEvent } from "../audit";
import { env } from "../env";
import { assertEvidenceEditable, assertReviewerCanWork } from "../evidence";
import { visibleClaimsWhere, visibleEvidenceWhere, type Actor } from "../permissions";
import { inTransaction } from "../transaction";
import { getDb } from "../db";
import { storePath, storeTempFile, tempStorePath } from "./file-store";

/** What an upload carries besides its bytes. */
export interface EvidenceFileUpload {
  claimId: string;
  evidenceId: string;
  /** The evidence's version the uploader saw; another change in between is a CONFLICT. */
  expectedVersion: number;
  /** The name the client gave (kept sanitised, never trusted for the type). */
  fileName: string;
  /** The request's Content-Length when declared (bytes), to refuse an oversized body before reading it. */
  declaredLength?: number | null;
  body: ReadableStream<Uint8Array> | null;
}

/** The file recorded on a piece of evidence. */
export interface EvidenceFileInfo {
  sha256: string;
  size: number;
  type: string;
  name: string;
}

/**
 * Streams a request body to a temporary file in the data folder, hashing it (SHA-256) as it goes and
 * stopping as soon as it passes `maxBytes` (PAYLOAD_TOO_LARGE; the partial file is removed). Never
 * holds more than one chunk in memory.
 */
async function receiveToTempFile(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<{ tempPath: string; sha256: string; size: number }> {
  const tempPath = await tempStorePath();
  const handle = await open(tempPath, "wx");
  const hash = createHash("sha256");
  try {
    const size = await readWithin(body, maxBytes, () => new AppError("PAYLOAD_TOO_LARGE", tooLargeMessage(maxBytes)), async (chunk) => {
      hash.update(chunk);
      await handle.write(chunk);
    });
    await handle.close();
    return { tempPath, sha256: hash.digest("hex"), size };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(tempPath, { force: true });
    throw error;
  }
}

/** The first bytes of a file (to describe text and markup that have no magic bytes). */
async function fileHead(filePath: string, bytes = 1024): Promise<Uint8Array> {
  const handle = await open(filePath, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The accepted type of a received file, judged by its content; throws UNSUPPORTED_MEDIA_TYPE naming what it is. */
async function detectAcceptedType(filePath: string): Promise<EvidenceFileType> {
  const detected = await fileTypeFromFile(filePath);
  const accepted = acceptedFileType(detected?.mime);
  if (accepted) return accepted;
  throw new AppError("UNSUPPORTED_MEDIA_TYPE", refusedTypeMessage(detected, await fileHead(filePath)));
}

/** Loads the evidence for an upload and checks the actor may change it now (reviewer of the claim, claim in review). */
async function loadEditableEvidence(actor: Actor, claimId: string, evidenceId: string) {
  const db = await getDb();
  const evidence = await db.evidence.findFirst({
    where: { AND: [{ id: evidenceId, claimId, deletedAt: null, claim: visibleClaimsWhere(actor) }, visibleEvidenceWhere(actor)] },
    include: { claim: true },
  });
  if (!evidence) throw notFound("evidence");
  return evidence;
}

/**
 * Receives one evidence file: streams `body` to a temporary file under the size cap
 * (EVIDENCE_FILE_MAX_BYTES, bytes; a `declaredLength` over it is refused unread), checks the received
 * size against `declaredLength` when given, detects the type from the content (file-type), and stores
 * it once under its SHA-256 in the data folder. Records nothing in the database. Throws VALIDATION
 * (no body, empty, cut short), PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE; no file is left then.
 */
export async function receiveEvidenceFile(body: ReadableStream<Uint8Array> | null, fileName: string, declaredLength: number | null): Promise<EvidenceFileInfo> {
  const maxBytes = env.EVIDENCE_FILE_MAX_BYTES;
  if (declaredLength != null && declaredLength > maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", tooLargeMessage(maxBytes));
  if (!body) throw new AppError("VALIDATION", "Send the file's bytes as the request body.", { fields: { file: ["Choose a file."] } });
  const received = await receiveToTempFile(body, maxBytes);
  let type: EvidenceFileType;
  try {
    if (declaredLength != null && received.size !== declaredLength) {
      throw new AppError("VALIDATION", "The upload was cut short (fewer bytes arrived than announced); nothing was saved. Try again.", { fields: { file: ["Upload incomplete."] } });
    }
    if (received.size === 0) throw new AppError("VALIDATION", "The file is empty.", { fields: { file: ["The file is empty."] } });
    type = await detectAcceptedType(received.tempPath);
  } catch (error) {
    await rm(received.tempPath, { force: true });
    throw error;
  }
  await storeTempFile("file", received.tempPath, received.sha256);
  return { sha256: received.sha256, size: received.size, type: type.mime, name: sanitiseFileName(fileName, type) };
}

/**
 * Attaches (or replaces) the file of a piece of evidence. The same people as for adding evidence (a
 * reviewer of the claim who has not proposed yet, the claim in review) are checked before a byte is
 * read and again in the transaction. The body is streamed to a temporary file (cap:
 * EVIDENCE_FILE_MAX_BYTES, default 20 MiB; a declared Content-Length over it is refused unread), its
 * type is detected from its content (file-type: magic bytes) and must be one of EVIDENCE_FILE_TYPES,
 * then it is stored once under its SHA-256 (rename; identical bytes are not stored twice) and recorded
 * on the evidence (hash, size in bytes, MIME type, sanitised name; version + 1) with an
 * "evidence.file" audit event, in one small transaction. Throws NOT_FOUND, FORBIDDEN,
 * INVALID_TRANSITION, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, VALIDATION (no body), CONFLICT (the
 * evidence changed since `expectedVersion`); nothing is recorded then.
 */
export async function attachEvidenceFile(actor: Actor, upload: EvidenceFileUpload): Promise<EvidenceFileInfo & { version: number }> {
  const maxBytes = env.EVIDENCE_FILE_MAX_BYTES;
  const before = await loadEditableEvidence(actor, upload.claimId, upload.evidenceId);
  // A plain read before any byte is received (no transaction, no chain lock); re-checked when writing.
  await assertReviewerCanWork(await getDb(), actor, before.claim);
  assertEvidenceEditable(before.claim.status);
  if (before.version !== upload.expectedVersion) throw staleVersion("evidence");
  if (upload.declaredLength != null && upload.declaredLength > maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", tooLargeMessage(maxBytes));
  const info = await receiveEvidenceFile(upload.body, upload.fileName, upload.declaredLength ?? null);
  return inTransaction(async (tx) => {
    const evidence = await tx.evidence.findFirst({ where: { id: before.id, deletedAt: null }, include: { claim: true } });
    if (!evidence) throw notFound("evidence");
    await assertReviewerCanWork(tx, actor, evidence.claim);
    assertEvidenceEditable(evidence.claim.status);
    const result = await tx.evidence.updateMany({
      where: { id: evidence.id, version: upload.expectedVersion, deletedAt: null },
      data: { fileSha256: info.sha256, fileSize: info.size, fileType: info.type, fileName: info.name, version: { increment: 1 } },
    });
    if (result.count !== 1) throw staleVersion("evidence");
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "evidence.file",
      entityType: "Evidence",
      entityId: evidence.id,
      entityVersion: upload.expectedVersion + 1,
      claimId: evidence.claimId,
      before: evidence.fileSha256 ? { sha256: evidence.fileSha256, size: evidence.fileSize, type: evidence.fileType, name: evidence.fileName } : null,
      after: { ...info },
    });
    return { ...info, version: upload.expectedVersion + 1 };
  });
}

/**
 * The file of a piece of evidence for someone who can see its claim (blind double review rules
 * included): a stream of the stored bytes with its size, accepted MIME type and sanitised name.
 * Throws NOT_FOUND when the evidence is not on that claim, not visible, has no file, or the file is
 * missing from the data folder.
 */
export async function readEvidenceFile(actor: Actor, claimId: string, evidenceId: string) {
  const db = await getDb();
  const row = await db.evidence.findFirst({
    where: { AND: [{ id: evidenceId, claimId, claim: visibleClaimsWhere(actor) }, visibleEvidenceWhere(actor)] },
    select: { fileSha256: true, fileSize: true, fileType: true, fileName: true },
  });
  const type = acceptedFileType(row?.fileType ?? undefined);
  if (!row?.fileSha256 || row.fileSize === null || !type) throw notFound("evidence file");
  const filePath = storePath("file", row.fileSha256);
  const handle = await open(filePath, "r").catch(() => null);
  if (!handle) throw notFound("evidence file");
  await handle.close();
  const stream = Readable.toWeb(createReadStream(filePath)) as ReadableStream<Uint8Array>;
  return { stream, size: row.fileSize, type, name: row.fileName ?? `evidence.${type.ext}`, sha256: row.fileSha256 };
}
