import "server-only";
import { randomUUID } from "node:crypto";
import type { Evidence, Verdict } from "@/lib/generated/sqlite/client";
import type { Tx } from "./db";

/**
 * Hand-written INSERTs of the rows the REST writes create on every request (issue 13: a Prisma
 * `create` went through Prisma's WebAssembly query compiler and its client-side cuid() default,
 * about 1–3 ms of CPU each against a fraction of that for the statement itself). The same SQL on
 * SQLite and PostgreSQL; the row is returned as Prisma's `create` would, built from what was
 * written, so nothing is read back.
 */

/**
 * A new primary key for Evidence and Verdict rows: node's `crypto.randomUUID()` (RFC 9562 version 4,
 * 122 random bits from the CSPRNG). No package is needed: it ships with node, and it is faster than a
 * hash-based generator such as @paralleldrive/cuid2 (which hashes with SHA-3 per id). These ids are
 * opaque: nothing orders Evidence or Verdict rows by id except as the tie-break after createdAt, so
 * they need not sort by time as Prisma's cuid() ids do; they fit the id rule of the API's inputs
 * (`idSchema`: letters, digits, `-`, `_`, ≤ 64 characters).
 */
export function newRowId(): string {
  return randomUUID();
}

/** The columns a new piece of evidence is given; the others start empty. */
export interface NewEvidence {
  claimId: string;
  url: string;
  title: string;
  publisher: string;
  quote: string;
  stance: string;
  addedById: string;
  file?: { sha256: string; size: number; type: string; name: string };
}

/** Inserts one Evidence row (version 1, sourceType OTHER, not archived) and returns it; one statement. */
export async function insertEvidence(tx: Tx, input: NewEvidence, now = new Date()): Promise<Evidence> {
  const row: Evidence = {
    id: newRowId(),
    claimId: input.claimId,
    url: input.url,
    title: input.title,
    publisher: input.publisher,
    quote: input.quote,
    stance: input.stance,
    sourceType: "OTHER",
    addedById: input.addedById,
    snapshotText: null,
    snapshotSha256: null,
    fetchedAt: null,
    archiveStatus: null,
    archiveError: null,
    warcSha256: null,
    recheckedAt: null,
    recheckDiff: null,
    fileSha256: input.file?.sha256 ?? null,
    fileSize: input.file?.size ?? null,
    fileType: input.file?.type ?? null,
    fileName: input.file?.name ?? null,
    version: 1,
    deletedAt: null,
    createdAt: now,
    updatedAt: now,
  };
  await tx.$executeRaw`INSERT INTO "Evidence" ("id", "claimId", "url", "title", "publisher", "quote", "stance", "sourceType", "addedById", "fileSha256", "fileSize", "fileType", "fileName", "version", "createdAt", "updatedAt")
    VALUES (${row.id}, ${row.claimId}, ${row.url}, ${row.title}, ${row.publisher}, ${row.quote}, ${row.stance}, ${row.sourceType}, ${row.addedById}, ${row.fileSha256}, ${row.fileSize}, ${row.fileType}, ${row.fileName}, ${row.version}, ${row.createdAt}, ${row.updatedAt})`;
  return row;
}

/** The columns of a newly proposed verdict. */
export interface NewVerdict {
  claimId: string;
  rating: string;
  rationale: string;
  proposedById: string;
}

/** Inserts one Verdict row in state PROPOSED (version 1) and returns it; one statement. */
export async function insertProposedVerdict(tx: Tx, input: NewVerdict, now = new Date()): Promise<Verdict> {
  const row: Verdict = {
    id: newRowId(),
    claimId: input.claimId,
    rating: input.rating,
    rationale: input.rationale,
    proposedById: input.proposedById,
    approvedById: null,
    approvedAt: null,
    publishedAt: null,
    state: "PROPOSED",
    returnReason: null,
    ratingLabel: null,
    ratingColor: null,
    ratingValue: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await tx.$executeRaw`INSERT INTO "Verdict" ("id", "claimId", "rating", "rationale", "proposedById", "state", "version", "createdAt", "updatedAt")
    VALUES (${row.id}, ${row.claimId}, ${row.rating}, ${row.rationale}, ${row.proposedById}, ${row.state}, ${row.version}, ${row.createdAt}, ${row.updatedAt})`;
  return row;
}
