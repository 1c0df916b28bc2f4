import "server-only";
import {
  CHAIN_START,
  compareWithCheckpoint,
  GENESIS_HASH,
  hashAuditEvent,
  hmacAuditEvent,
  KEYED_ALGORITHM,
  verifyChainBatch,
  type ChainCheck,
  type SignedAuditCheckpoint,
} from "@/lib/domain/audit-chain";
import { auditKey, checkpointFilePath, scanCheckpoints } from "./audit-checkpoint";
import { currentTokenOrigin } from "./audit-context";
import { Prisma } from "@/lib/generated/sqlite/client";
import { getDb, provider, type Db, type Tx } from "./db";

export interface AuditInput {
  actorId: string | null;
  action: string;
  entityType: "Claim" | "Evidence" | "Verdict" | "Comment" | "Article" | "User" | "Setting" | "ApiToken" | "Story";
  entityId: string;
  entityVersion?: number | null;
  claimId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Arbitrary lock key shared by every writer of the audit chain (PostgreSQL advisory lock). */
const AUDIT_CHAIN_LOCK = 734_201;

function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/**
 * Takes the audit chain's lock for the rest of the transaction (PostgreSQL; SQLite has one writer
 * anyway). Every business step takes it first (lib/server/transaction.ts): a step that locked a claim
 * row before waiting for this lock could deadlock with a bulk step holding it. Re-taking it in the
 * same transaction is free.
 */
export async function lockAuditChain(tx: Tx): Promise<void> {
  const state = chainState(tx);
  if (provider === "postgresql" && !state.locked) {
    await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})::text AS locked`);
  }
  state.locked = true;
}

/**
 * Lets the step's first statement try to take the chain lock (inTransaction's `chainLock:
 * "first-statement"`, PostgreSQL): when the lock is free — the usual case — no lock statement is sent
 * on its own. Only for steps whose first statement locks no row (a SELECT) or updates its row only
 * once it holds the lock (auditChainTryLock's `locked` condition in an UPDATE). That statement's
 * snapshot may predate the lock, so what it read is checked afterwards: the events' INSERT verifies
 * that the head it read is still the head (insertAuditRowsAfterCheckedHead) — nobody appended, so
 * nobody changed anything, in between — and any failure of the step reruns it with the lock first.
 */
export function armAuditChainLockInStatement(tx: Tx): void {
  const state = chainState(tx);
  if (provider === "postgresql" && !state.locked) state.lockInStatement = "armed";
}

/**
 * The SQL for a step's first statement to try the chain lock (armAuditChainLockInStatement), or null
 * when this transaction does not (SQLite, lock already held, not armed): `from` is a one-row subquery
 * `(SELECT pg_try_advisory_xact_lock(…) AS "auditLocked") AS "auditChainLock"` to add to the FROM list,
 * `locked` its column. The caller hands the column's value to auditChainLockSettled.
 */
export function auditChainTryLock(tx: Tx): { from: Prisma.Sql; locked: Prisma.Sql } | null {
  const state = chainState(tx);
  if (state.lockInStatement !== "armed" || state.locked) return null;
  state.lockInStatement = null;
  return {
    from: Prisma.sql`(SELECT pg_try_advisory_xact_lock(${Prisma.raw(String(AUDIT_CHAIN_LOCK))}) AS "auditLocked") AS "auditChainLock"`,
    locked: Prisma.sql`"auditChainLock"."auditLocked"`,
  };
}

/**
 * Records what auditChainTryLock's statement got: true when it took the lock (the head it read is then
 * checked by the events' INSERT); false when the lock was busy (or the statement found no row), and
 * the caller takes the lock as usual (lockAuditChain) and reads again.
 */
export function auditChainLockSettled(tx: Tx, locked: boolean | null | undefined): boolean {
  const state = chainState(tx);
  if (locked !== true) return false;
  state.locked = true;
  state.lockInStatement = "taken";
  return true;
}

/** A chain link: an event's id and hash (id 0 and GENESIS_HASH before the first event). */
export interface AuditChainLink {
  id: number;
  hash: string;
}

/** One event's columns as appendAuditEvent computed them, waiting for the transaction's one INSERT. */
type PendingAuditRow = ReturnType<typeof auditRow>;

/**
 * What one transaction knows of the chain: whether it holds the lock, the head it read under the
 * lock (`before`), the head after its own appends and how many it appended. Kept per transaction
 * object, so a step reads the chain's head once however many events it appends (it holds the lock,
 * so nobody else appends meanwhile), and the checkpoint after the commit needs no read (see
 * auditChainProgress). In a deferring transaction (inTransaction, see deferAuditWrites) the events
 * wait in `pending` and are written together by flushAuditEvents just before the commit.
 */
interface ChainState {
  locked: boolean;
  /**
   * PostgreSQL, a step run by inTransaction with `chainLock: "first-statement"`: the lock is not sent
   * on its own but taken by the step's first statement (auditChainLockJoin / auditChainLockFrom).
   */
  lockInStatement: "armed" | "taken" | null;
  /**
   * The head was read by the statement that took the lock, whose snapshot may predate the lock: the
   * INSERT of the events checks it is still the head (see insertAuditRows).
   */
  verifyHead: boolean;
  before?: AuditChainLink;
  head?: AuditChainLink;
  appended: number;
  deferred: boolean;
  pending: PendingAuditRow[];
}
const chainStates = new WeakMap<object, ChainState>();

function chainState(tx: Tx): ChainState {
  let state = chainStates.get(tx);
  if (!state) chainStates.set(tx, (state = { locked: false, lockInStatement: null, verifyHead: false, appended: 0, deferred: false, pending: [] }));
  return state;
}

/**
 * The chain's head before and after a transaction's appends and how many it appended, or null when
 * it appended none. Read after the commit by lib/server/transaction.ts for the signed checkpoint.
 */
export function auditChainProgress(tx: Tx): { before: AuditChainLink; head: AuditChainLink; appended: number } | null {
  const state = chainStates.get(tx);
  return state?.before && state.head && state.appended > 0 ? { before: state.before, head: state.head, appended: state.appended } : null;
}

/**
 * SQL select-list columns `"auditHeadId"`, `"auditHeadHash"`: the chain's newest event (null, null
 * when the chain is empty). A step's first read adds them to its own statement and hands the row to
 * primeAuditChainHead, which spares appendAuditEvent its read of the head. Only valid in a statement
 * sent after lockAuditChain in the same transaction (inTransaction takes the lock first).
 */
export const AUDIT_HEAD_COLUMNS = Prisma.sql`(SELECT "id" FROM "AuditEvent" ORDER BY "id" DESC LIMIT 1) AS "auditHeadId", (SELECT "hash" FROM "AuditEvent" ORDER BY "id" DESC LIMIT 1) AS "auditHeadHash"`;

/** The two columns of AUDIT_HEAD_COLUMNS as a row brings them (ids as number or bigint by dialect). */
export interface AuditHeadRow {
  auditHeadId: number | bigint | null;
  auditHeadHash: string | null;
}

/**
 * Records the chain's head read by a statement of this transaction with AUDIT_HEAD_COLUMNS (after the
 * chain lock), unless the transaction already knows it; ignored in a transaction without the lock.
 */
export function primeAuditChainHead(tx: Tx, row: AuditHeadRow): void {
  const state = chainState(tx);
  if (state.head || !state.locked) return;
  if (state.lockInStatement === "taken") state.verifyHead = true;
  state.before = state.head = row.auditHeadId == null || row.auditHeadHash == null ? { id: 0, hash: GENESIS_HASH } : { id: Number(row.auditHeadId), hash: row.auditHeadHash };
}

/**
 * Makes appendAuditEvent keep this transaction's events in memory and flushAuditEvents write them in
 * one multi-row INSERT (inTransaction: deferred from the start, flushed before the commit). Events
 * appended in the transaction are then not readable by its own later statements (no step reads its
 * own events back).
 */
export function deferAuditWrites(tx: Tx): void {
  chainState(tx).deferred = true;
}

async function readChainHead(tx: Tx, state: ChainState): Promise<AuditChainLink> {
  if (!state.head) {
    const [last] = await tx.$queryRaw<{ id: number | bigint; hash: string }[]>`SELECT "id", "hash" FROM "AuditEvent" ORDER BY "id" DESC LIMIT 1`;
    state.before = state.head = last ? { id: Number(last.id), hash: last.hash } : { id: 0, hash: GENESIS_HASH };
  }
  return state.head;
}

/** The event's columns, with its link to `prevHash` (HMAC-SHA256 with AUDIT_KEY, else legacy SHA-256). */
function auditRow(input: AuditInput, prevHash: string) {
  const origin = currentTokenOrigin();
  const content = {
    at: new Date(),
    actorId: input.actorId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    entityVersion: input.entityVersion ?? null,
    claimId: input.claimId ?? null,
    before: toJson(input.before),
    after: toJson(input.after),
    tokenId: origin?.tokenId ?? null,
    tokenCreatorId: origin?.tokenCreatorId ?? null,
  };
  const key = auditKey();
  const hash = key ? hmacAuditEvent(key, prevHash, content) : hashAuditEvent(prevHash, content);
  return { ...content, prevHash, hash, hashAlgorithm: key ? KEYED_ALGORITHM : null };
}

/**
 * Writes `rows` (linked in order) in one INSERT and returns their ids in order. Hand-written SQL (the
 * same on SQLite and PostgreSQL): Prisma's createMany returns no ids on SQLite, and one create per row
 * costs a statement each.
 */
async function insertAuditRows(tx: Tx, rows: readonly PendingAuditRow[], verifyHead = false): Promise<number[]> {
  if (verifyHead) return insertAuditRowsAfterCheckedHead(tx, rows);
  const values = rows.map(
    (r) =>
      Prisma.sql`(${r.at}, ${r.actorId}, ${r.action}, ${r.entityType}, ${r.entityId}, ${r.entityVersion}, ${r.claimId}, ${r.before}, ${r.after}, ${r.tokenId}, ${r.tokenCreatorId}, ${r.prevHash}, ${r.hash}, ${r.hashAlgorithm})`,
  );
  const created = await tx.$queryRaw<{ id: number | bigint }[]>`INSERT INTO "AuditEvent" ("at", "actorId", "action", "entityType", "entityId", "entityVersion", "claimId", "before", "after", "tokenId", "tokenCreatorId", "prevHash", "hash", "hashAlgorithm") VALUES ${Prisma.join(values)} RETURNING "id"`;
  return created.map((c) => Number(c.id)).sort((a, b) => a - b);
}

/**
 * insertAuditRows when the head was read by the lock-taking statement (PostgreSQL, see
 * armAuditChainLockInStatement): the INSERT writes the rows only if the first one's prevHash is still
 * the chain's head — under the lock, this statement sees every committed event — and otherwise writes
 * nothing (no id drawn from the sequence, so no gap) and the step fails, to run again with the lock
 * first (inTransaction). Columns are typed as the table's (timestamp(3), integer, text).
 */
async function insertAuditRowsAfterCheckedHead(tx: Tx, rows: readonly PendingAuditRow[]): Promise<number[]> {
  const values = rows.map(
    (r) =>
      Prisma.sql`(${r.at}::timestamp(3), ${r.actorId}::text, ${r.action}::text, ${r.entityType}::text, ${r.entityId}::text, ${r.entityVersion}::integer, ${r.claimId}::text, ${r.before}::text, ${r.after}::text, ${r.tokenId}::text, ${r.tokenCreatorId}::text, ${r.prevHash}::text, ${r.hash}::text, ${r.hashAlgorithm}::text)`,
  );
  const expected = rows[0]!.prevHash;
  const created = await tx.$queryRaw<{ id: number | bigint }[]>`INSERT INTO "AuditEvent" ("at", "actorId", "action", "entityType", "entityId", "entityVersion", "claimId", "before", "after", "tokenId", "tokenCreatorId", "prevHash", "hash", "hashAlgorithm")
    SELECT * FROM (VALUES ${Prisma.join(values)}) AS "event"
    WHERE COALESCE((SELECT "hash" FROM "AuditEvent" ORDER BY "id" DESC LIMIT 1), ${GENESIS_HASH}::text) = ${expected}::text
    RETURNING "id"`;
  if (created.length !== rows.length) throw new Error("The audit chain moved before this step took its lock; the step runs again with the lock first.");
  return created.map((c) => Number(c.id)).sort((a, b) => a - b);
}

/**
 * Appends one event to the hash chain inside the caller's transaction, so the change and its record
 * commit or roll back together. Writers are serialised (SQLite: one writer; PostgreSQL: an advisory
 * transaction lock) so the chain never forks. With AUDIT_KEY the link is an HMAC-SHA256 (keyed);
 * without it a legacy SHA-256 link. A step done through an API token (lib/server/audit-context.ts)
 * records the token and the human who created it, both covered by the keyed link. The chain's head
 * is read once per transaction (ChainState; or primed by the step's first read); later appends link
 * to the event appended before. In a deferring transaction (deferAuditWrites) the row is written by
 * flushAuditEvents, otherwise at once.
 */
export async function appendAuditEvent(tx: Tx, input: AuditInput): Promise<void> {
  await lockAuditChain(tx);
  const state = chainState(tx);
  const head = await readChainHead(tx, state);
  const row = auditRow(input, state.pending.at(-1)?.hash ?? head.hash);
  if (state.deferred) {
    state.pending.push(row);
    return;
  }
  const [id] = await insertAuditRows(tx, [row], state.verifyHead);
  state.verifyHead = false;
  state.head = { id: id!, hash: row.hash };
  state.appended++;
}

const AUDIT_INSERT_BATCH = 500;

/**
 * Writes the events a deferring transaction appended (one statement per 500 events, none when it appended none) and
 * moves the transaction's head past them. inTransaction calls it after the step's work, before the
 * commit.
 */
export async function flushAuditEvents(tx: Tx): Promise<void> {
  const state = chainState(tx);
  if (state.pending.length === 0) return;
  const rows = state.pending;
  state.pending = [];
  // 14 bound values a row: 500 rows stay far below SQLite's and PostgreSQL's caps on bound values.
  for (let i = 0; i < rows.length; i += AUDIT_INSERT_BATCH) {
    const batch = rows.slice(i, i + AUDIT_INSERT_BATCH);
    const ids = await insertAuditRows(tx, batch, state.verifyHead);
    state.verifyHead = false;
    state.head = { id: ids.at(-1)!, hash: batch.at(-1)!.hash };
    state.appended += batch.length;
  }
}

/**
 * Appends several events to the hash chain, chained in the order given exactly as that many
 * appendAuditEvent calls would chain them, in one multi-row INSERT per 500 events (or, in a deferring
 * transaction, kept for flushAuditEvents like single appends). Same lock, key and token origin as
 * appendAuditEvent.
 */
export async function appendAuditEvents(tx: Tx, inputs: readonly AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await lockAuditChain(tx);
  const state = chainState(tx);
  const head = await readChainHead(tx, state);
  let prevHash = state.pending.at(-1)?.hash ?? head.hash;
  const rows = inputs.map((input) => {
    const row = auditRow(input, prevHash);
    prevHash = row.hash;
    return row;
  });
  if (state.deferred) {
    state.pending.push(...rows);
    return;
  }
  for (let i = 0; i < rows.length; i += AUDIT_INSERT_BATCH) {
    const batch = rows.slice(i, i + AUDIT_INSERT_BATCH);
    const ids = await insertAuditRows(tx, batch, state.verifyHead);
    state.verifyHead = false;
    state.head = { id: ids.at(-1)!, hash: batch.at(-1)!.hash };
    state.appended += batch.length;
  }
}

export type AuditVerification =
  | (Extract<ChainCheck, { ok: true }> & { checkpoint: SignedAuditCheckpoint | null; checkpointFile: string; uncovered: number })
  | (Extract<ChainCheck, { ok: false }> & { checkpointFile: string });

/**
 * Walks the whole chain in id order, in batches (constant memory), checking every link (keyed links
 * with AUDIT_KEY), then compares the chain with the newest signed checkpoint of the checkpoint file:
 * fewer events than it recorded (rows deleted at the end, a wiped table) or another hash at its event
 * (a rewritten chain) is reported like a broken link (brokenAtId = the checkpoint's last id). A
 * checkpoint line not signed with the key, or keyed events without any checkpoint file, are reported
 * too. `uncovered` = events after the newest checkpoint (written by a step whose checkpoint failed).
 */
export async function verifyAuditChain(
  dbArg?: Db,
  batchSize = 1000,
  options: { key?: string | null; checkpointFile?: string } = {},
): Promise<AuditVerification> {
  const db = dbArg ?? (await getDb());
  const key = options.key === undefined ? auditKey() : options.key;
  const checkpointFile = options.checkpointFile ?? checkpointFilePath();
  const scan = key ? await scanCheckpoints(key, checkpointFile) : null;
  if (scan && scan.badLines.length > 0) {
    return { ok: false, checked: 0, brokenAtId: 0, checkpointFile, reason: `checkpoint file line(s) ${scan.badLines.join(", ")} are not signed with AUDIT_KEY (forged, corrupt or from another key)` };
  }
  const checkpoint = scan?.newest ?? null;
  let state = CHAIN_START;
  let afterId = 0;
  let seen: { position: number; hash: string } | undefined;
  for (;;) {
    const batch = await db.auditEvent.findMany({ where: { id: { gt: afterId } }, orderBy: { id: "asc" }, take: batchSize });
    if (batch.length === 0) break;
    const result = verifyChainBatch(batch, state, key);
    if (!result.ok) return { ...result, checkpointFile };
    if (checkpoint) {
      const index = batch.findIndex((e) => e.id === checkpoint.lastId);
      if (index >= 0) seen = { position: state.checked + index + 1, hash: batch[index]!.hash };
    }
    state = result;
    afterId = batch[batch.length - 1]!.id;
  }
  if (checkpoint) {
    const problem = compareWithCheckpoint(checkpoint, { count: state.checked, seen });
    if (problem) return { ok: false, checked: state.checked, brokenAtId: checkpoint.lastId, reason: problem, checkpointFile };
  } else if (key && state.checked > state.legacy) {
    return { ok: false, checked: state.checked, brokenAtId: 0, reason: `no signed checkpoint found in ${checkpointFile}, so a cut-short log cannot be ruled out`, checkpointFile };
  }
  const uncovered = checkpoint ? state.checked - checkpoint.count : state.checked;
  return { ok: true, ...state, checkpoint, checkpointFile, uncovered };
}
