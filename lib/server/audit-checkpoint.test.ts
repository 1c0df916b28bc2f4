import { describe, expect, it } from "vitest";
import { appendAuditEvent } from "./audit";
import { auditKey, followSteps, scanCheckpoints, type StepChainProgress } from "./audit-checkpoint";
import { getDb } from "./db";
import { makeUser } from "./testing/factories";
import { inTransaction } from "./transaction";

const link = (id: number) => ({ id, hash: `h${id}` });
const step = (from: number, to: number): StepChainProgress => ({ before: link(from), head: link(to), appended: to - from });

describe("followSteps (signed checkpoints after steps that committed while one was being written)", () => {
  const previous = { count: 10, lastId: 10, head: "h10" };

  it("follows the steps from the last checkpoint, whatever order they arrived in", () => {
    expect(followSteps(previous, [step(13, 14), step(10, 12), step(12, 13)])).toEqual({ count: 14, lastId: 14, head: "h14" });
  });

  it("skips steps the last checkpoint already covers", () => {
    expect(followSteps(previous, [step(8, 10), step(10, 11)])).toEqual({ count: 11, lastId: 11, head: "h11" });
  });

  it("gives up (the chain must be read) when a step does not link: someone appended without a view", () => {
    expect(followSteps(previous, [step(10, 11), step(12, 13)])).toBeNull();
    expect(followSteps(previous, [{ before: { id: 10, hash: "other" }, head: link(11), appended: 1 }])).toBeNull();
  });

  it("gives nothing when no step is new", () => {
    expect(followSteps(previous, [])).toBeNull();
    expect(followSteps(previous, [step(9, 10)])).toBeNull();
  });
});

describe("signed checkpoints after concurrent steps", () => {
  it("sign the chain's head and count once every step has committed, those that waited for a write included", async () => {
    const admin = await makeUser("ADMIN");
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        inTransaction((tx) => appendAuditEvent(tx, { actorId: admin.id, action: "test.checkpoint", entityType: "User", entityId: admin.id, after: { i } })),
      ),
    );
    const db = await getDb();
    const head = await db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" }, select: { id: true, hash: true } });
    const scan = await scanCheckpoints(auditKey()!);
    expect(scan?.newest).toMatchObject({ lastId: head.id, head: head.hash, count: await db.auditEvent.count({ where: { id: { lte: head.id } } }) });
  });
});
