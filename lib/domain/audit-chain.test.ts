import { describe, expect, it } from "vitest";
import { GENESIS_HASH, hashAuditEvent, verifyChainBatch, type AuditEventContent } from "./audit-chain";

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

const start = { lastHash: GENESIS_HASH, checked: 0 };

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
    expect(verifyChainBatch(events, start)).toEqual({ ok: true, checked: 10, lastHash: events[9]!.hash });
    const first = verifyChainBatch(events.slice(0, 4), start);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(verifyChainBatch(events.slice(4), first)).toEqual({ ok: true, checked: 10, lastHash: events[9]!.hash });
  });

  it("verifies an empty chain", () => {
    expect(verifyChainBatch([], start)).toEqual({ ok: true, checked: 0, lastHash: GENESIS_HASH });
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
