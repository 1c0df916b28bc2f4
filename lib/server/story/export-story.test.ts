import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/domain/errors";
import { sha256Hex } from "../articles";
import { getDb } from "../db";
import type { Actor } from "../permissions";
import { makeUser } from "../testing/factories";
import { createStory } from "./change-story";
import { storyExportResponse } from "./export-story";

/** A story made by hand from two articles written straight to the database (no import, no suggestion). */
async function twoArticleStory(editor: Actor) {
  const db = await getDb();
  const ids: string[] = [];
  for (const outlet of ["Outlet «A»", "Outlet B"]) {
    const text = `Export article ${randomUUID()}. The minister said the bridge cost $40 million.`;
    const row = await db.article.create({ data: { title: `Export ${text.slice(15, 23)}`, outlet, text, contentHash: sha256Hex(text), importedById: editor.id }, select: { id: true } });
    ids.push(row.id);
  }
  const { id } = await createStory(editor, { title: `Export story ${randomUUID().slice(0, 8)}`, articleIds: ids });
  return { id, articleIds: ids };
}

describe("story comparison downloads", () => {
  it("serve CSV, JSON and PDF of the comparison the actor may read, named after the story", async () => {
    const editor = await makeUser("EDITOR");
    const story = await twoArticleStory(editor);
    const generated = new Date("2026-12-01T10:00:00Z");

    const csv = await storyExportResponse(editor, story.id, "csv", generated);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="claimledger-story-${story.id}.csv"`);
    const text = await csv.text();
    expect(text).toContain("Outlet «A»");
    expect(text).toContain("Tone lexicon");

    const json = (await (await storyExportResponse(editor, story.id, "json", generated)).json()) as { story: object; articles: { id: string; text?: string }[] };
    expect(json.story).toMatchObject({ storyId: story.id, generatedAt: generated.toISOString() });
    expect(json.articles.map((a) => a.id).sort()).toEqual([...story.articleIds].sort());
    expect(json.articles.every((a) => a.text === undefined)).toBe(true);

    const pdf = await storyExportResponse(editor, story.id, "pdf", generated);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  }, 60_000);

  it("refuse a reviewer with no claim in the story, and an unknown story, as not found", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const story = await twoArticleStory(editor);
    for (const [actor, id] of [
      [reviewer, story.id],
      [editor, "no-such-story"],
    ] as const) {
      const error = await storyExportResponse(actor, id, "json").then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("NOT_FOUND");
    }
  });
});
