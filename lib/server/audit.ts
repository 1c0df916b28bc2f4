import "server-only";
import { GENESIS_HASH, hashAuditEvent, verifyChainBatch, type ChainCheck } from "@/lib/domain/audit-chain";
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
  if (provider === "postgresql") {
    await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})::text AS locked`);
  }
}

/**
 * Appends one event to the hash chain inside the caller's transaction, so the change and its record
 * commit or roll back together. Writers are serialised (SQLite: one writer; PostgreSQL: an advisory
 * transaction lock) so the chain never forks.
 */
export async function appendAuditEvent(tx: Tx, input: AuditInput): Promise<void> {
  await lockAuditChain(tx);
  const last = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
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
  };
  await tx.auditEvent.create({ data: { ...content, prevHash, hash: hashAuditEvent(prevHash, content) } });
}

/** Walks the whole chain in id order, in batches, and reports the first broken link. */
export async function verifyAuditChain(dbArg?: Db, batchSize = 1000): Promise<ChainCheck> {
  const db = dbArg ?? (await getDb());
  let state = { lastHash: GENESIS_HASH, checked: 0 };
  let afterId = 0;
  for (;;) {
    const batch = await db.auditEvent.findMany({ where: { id: { gt: afterId } }, orderBy: { id: "asc" }, take: batchSize });
    if (batch.length === 0) return { ok: true, ...state };
    const result = verifyChainBatch(batch, state);
    if (!result.ok) return result;
    state = { lastHash: result.lastHash, checked: result.checked };
    afterId = batch[batch.length - 1]!.id;
  }
}
