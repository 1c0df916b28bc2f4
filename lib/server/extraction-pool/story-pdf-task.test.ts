import { describe, expect, it } from "vitest";
import { readPdf } from "@/lib/domain/report/pdf-test-helpers";
import { compareStory } from "@/lib/domain/story/compare";
import { demoStory, testTone, TEST_LEXICON } from "@/lib/domain/story/test-fixtures";
import { runExtractionTask } from "./run-task";

describe("the pool's renderStoryPdf task", () => {
  it("lays out the demo story's comparison in a worker thread (article texts left out of the input)", async () => {
    const c = compareStory(demoStory(), testTone, TEST_LEXICON);
    const comparison = { ...c, articles: c.articles.map((a) => ({ ...a, text: "" })) };
    const bytes = await runExtractionTask("renderStoryPdf", { comparison, header: { title: "Demo story", storyId: "s1" } }, { work: "pdf" });
    const pdf = await readPdf(bytes);
    expect(pdf.title).toBe("Demo story");
    const all = pdf.pages.join("\n").replace(/\s+/g, " ");
    expect(all).toContain('Who reported first: Reuters (Outlet A) vs The Wall Street Journal (Outlet B, "first reported")');
    expect(all).toContain("Lexicon: test-lexicon 0.0.0");
  }, 60_000);
});
