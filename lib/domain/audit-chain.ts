/**
 * The audit log is a hash chain: each event's hash covers its content and the previous hash, so any
 * edit, deletion or reordering of stored events breaks verification from that point on.
 *
 * Since issue 12 the links are keyed: HMAC-SHA256 (RFC 2104) with a key kept outside the database
 * (AUDIT_KEY), so someone who can write to the database cannot recompute the chain after an edit.
 * Events written before a key was configured keep their unkeyed SHA-256 link ("legacy") and are
 * verified as such; once a keyed event exists, an unkeyed one after it is refused. Signed checkpoints
 * (count, last id, head hash, time), stored outside the audit table, catch a chain cut short.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** `hashAlgorithm` of a keyed event; null marks a legacy unkeyed SHA-256 link. */
export const KEYED_ALGORITHM = "hmac-sha256";

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
  /** The API token the step was done through (null for a browser session or a CLI). */
  tokenId?: string | null;
  /** The human who created that token: the four-eyes rule applies to them too. */
  tokenCreatorId?: string | null;
}

/** The event's content columns in the order both links hash them (time as ISO 8601). */
function contentColumns(e: AuditEventContent): unknown[] {
  return [e.at.toISOString(), e.actorId, e.action, e.entityType, e.entityId, e.entityVersion, e.claimId, e.before, e.after];
}

/**
 * The unkeyed link (events written without AUDIT_KEY, and all history before issue 12): SHA-256 hex of
 * the canonical JSON of prevHash and the content; the token columns are appended only when set, so
 * links written before they existed verify unchanged.
 */
export function hashAuditEvent(prevHash: string, e: AuditEventContent): string {
  const fields: unknown[] = [prevHash, ...contentColumns(e)];
  if (e.tokenId != null || e.tokenCreatorId != null) fields.push(e.tokenId ?? null, e.tokenCreatorId ?? null);
  const canonical = JSON.stringify(fields);
  return createHash("sha256").update(canonical).digest("hex");
}

/**
 * The keyed link: HMAC-SHA256 hex (64 characters) with `key` over a versioned canonical JSON of
 * prevHash, every content column and the token columns.
 */
export function hmacAuditEvent(key: string, prevHash: string, e: AuditEventContent): string {
  const canonical = JSON.stringify([
    "audit-event/1",
    prevHash,
    ...contentColumns(e),
    e.tokenId ?? null,
    e.tokenCreatorId ?? null,
  ]);
  return createHmac("sha256", key).update(canonical).digest("hex");
}

export type StoredAuditEvent = AuditEventContent & { id: number; prevHash: string; hash: string; hashAlgorithm?: string | null };

export interface ChainState {
  lastHash: string;
  checked: number;
  /** Unkeyed events seen (all must come before the first keyed one). */
  legacy: number;
}

export type ChainCheck =
  | ({ ok: true } & ChainState)
  | { ok: false; checked: number; brokenAtId: number; reason: string };

export const CHAIN_START: ChainState = { lastHash: GENESIS_HASH, checked: 0, legacy: 0 };

/**
 * Verifies events in id order, continuing from `state` so a long chain can be checked in batches.
 * `key` is AUDIT_KEY (null when none is configured: a keyed event then cannot be verified and is
 * reported). Reports the first broken link: a wrong prevHash, content not matching its link, an
 * unknown algorithm, or an unkeyed event after a keyed one.
 */
