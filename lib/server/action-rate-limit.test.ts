import { describe, expect, it } from "vitest";
import { addCommentSchema } from "@/lib/validation/comments";
import { submitForm } from "./action";
import { ACTION_RATE_WINDOW_SECONDS, consumeWriteAction } from "./action-rate-limit";
import { addComment } from "./comments";
import { getDb } from "./db";
import { env } from "./env";
import { makeArticle, makeUser } from "./testing/factories";

describe("write-rate limit on server actions", () => {
  it("refuses a user's writes over the per-minute budget, keeps the typed text, writes nothing, and leaves other users alone", async () => {
    const editor = await makeUser("EDITOR");
    const other = await makeUser("EDITOR");
    await makeArticle(editor);
    const db = await getDb();
    const claim = await db.claim.findFirstOrThrow({ where: { article: { importedById: editor.id } }, select: { id: true } });
    const values = { claimId: claim.id, body: "Checked the ministry's table for this one." };

    const first = await submitForm(values, async () => editor, addCommentSchema, addComment, "Comment added.");
    expect(first.status).toBe("ok");
    for (let i = 1; i < env.ACTION_RATE_LIMIT_PER_USER; i++) await consumeWriteAction(editor);

    const refused = await submitForm(values, async () => editor, addCommentSchema, addComment, "Comment added.");
    expect(refused.status).toBe("error");
    expect(refused.code).toBe("RATE_LIMITED");
    expect(refused.message).toMatch(/wait \d+ seconds? and try again/i);
    expect(refused.values?.body).toBe(values.body);
    expect(await db.comment.count({ where: { claimId: claim.id, authorId: editor.id } })).toBe(1);

    const fromOther = await submitForm(values, async () => other, addCommentSchema, addComment, "Comment added.");
    expect(fromOther.status).toBe("ok");
    expect(ACTION_RATE_WINDOW_SECONDS).toBe(60);
  });

  it("counts article imports on their own, smaller budget", async () => {
    const editor = await makeUser("EDITOR");
    for (let i = 0; i < env.IMPORT_RATE_LIMIT_PER_USER; i++) await consumeWriteAction(editor, "import");
    await expect(consumeWriteAction(editor, "import")).rejects.toMatchObject({ code: "RATE_LIMITED" });
    // Ordinary form writes still go through.
    await expect(consumeWriteAction(editor)).resolves.toBeUndefined();
  });
});
