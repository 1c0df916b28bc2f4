import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importArticle, sha256Hex } from "../articles";
import { getDb } from "../db";
import { makeUser } from "../testing/factories";
import { userSlotLimit, withPoolSlot } from "./user-slots";

const text = (tag: string) => `Council ${tag}\n\nThe council approved $4.5 million for 12 schools on Monday, the mayor said.`;
const input = (body: string) => ({ title: "Slots", outlet: "A", author: undefined, publishedAt: undefined, text: body });

/** Holds one of `userId`'s slots until the returned release() is called. */
function holdSlot(userId: string, work: "analysis" | "pdf" = "analysis") {
  let release!: () => void;
  const held = withPoolSlot(userId, work, () => new Promise<void>((resolve) => (release = resolve)));
  return { release: () => release(), held };
}

describe("one person's share of the worker pool", () => {
  const threads = process.env.CLAIMLEDGER_EXTRACTION_THREADS;
  beforeAll(() => {
    process.env.CLAIMLEDGER_EXTRACTION_THREADS = "2";
  });
  afterAll(() => {
    if (threads === undefined) delete process.env.CLAIMLEDGER_EXTRACTION_THREADS;
    else process.env.CLAIMLEDGER_EXTRACTION_THREADS = threads;
  });

  it("leaves a thread for others: an editor's second import while the first is analysed is refused, another editor's runs", async () => {
    expect(userSlotLimit()).toBe(1);
    const editor = await makeUser("EDITOR");
    const other = await makeUser("EDITOR");
    const busy = holdSlot(editor.id);
    const refused = text(randomUUID());
    await expect(importArticle(editor, input(refused))).rejects.toMatchObject({
      code: "RATE_LIMITED",
      retryAfterSeconds: 5,
      message: "You already have an article being analysed; nothing more was started. Try again when it is done (a few seconds).",
    });
    const db = await getDb();
    expect(await db.article.count({ where: { contentHash: sha256Hex(refused) } })).toBe(0);
    await expect(importArticle(other, input(text(randomUUID())))).resolves.toMatchObject({ created: true });
    busy.release();
    await busy.held;
    await expect(importArticle(editor, input(refused))).resolves.toMatchObject({ created: true });
  });

  it("gives the slot back when the operation fails, and words a PDF's refusal as a document", async () => {
    const editor = await makeUser("EDITOR");
    await expect(withPoolSlot(editor.id, "analysis", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    const busy = holdSlot(editor.id, "pdf");
    await expect(withPoolSlot(editor.id, "pdf", async () => "second")).rejects.toThrow("You already have a document being prepared");
    busy.release();
    await busy.held;
    await expect(withPoolSlot(editor.id, "pdf", async () => "after")).resolves.toBe("after");
  });

  it("allows cores − 1 at once on a bigger server", async () => {
    process.env.CLAIMLEDGER_EXTRACTION_THREADS = "4";
    try {
      const editor = await makeUser("EDITOR");
      const held = [holdSlot(editor.id), holdSlot(editor.id), holdSlot(editor.id)];
      await expect(withPoolSlot(editor.id, "analysis", async () => "fourth")).rejects.toThrow("You already have 3 articles being analysed");
      for (const h of held) h.release();
      await Promise.all(held.map((h) => h.held));
    } finally {
      process.env.CLAIMLEDGER_EXTRACTION_THREADS = "2";
    }
  });
});
