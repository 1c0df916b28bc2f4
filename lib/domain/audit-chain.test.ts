import { describe, expect, it } from "vitest";
import {
  CHAIN_START,
  compareWithCheckpoint,
  GENESIS_HASH,
  hashAuditEvent,
  hmacAuditEvent,
  KEYED_ALGORITHM,
  parseSignedCheckpoint,
  signCheckpoint,
  verifyChainBatch,
  type AuditEventContent,
} from "./audit-chain";

type StoredEvent = AuditEventContent & { id: number; prevHash: string; hash: string };

function content(n: number): AuditEventContent {
  return {
    at: new Date(Date.UTC(2026, 0, 1, 12, 0, n)),
    actorId: n % 3 === 0 ? null : `user-${n % 2}`,
    action: n % 2 ? "claim.assign" : "evidence.add",
    entityType: n % 2 ? "Claim" : "Evidence",
    entityId: `entity-${n}`,
    entityVersion: n % 4 === 0 ? null : n,
    claimId: `claim-${n % 2}`,
    before: n % 2 ? JSON.stringify({ status: "NEW" }) : null,
    after: JSON.stringify({ n }),
  };
}

/** Builds a correctly linked chain of `count` events with ids 1..count. */
function chain(count: number): StoredEvent[] {
  const events: StoredEvent[] = [];
  let prev = GENESIS_HASH;
  for (let n = 1; n <= count; n++) {
    const c = content(n);
    const hash = hashAuditEvent(prev, c);
    events.push({ ...c, id: n, prevHash: prev, hash });
    prev = hash;
  }
  return events;
}

const start = CHAIN_START;

describe("audit hash chain", () => {
  it("hashes deterministically to 64 hex characters, and differently for different content or predecessor", () => {
    const h = hashAuditEvent(GENESIS_HASH, content(1));
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAuditEvent(GENESIS_HASH, content(1))).toBe(h);
    expect(hashAuditEvent(GENESIS_HASH, content(2))).not.toBe(h);
    expect(hashAuditEvent("1".repeat(64), content(1))).not.toBe(h);
  });

  it("covers every field of the event", () => {
    const c = content(1);
    const h = hashAuditEvent(GENESIS_HASH, c);
    const variants: AuditEventContent[] = [
      { ...c, at: new Date(c.at.getTime() + 1) },
      { ...c, actorId: "someone-else" },
      { ...c, action: "claim.unassign" },
      { ...c, entityType: "Verdict" },
      { ...c, entityId: "other" },
      { ...c, entityVersion: 99 },
      { ...c, claimId: null },
      { ...c, before: null },
      { ...c, after: JSON.stringify({ n: 2 }) },
    ];
    for (const v of variants) expect(hashAuditEvent(GENESIS_HASH, v)).not.toBe(h);
  });

  it("verifies an intact chain, and in batches carrying the state along", () => {
    const events = chain(10);
    expect(verifyChainBatch(events, start)).toEqual({ ok: true, checked: 10, legacy: 10, lastHash: events[9]!.hash });
    const first = verifyChainBatch(events.slice(0, 4), start);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(verifyChainBatch(events.slice(4), first)).toEqual({ ok: true, checked: 10, legacy: 10, lastHash: events[9]!.hash });
  });

  it("verifies an empty chain", () => {
    expect(verifyChainBatch([], start)).toEqual({ ok: true, checked: 0, legacy: 0, lastHash: GENESIS_HASH });
  });

  it("detects edited content at the edited event", () => {
    const events = chain(6);
    events[3] = { ...events[3]!, after: JSON.stringify({ n: "forged" }) };
    expect(verifyChainBatch(events, start)).toMatchObject({ ok: false, brokenAtId: 4, checked: 3, reason: expect.stringMatching(/content/) });
  });

  it("detects an edited actor even when the timestamp is kept", () => {
    const events = chain(5);
    events[1] = { ...events[1]!, actorId: "intruder" };
    expect(verifyChainBatch(events, start)).toMatchObject({ ok: false, brokenAtId: 2 });
  });

  it("detects a re-hashed edit at the next event, because its prevHash no longer matches", () => {
    const events = chain(6);
    const forged = { ...events[2]!, after: JSON.stringify({ n: "forged" }) };
    forged.hash = hashAuditEvent(forged.prevHash, forged);
    events[2] = forged;
    expect(verifyChainBatch(events, start)).toMatchObject({ ok: false, brokenAtId: 4, checked: 3, reason: expect.stringMatching(/prevHash/) });
  });

  it("detects a changed prevHash", () => {
    const events = chain(4);
    events[2] = { ...events[2]!, prevHash: "f".repeat(64) };
    expect(verifyChainBatch(events, start)).toMatchObject({ ok: false, brokenAtId: 3, reason: expect.stringMatching(/prevHash/) });
  });

  it("detects a deleted event at the one after it", () => {
    const events = chain(5);
    events.splice(2, 1); // id 3 removed
    expect(verifyChainBatch(events, start)).toMatchObject({ ok: false, brokenAtId: 4, checked: 2 });
  });

  it("detects two events swapped at the first one out of place", () => {
    const events = chain(5);
    const swapped = [events[0]!, events[2]!, events[1]!, events[3]!, events[4]!];
    expect(verifyChainBatch(swapped, start)).toMatchObject({ ok: false, brokenAtId: 3, checked: 1 });
  });

  it("detects a chain that does not start from the expected hash", () => {
    const events = chain(3);
    expect(verifyChainBatch(events.slice(1), start)).toMatchObject({ ok: false, brokenAtId: 2, checked: 0 });
  });
});

const KEY = "unit-test-audit-key-0123456789abcdef";

