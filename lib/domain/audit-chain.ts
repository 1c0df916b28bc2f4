/**
 * The audit log is a hash chain: each event's hash covers its content and the previous hash, so any
 * edit, deletion or reordering of stored events breaks verification from that point on.
 */
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditEventContent {
  at: Date;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  entityVersion: number | null;
  claimId: string | null;
  before: string | null;
  after: string | null;
}

export function hashAuditEvent(prevHash: string, e: AuditEventContent): string {
  const canonical = JSON.stringify([
    prevHash,
    e.at.toISOString(),
    e.actorId,
    e.action,
    e.entityType,
    e.entityId,
    e.entityVersion,
    e.claimId,
    e.before,
    e.after,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

export type ChainCheck =
  | { ok: true; checked: number; lastHash: string }
  | { ok: false; checked: number; brokenAtId: number; reason: string };

/**
 * Verifies events in id order, continuing from `state` so a long chain can be checked in batches.
 */
export function verifyChainBatch(
  events: readonly (AuditEventContent & { id: number; prevHash: string; hash: string })[],
  state: { lastHash: string; checked: number },
): ChainCheck {
  let { lastHash, checked } = state;
  for (const event of events) {
    if (event.prevHash !== lastHash) {
      return { ok: false, checked, brokenAtId: event.id, reason: "prevHash does not match the previous event's hash" };
    }
    const expected = hashAuditEvent(event.prevHash, event);
    if (expected !== event.hash) {
      return { ok: false, checked, brokenAtId: event.id, reason: "content does not match its hash" };
    }
    lastHash = event.hash;
    checked++;
  }
  return { ok: true, checked, lastHash };
}
