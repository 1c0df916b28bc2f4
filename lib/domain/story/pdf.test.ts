import { beforeAll, describe, expect, it } from "vitest";
import { pdfBuffer } from "../report/pdf";
import { readPdf, testPdfFonts } from "../report/pdf-test-helpers";
import { renderStoryPdfTask } from "../extraction/tasks";
import { compareStory } from "./compare";
import { renderStoryComparisonPdf, STORY_PDF_TITLE } from "./pdf";
import { article, claim, demoStory, testTone, TEST_LEXICON } from "./test-fixtures";
import type { StoryClaimInput } from "./types";

const fontsPromise = testPdfFonts();
// Reading the ~500 font files once takes a few seconds on a loaded machine; not part of any test's time.
beforeAll(async () => {
  await fontsPromise;
}, 60_000);

const flat = (text: string) => text.replace(/\s+/g, " ");
const HEGSETH = /Pete Hegseth\.$/;

function demoWithConflict() {
  const story = demoStory();
  let n = 0;
  const claims: StoryClaimInput[] = story.claims.map((c) =>
    c.clusterId && HEGSETH.test(c.text) ? { ...c, verdict: { id: `v${++n}`, rating: n === 1 ? "TRUE" : "FALSE", label: n === 1 ? "True" : "False", state: "APPROVED" } } : c,
  );
  return compareStory({ ...story, claims }, testTone, TEST_LEXICON);
}

describe("renderStoryComparisonPdf", () => {
  it("prints the demo comparison: articles, the aligned pair, outlet-only claims, who reported first, the verdict conflict, tone and lexicon", async () => {
    const comparison = demoWithConflict();
    const bytes = await pdfBuffer(renderStoryComparisonPdf(comparison, await fontsPromise, { title: "Pentagon ATACMS restrictions", storyId: "s1", generatedAt: "2026-12-01T12:00:00.000Z" }));
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pdf = await readPdf(bytes);
    expect(pdf.title).toBe("Pentagon ATACMS restrictions");
    const all = flat(pdf.pages.join("\n"));
    for (const text of [
      "Outlet A: Pentagon blocks ATACMS strikes",
      "Side by side (1 matched claim)",
      "Any request by Ukraine to use these systems must now be cleared directly by Defense Secretary Pete Hegseth.",
      "Outlet B alone",
      "The system, devised by Pentagon Undersecretary Elbridge Colby",
      'Who reported first: Reuters (Outlet A) vs The Wall Street Journal (Outlet B, "first reported")',
      "Verdict conflicts (1)",
      "Outlet A: True",
      "Outlet B: False",
      "Highlighted: chokehold, duplicity, hypocrisy",
      "Lexicon: test-lexicon 0.0.0 — made up for tests; licence: none",
      "Generated 2026-12-01 12:00 UTC",
    ]) {
      expect(all).toContain(text);
    }
    expect(pdf.links).toContain("https://lexicon.example/");
    expect(pdf.outline).toEqual(["Articles", "Side by side (1 matched claim)", "Only in one outlet", "Contradictions (1)", "Verdict conflicts (1)", "Tone (a reading aid, never a verdict)"]);
    expect(all).toMatch(new RegExp(`Page 1 of ${pdf.pages.length}`));
  }, 60_000); // laying out a PDF takes seconds on a loaded 2-core machine

  it("keeps non-Latin and markup-looking text as text, and names an empty comparison plainly", async () => {
    const text = "Ціни зросли на 5 % — </script><b>не</b> “quoted” ضريبة";
    const c = compareStory(
      { articles: [article("A", "Вісті", "x"), article("B", "Daily B", "y")], claims: [claim("a", "A", text), claim("b", "B", "Other.")] },
      testTone,
      TEST_LEXICON,
    );
    const pdf = await readPdf(await pdfBuffer(renderStoryComparisonPdf(c, await fontsPromise)));
    const all = flat(pdf.pages.join("\n"));
    expect(pdf.title).toBe(STORY_PDF_TITLE);
    expect(all).toContain("Ціни зросли на 5 % — </script><b>не</b> “quoted”");
    expect(all).toContain("Вісті alone (1)");
    expect(all).toContain("No claim is made by more than one article of this story.");
    expect(all).toContain("Contradictions (0)");
  }, 60_000); // laying out a PDF takes seconds on a loaded 2-core machine
});

describe("renderStoryPdfTask (the pool task)", () => {
  it("returns the PDF's bytes for a comparison without article texts", async () => {
    const c = demoWithConflict();
    const bytes = await renderStoryPdfTask({ comparison: { ...c, articles: c.articles.map((a) => ({ ...a, text: "" })) }, header: { title: "Task" } });
    const pdf = await readPdf(bytes);
    expect(pdf.title).toBe("Task");
    expect(flat(pdf.pages.join("\n"))).toContain("Who reported first: Reuters (Outlet A)");
  }, 60_000);
});
