import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { Prisma, type Evidence, type Verdict } from "@/lib/generated/sqlite/client";
import { provider, type Tx } from "./db";

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
  /** Why its source cannot be archived, known before any fetch: the row starts with archive state FAILED and this reason. */
  archiveRefused?: string;
}

/** Inserts one Evidence row (version 1, sourceType OTHER, not archived unless refused) and returns it; one statement. */
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
    archiveStatus: input.archiveRefused === undefined ? null : "FAILED",
    archiveError: input.archiveRefused ?? null,
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
  await tx.$executeRaw`INSERT INTO "Evidence" ("id", "claimId", "url", "title", "publisher", "quote", "stance", "sourceType", "addedById", "fileSha256", "fileSize", "fileType", "fileName", "archiveStatus", "archiveError", "version", "createdAt", "updatedAt")
    VALUES (${row.id}, ${row.claimId}, ${row.url}, ${row.title}, ${row.publisher}, ${row.quote}, ${row.stance}, ${row.sourceType}, ${row.addedById}, ${row.fileSha256}, ${row.fileSize}, ${row.fileType}, ${row.fileName}, ${row.archiveStatus}, ${row.archiveError}, ${row.version}, ${row.createdAt}, ${row.updatedAt})`;
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

let claimIdCounter = 0;

/**
 * A new Claim (or Article) primary key laid out like Prisma's `cuid()` default (25 characters): "c", the time in
 * milliseconds in base 36, a 4-digit base-36 counter of this process, then 12 random base-36
 * characters from the CSPRNG. Claims must keep sorting by creation time through their ids (the
 * match index reads each key's newest claims by id; reports page in creation order by id): ids made
 * here and by Prisma share the time prefix, so they interleave in creation order to the millisecond.
 */
export function newClaimId(now = Date.now()): string {
  claimIdCounter = (claimIdCounter + 1) % 36 ** 4;
  const random = randomBytes(12);
  let tail = "";
  for (const byte of random) tail += (byte % 36).toString(36);
  return `c${now.toString(36)}${claimIdCounter.toString(36).padStart(4, "0")}${tail}`;
}

/** The columns of a new claim as createAnchoredClaims (lib/server/claim/create-anchored-claims.ts) computes them. */
export interface NewClaimRow {
  articleId: string;
  text: string;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
  checkworthiness: number;
  kind: string;
  reasons: string;
  searchText: string;
  origin: string;
  status: string;
  claimant: string | null;
  claimantKind: string | null;
  claimantSearch: string;
  matchFeatures: string | null;
  matchIndexed: boolean;
}

/** 21 bound values a row: 45 rows (945 values) stay under 999, SQLite's historical cap on bound parameters. */
export const CLAIM_ROWS_PER_INSERT = 45;

/**
 * Inserts new claims (version 1, unassigned, in no cluster) with one multi-row INSERT per
 * CLAIM_ROWS_PER_INSERT rows and returns their ids in the order given. Through Prisma's
 * `createManyAndReturn`, an import's 40 claims cost ~50 ms of request-thread CPU in its query
 * compiler (measured on the bench's 1k desk, machine load 7 on 2 cores) inside the write
 * transaction; this costs a few. Search columns are kept by the database (SQLite trigger
 * Claim_search_insert, PostgreSQL generated searchVector) as for any insert.
 */
export async function insertClaims(tx: Tx, rows: readonly NewClaimRow[], now = new Date()): Promise<string[]> {
  const ids = rows.map(() => newClaimId(now.getTime()));
  // Booleans as the column stores them: 0/1 on SQLite, true/false on PostgreSQL.
  const bool = (value: boolean) => (provider === "postgresql" ? value : value ? 1 : 0);
  for (let i = 0; i < rows.length; i += CLAIM_ROWS_PER_INSERT) {
    const values = rows.slice(i, i + CLAIM_ROWS_PER_INSERT).map(
      (r, j) =>
        Prisma.sql`(${ids[i + j]}, ${r.articleId}, ${r.text}, ${r.start}, ${r.end}, ${r.quote}, ${r.prefix}, ${r.suffix}, ${r.checkworthiness}, ${r.kind}, ${r.reasons}, ${r.status}, ${r.origin}, ${r.searchText}, ${r.claimant}, ${r.claimantKind}, ${r.claimantSearch}, ${r.matchFeatures}, ${bool(r.matchIndexed)}, ${now}, ${now})`,
    );
    await tx.$executeRaw`INSERT INTO "Claim" ("id", "articleId", "text", "start", "end", "quote", "prefix", "suffix", "checkworthiness", "kind", "reasons", "status", "origin", "searchText", "claimant", "claimantKind", "claimantSearch", "matchFeatures", "matchIndexed", "createdAt", "updatedAt") VALUES ${Prisma.join(values)}`;
  }
  return ids;
}

/** The columns of an imported article; importedAt is the time of the insert. */
export interface NewArticleRow {
  title: string;
  outlet: string;
  author: string | null;
  url: string | null;
  publishedAt: Date | null;
  text: string;
  contentHash: string;
  importedById: string;
  /** JSON array of the text's named entities (Article.entities) */
  entities: string;
}

/**
 * Inserts one Article row and returns its id (cuid-shaped, time-ordered: newClaimId); one statement.
 * Prisma's `article.create` compiled a plan on the request thread inside the import's write
 * transaction (1–3 ms of CPU, more under load). A duplicate contentHash fails as the unique index says.
 */
export async function insertArticle(tx: Tx, row: NewArticleRow, now = new Date()): Promise<string> {
  const id = newClaimId(now.getTime());
  await tx.$executeRaw`INSERT INTO "Article" ("id", "title", "outlet", "author", "url", "publishedAt", "text", "contentHash", "importedById", "importedAt", "entities")
    VALUES (${id}, ${row.title}, ${row.outlet}, ${row.author}, ${row.url}, ${row.publishedAt}, ${row.text}, ${row.contentHash}, ${row.importedById}, ${now}, ${row.entities})`;
  return id;
}