/** A chain whose first `legacy` events are unkeyed and the rest keyed with KEY. */
function mixedChain(count: number, legacy: number, key = KEY): (StoredEvent & { hashAlgorithm: string | null })[] {
  const events: (StoredEvent & { hashAlgorithm: string | null })[] = [];
  let prev = GENESIS_HASH;
  for (let n = 1; n <= count; n++) {
    const keyed = n > legacy;
    const c = keyed ? { ...content(n), tokenId: n % 2 ? "tok-1" : null, tokenCreatorId: n % 2 ? "admin-1" : null } : content(n);
    const hash = keyed ? hmacAuditEvent(key, prev, c) : hashAuditEvent(prev, c);
    events.push({ ...c, id: n, prevHash: prev, hash, hashAlgorithm: keyed ? KEYED_ALGORITHM : null });
    prev = hash;
  }
  return events;
}

describe("keyed audit chain (HMAC-SHA256)", () => {
  it("verifies legacy events followed by keyed ones, counting the legacy ones", () => {
    const events = mixedChain(8, 3);
    expect(verifyChainBatch(events, start, KEY)).toEqual({ ok: true, checked: 8, legacy: 3, lastHash: events[7]!.hash });
  });

  it("refuses an edit whose links were recomputed without the key (as unkeyed SHA-256)", () => {
    const events = mixedChain(6, 0);
    // The attacker edits event 4 and rebuilds the chain from there with the public, unkeyed formula.
    let prev = events[2]!.hash;
    for (const e of events.slice(3)) {
      if (e.id === 4) e.after = JSON.stringify({ forged: true });
      e.prevHash = prev;
      e.hash = hashAuditEvent(prev, e);
      e.hashAlgorithm = null;
      prev = e.hash;
    }
    expect(verifyChainBatch(events, start, KEY)).toMatchObject({ ok: false, brokenAtId: 4, reason: expect.stringMatching(/unkeyed event follows keyed/) });
  });

  it("refuses an edit whose links were recomputed with another key", () => {
    const events = mixedChain(6, 0);
    let prev = events[2]!.hash;
    for (const e of events.slice(3)) {
      if (e.id === 4) e.after = JSON.stringify({ forged: true });
      e.prevHash = prev;
      e.hash = hmacAuditEvent("attacker-guess-key-0000000000000000", prev, e);
      prev = e.hash;
    }
    expect(verifyChainBatch(events, start, KEY)).toMatchObject({ ok: false, brokenAtId: 4, reason: expect.stringMatching(/keyed hash/) });
  });

  it("covers the token columns: changing who was behind a token breaks the link", () => {
    const events = mixedChain(4, 0);
    events[2]!.tokenCreatorId = "someone-else";
    expect(verifyChainBatch(events, start, KEY)).toMatchObject({ ok: false, brokenAtId: 3 });
    const legacy = mixedChain(4, 4);
    legacy[1]!.tokenId = "tok-x";
    expect(verifyChainBatch(legacy, start, KEY)).toMatchObject({ ok: false, brokenAtId: 2, reason: "content does not match its hash" });
  });

  it("cannot verify keyed events without a key, and refuses an unknown algorithm", () => {
    expect(verifyChainBatch(mixedChain(3, 1), start, null)).toMatchObject({ ok: false, brokenAtId: 2, reason: expect.stringMatching(/no AUDIT_KEY/) });
    const events = mixedChain(2, 0);
    events[1]!.hashAlgorithm = "none";
    expect(verifyChainBatch(events, start, KEY)).toMatchObject({ ok: false, brokenAtId: 2, reason: expect.stringMatching(/unknown hash algorithm/) });
  });
});

describe("signed audit checkpoints", () => {
  const checkpoint = { count: 20, lastId: 25, head: "a".repeat(64), at: "2026-12-01T04:00:00.000Z" };

  it("round-trips a signed line and refuses a forged, edited or other-key line", () => {
    const line = JSON.stringify(signCheckpoint(KEY, checkpoint));
    expect(parseSignedCheckpoint(KEY, line)).toMatchObject(checkpoint);
    expect(parseSignedCheckpoint(KEY, line.replace('"count":20', '"count":5'))).toBeNull();
    expect(parseSignedCheckpoint("another-key-000000000000000000000000", line)).toBeNull();
    expect(parseSignedCheckpoint(KEY, "not json")).toBeNull();
    expect(parseSignedCheckpoint(KEY, JSON.stringify({ ...checkpoint, sig: "0".repeat(64) }))).toBeNull();
  });

  it("reports a chain shorter than the checkpoint (truncated or wiped) and a rewritten head", () => {
    expect(compareWithCheckpoint(checkpoint, { count: 20, seen: { position: 20, hash: checkpoint.head } })).toBeNull();
    expect(compareWithCheckpoint(checkpoint, { count: 22, seen: { position: 20, hash: checkpoint.head } })).toBeNull();
    expect(compareWithCheckpoint(checkpoint, { count: 0, seen: undefined })).toMatch(/holds 0 events .* recorded 20 .*table is empty/);
    expect(compareWithCheckpoint(checkpoint, { count: 19, seen: undefined })).toMatch(/events were deleted/);
    expect(compareWithCheckpoint(checkpoint, { count: 21, seen: undefined })).toMatch(/event 25, recorded .* is missing/);
    expect(compareWithCheckpoint(checkpoint, { count: 20, seen: { position: 20, hash: "b".repeat(64) } })).toMatch(/rewritten/);
    expect(compareWithCheckpoint(checkpoint, { count: 20, seen: { position: 19, hash: checkpoint.head } })).toMatch(/rewritten/);
  });
});