export function verifyChainBatch(events: readonly StoredAuditEvent[], state: ChainState, key: string | null = null): ChainCheck {
  let { lastHash, checked, legacy } = state;
  const broken = (id: number, reason: string): ChainCheck => ({ ok: false, checked, brokenAtId: id, reason });
  for (const event of events) {
    if (event.prevHash !== lastHash) return broken(event.id, "prevHash does not match the previous event's hash");
    const algorithm = event.hashAlgorithm ?? null;
    if (algorithm === null) {
      if (legacy < checked) return broken(event.id, "an unkeyed event follows keyed ones (rewritten without the key?)");
      if (hashAuditEvent(event.prevHash, event) !== event.hash) return broken(event.id, "content does not match its hash");
      legacy++;
    } else if (algorithm === KEYED_ALGORITHM) {
      if (!key) return broken(event.id, "keyed event, but no AUDIT_KEY was given to verify it");
      if (!sameHex(hmacAuditEvent(key, event.prevHash, event), event.hash)) return broken(event.id, "content does not match its keyed hash (edited, or a different AUDIT_KEY)");
    } else {
      return broken(event.id, `unknown hash algorithm ${JSON.stringify(algorithm)}`);
    }
    lastHash = event.hash;
    checked++;
  }
  return { ok: true, lastHash, checked, legacy };
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

// ---------------------------------------------------------------------------------------------
// Signed checkpoints

export interface AuditCheckpoint {
  /** Events in the chain up to and including `lastId`. */
  count: number;
  lastId: number;
  /** The hash of event `lastId` (GENESIS_HASH for an empty chain). */
  head: string;
  /** ISO 8601 UTC time the checkpoint was taken. */
  at: string;
}

export interface SignedAuditCheckpoint extends AuditCheckpoint {
  /** HMAC-SHA256 hex with AUDIT_KEY over the other fields. */
  sig: string;
}

function checkpointMac(key: string, c: AuditCheckpoint): string {
  return createHmac("sha256", key).update(JSON.stringify(["audit-checkpoint/1", c.count, c.lastId, c.head, c.at])).digest("hex");
}

/** Signs a checkpoint with `key` (AUDIT_KEY). */
export function signCheckpoint(key: string, c: AuditCheckpoint): SignedAuditCheckpoint {
  return { count: c.count, lastId: c.lastId, head: c.head, at: c.at, sig: checkpointMac(key, c) };
}

/**
 * Parses one line of a checkpoint file and checks its signature: the checkpoint, or null when the
 * line is not a well-formed checkpoint signed with `key` (forged, corrupt or from another key).
 */
export function parseSignedCheckpoint(key: string, line: string): SignedAuditCheckpoint | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const c = value as Record<string, unknown>;
  if (!Number.isSafeInteger(c.count) || !Number.isSafeInteger(c.lastId) || typeof c.head !== "string" || typeof c.at !== "string" || typeof c.sig !== "string") return null;
  const parsed = { count: c.count as number, lastId: c.lastId as number, head: c.head, at: c.at };
  return sameHex(checkpointMac(key, parsed), c.sig) ? { ...parsed, sig: c.sig } : null;
}

/**
 * Compares the chain as read (`count` events, ending at `lastId` with `head`, and `hashAt` giving the
 * stored hash and position of any id seen during the walk) with the newest signed checkpoint. Returns
 * null when they agree, else why not: the chain is shorter than the checkpoint (rows deleted at the
 * end, or a wiped table), or the event the checkpoint names holds another hash or position.
 */
export function compareWithCheckpoint(
  checkpoint: AuditCheckpoint,
  chain: { count: number; seen: { position: number; hash: string } | undefined },
): string | null {
  if (chain.count < checkpoint.count) {
    return `the log holds ${chain.count} events but a signed checkpoint of ${checkpoint.at} recorded ${checkpoint.count} (up to event ${checkpoint.lastId}): events were deleted${chain.count === 0 ? " (the table is empty)" : ""}`;
  }
  if (checkpoint.count === 0) return null;
  if (!chain.seen) return `event ${checkpoint.lastId}, recorded by the signed checkpoint of ${checkpoint.at}, is missing`;
  if (chain.seen.hash !== checkpoint.head || chain.seen.position !== checkpoint.count) {
    return `event ${checkpoint.lastId} does not match the signed checkpoint of ${checkpoint.at} (the chain was rewritten)`;
  }
  return null;
}

/**
 * The default checkpoint file of a database (a path relative to the working directory, the repo
 * root): for SQLite beside the database file, `<file>-audit-checkpoints.jsonl`, so it goes with the
 * file; for PostgreSQL `prisma/data/audit-checkpoints-<host>-<port>-<database>.jsonl`.
 */
export function defaultCheckpointFile(databaseUrl: string): string {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const url = new URL(databaseUrl);
    const name = [url.hostname, url.port || "5432", decodeURIComponent(url.pathname.slice(1))].join("-").replace(/[^\w.-]+/g, "_");
    return `prisma/data/audit-checkpoints-${name}.jsonl`;
  }
  return `${databaseUrl.replace(/^file:/, "").replace(/\?.*$/, "")}-audit-checkpoints.jsonl`;
}
