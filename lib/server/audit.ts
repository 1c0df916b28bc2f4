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
import { getDb, provider, type Db, type Tx } from "./db";

export interface AuditInput {
  actorId: string | null;
  action: string;
  entityType: "Claim" | "Evidence" | "Verdict" | "Comment" | "Article" | "User" | "Setting" | "ApiToken";
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

/** A chain link: an event's id and hash (id 0 and GENESIS_HASH before the first event). */
export interface AuditChainLink {
  id: number;
  hash: string;
}

/**
 * What one transaction knows of the chain: whether it holds the lock, the head it read under the
 * lock (`before`), the head after its own appends and how many it appended. Kept per transaction
 * object, so a step reads the chain's head once however many events it appends (it holds the lock,
 * so nobody else appends meanwhile), and the checkpoint after the commit needs no read (see
 * auditChainProgress).
 */
interface ChainState {
  locked: boolean;
  before?: AuditChainLink;
  head?: AuditChainLink;
  appended: number;
}
const chainStates = new WeakMap<object, ChainState>();

function chainState(tx: Tx): ChainState {
  let state = chainStates.get(tx);
  if (!state) chainStates.set(tx, (state = { locked: false, appended: 0 }));
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
 * Appends one event to the hash chain inside the caller's transaction, so the change and its record
 * commit or roll back together. Writers are serialised (SQLite: one writer; PostgreSQL: an advisory
 * transaction lock) so the chain never forks. With AUDIT_KEY the link is an HMAC-SHA256 (keyed);
 * without it a legacy SHA-256 link. A step done through an API token (lib/server/audit-context.ts)
 * records the token and the human who created it, both covered by the keyed link. The chain's head
 * is read once per transaction (ChainState); later appends link to the event appended before.
 */
export async function appendAuditEvent(tx: Tx, input: AuditInput): Promise<void> {
  const state = await lockedChainHead(tx);
  const [row] = chainedRows(state.head!.hash, [input]);
  const created = await tx.auditEvent.create({ data: row!, select: { id: true } });
  state.head = { id: created.id, hash: row!.hash };
  state.appended++;
}

/** Takes the chain's lock and reads its head once per transaction (see ChainState). */
async function lockedChainHead(tx: Tx): Promise<ChainState> {
  await lockAuditChain(tx);
  const state = chainState(tx);
  if (!state.head) {
    const last = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true } });
    state.before = state.head = last ?? { id: 0, hash: GENESIS_HASH };
  }
  return state;
}

/** The AuditEvent rows of `inputs`, each linked to the one before (the first to `prevHash`). */
function chainedRows(prevHash: string, inputs: readonly AuditInput[]) {
  const origin = currentTokenOrigin();
  const key = auditKey();
  const at = new Date();
  return inputs.map((input) => {
    const content = {
      at,
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
    const hash = key ? hmacAuditEvent(key, prevHash, content) : hashAuditEvent(prevHash, content);
    const row = { ...content, prevHash, hash, hashAlgorithm: key ? KEYED_ALGORITHM : null };
    prevHash = hash;
    return row;
  });
}

/**
 * Appends several events to the hash chain in one multi-row INSERT (RETURNING their ids), chained in
 * the order given, exactly as that many appendAuditEvent calls would chain them; one statement for
 * the rows instead of one per event (Prisma may split a very long list by its bound-parameter limit,
 * in order). Same lock, key and token origin as appendAuditEvent.
 */
export async function appendAuditEvents(tx: Tx, inputs: readonly AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  if (inputs.length === 1) return appendAuditEvent(tx, inputs[0]!);
  const state = await lockedChainHead(tx);
  const rows = chainedRows(state.head!.hash, inputs);
  const created = await tx.auditEvent.createManyAndReturn({ data: rows, select: { id: true } });
  state.head = { id: Math.max(...created.map((c) => c.id)), hash: rows.at(-1)!.hash };
  state.appended += rows.length;
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
