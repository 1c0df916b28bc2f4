import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importArticle, sha256Hex } from "../articles";
import { getDb } from "../db";
import { makeUser } from "../testing/factories";
import { USER_WAITING_LIMIT, userSlotLimit, withPoolSlot } from "./user-slots";

const text = (tag: string) => `Council ${tag}\n\nThe council approved $4.5 million for 12 schools on Monday, the mayor said.`;
const input = (body: string) => ({ title: "Slots", outlet: "A", author: undefined, publishedAt: undefined, text: body });

/** Holds one of `userId`'s slots (once it has one) until release() is called. */
function holdSlot(userId: string, work: "analysis" | "pdf" = "analysis", waitLimitMs?: number) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let started = false;
  const held = withPoolSlot(
    userId,
    work,
    async () => {
      started = true;
      await released;
    },
    waitLimitMs === undefined ? {} : { waitLimitMs },
  );
  return { release, held, started: () => started };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe("one person's share of the worker pool", () => {
  const threads = process.env.CLAIMLEDGER_EXTRACTION_THREADS;
  beforeAll(() => {
    process.env.CLAIMLEDGER_EXTRACTION_THREADS = "2";
  });
  afterAll(() => {
    if (threads === undefined) delete process.env.CLAIMLEDGER_EXTRACTION_THREADS;
    else process.env.CLAIMLEDGER_EXTRACTION_THREADS = threads;
  });

  it("leaves a thread for others: an editor's second import waits for the first, another editor's runs meanwhile", async () => {
    expect(userSlotLimit()).toBe(1);
    const editor = await makeUser("EDITOR");
    const other = await makeUser("EDITOR");
    const busy = holdSlot(editor.id);
    await settle();
    expect(busy.started()).toBe(true);
    const second = text(randomUUID());
    let done = false;
    const waiting = importArticle(editor, input(second)).then((r) => ((done = true), r));
    await expect(importArticle(other, input(text(randomUUID())))).resolves.toMatchObject({ created: true });
    await settle();
    expect(done).toBe(false);
    const db = await getDb();
    expect(await db.article.count({ where: { contentHash: sha256Hex(second) } })).toBe(0);
    busy.release();
    await busy.held;
    await expect(waiting).resolves.toMatchObject({ created: true });
  });

  it("refuses at once past the waiting limit, and a wait past its time limit, with a message; slots come back after failures", async () => {
    const editor = await makeUser("EDITOR");
    await expect(withPoolSlot(editor.id, "analysis", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    const running = holdSlot(editor.id);
    const queued = Array.from({ length: USER_WAITING_LIMIT }, () => holdSlot(editor.id));
    await expect(withPoolSlot(editor.id, "analysis", async () => "one too many")).rejects.toMatchObject({
      code: "RATE_LIMITED",
      retryAfterSeconds: 5,
      message: "You already have several articles being analysed or waiting; nothing more was started. Try again when they are done.",
    });
    // The queued ones run one after the other as slots come free.
    running.release();
    for (const q of queued) {
      await settle();
      expect(q.started()).toBe(true);
      q.release();
      await q.held;
    }
    const busy = holdSlot(editor.id, "pdf");
    await expect(withPoolSlot(editor.id, "pdf", async () => "late", { waitLimitMs: 100 })).rejects.toThrow("You already have several documents being prepared or waiting");
    busy.release();
    await busy.held;
    await expect(withPoolSlot(editor.id, "pdf", async () => "after")).resolves.toBe("after");
  });

  it("allows cores − 1 at once on a bigger server", async () => {
    process.env.CLAIMLEDGER_EXTRACTION_THREADS = "4";
    try {
      const editor = await makeUser("EDITOR");
      const held = [holdSlot(editor.id), holdSlot(editor.id), holdSlot(editor.id), holdSlot(editor.id)];
      await settle();
      expect(held.map((h) => h.started())).toEqual([true, true, true, false]);
      for (const h of held) h.release();
      await Promise.all(held.map((h) => h.held));
    } finally {
      process.env.CLAIMLEDGER_EXTRACTION_THREADS = "2";
    }
  });
});
