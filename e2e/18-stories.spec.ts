/**
 * Issue 18, stories: two articles telling the same event are suggested as one story on import; an
 * editor finds it under *Stories*, confirms it and splits one article out; a form based on the story's
 * old version is refused with the current state shown; a later telling waits apart (marked in the list);
 * removing the last article dissolves the story and says so. Reviewers get no story controls.
 */
import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { loadFixtures, signInReusing, signOut } from "./fixtures";
import { importPastedArticle } from "./helpers";

const fx = loadFixtures();

test.describe.configure({ mode: "serial", timeout: 180_000 });

test("an editor confirms a story suggested on import and splits an article out of it", async ({ page, browser }) => {
  const tag = randomUUID().slice(0, 8);
  // The same reported fact in both (one matched claim) and the same actors: one story.
  const shared = "The Brookvale Water Authority said on Monday that 4,200 households lost supply after the Kestrel Dam pumping station failed.";
  const texts = [
    [`Water note ${tag}.`, shared, "Mayor Ingrid Salo blamed the Brookvale Water Authority for years of deferred maintenance at Kestrel Dam."],
    [`Supply report ${tag}.`, shared, "Engineers from the Brookvale Water Authority expect the Kestrel Dam station to run again by Thursday, Mayor Ingrid Salo said."],
  ];
  const titles = [`Brookvale outage ${tag}`, `Kestrel Dam failure ${tag}`];

  await signInReusing(page, fx.users.editor, fx.password);
  for (const [i, lines] of texts.entries()) await importPastedArticle(page, titles[i]!, lines.join("\n\n"));

  await page.getByRole("link", { name: "Stories", exact: true }).click();
  const row = page.getByTestId("story-row").filter({ hasText: "E2E Wire" }).filter({ hasText: "Suggested" }).first();
  await expect(row).toBeVisible();
  await row.getByRole("link").click();
  await expect(page.getByTestId("story-article")).toHaveCount(2);
  for (const title of titles) await expect(page.getByTestId("story-article").filter({ hasText: title })).toContainText("suggested");

  // A second tab keeps the page as it was before the confirmation.
  const stale = await browser.newPage();
  await signInReusing(stale, fx.users.editor, fx.password);
  await stale.goto(page.url());

  await page.getByTestId("confirm-story-form").getByRole("button", { name: "Confirm story" }).click();
  await expect(page.getByTestId("story-meta")).toContainText("Confirmed");
  await expect(page.getByTestId("story-article").getByText("suggested")).toHaveCount(0);

  // A third telling imported now waits apart in the confirmed story, and the list says so; the editor
  // says "Not this story".
  const storyUrl = page.url();
  const storyPath = new URL(storyUrl).pathname;
  await importPastedArticle(page, `Dam repairs ${tag}`, [`Repairs ${tag}.`, shared, texts[0]![2]!].join("\n\n"));
  await page.goto("/stories");
  await expect(page.getByTestId("story-row").filter({ has: page.locator(`a[href="${storyPath}"]`) })).toContainText("suggested, waiting");
  await page.goto(storyUrl);
  await page.getByTestId("reject-story-article-form").getByRole("button", { name: "Not this story" }).click();
  await expect(page.getByTestId("story-pending")).toHaveCount(0);

  // Split the second article out of any story.
  await page.getByTestId("story-manage").locator("summary").click();
  const split = page.getByTestId("split-story-form");
  const secondId = (await page.getByTestId("story-article").filter({ hasText: titles[1]! }).getByRole("link").getAttribute("href"))!.split("/").pop()!;
  await split.getByTestId(`pick-${secondId}`).check();
  await split.getByLabel("out of any story").check();
  await split.getByRole("button", { name: "Split" }).click();
  await expect(page.getByTestId("story-article")).toHaveCount(1);
  await expect(page.getByTestId("story-article")).toContainText(titles[0]!);

  // The old tab's confirmation is refused: the story changed since it was opened.
  await stale.getByTestId("confirm-story-form").getByRole("button", { name: "Confirm story" }).click();
  await expect(stale.getByTestId("refused-submission")).toContainText("changed since you opened it");
  await stale.close();

  // Removing the last article dissolves the story: the editor lands on the list, which says so, not on
  // a "Not found" page.
  await page.getByTestId("remove-story-article-form").getByRole("button", { name: "Remove" }).click();
  await expect(page).toHaveURL(/\/stories\?dissolved=1$/);
  await expect(page.getByTestId("story-dissolved")).toBeVisible();
  await expect(page.locator(`a[href="${storyPath}"]`)).toHaveCount(0);

  // A reviewer sees no story controls (and no story they have no claim in).
  await signOut(page);
  await signInReusing(page, fx.users.reviewer, fx.password);
  await page.goto("/stories");
  await expect(page.getByTestId("create-story-form")).toHaveCount(0);
  await expect(page.getByTestId("story-row").filter({ hasText: titles[0]! })).toHaveCount(0);
});

test("the stories list and its form have no axe violations (WCAG 2.0/2.1/2.2 A and AA)", async ({ page }) => {
  await signInReusing(page, fx.users.editor, fx.password);
  await page.goto("/stories");
  await expect(page.getByTestId("create-story-form")).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});
