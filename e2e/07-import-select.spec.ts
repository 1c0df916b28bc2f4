import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { loadFixtures, signIn } from "./fixtures";

const fx = loadFixtures();

/** Selects `phrase` inside the article text the way a mouse would, then releases the button. */
async function selectPhrase(page: Page, phrase: string) {
  await page.getByTestId("selectable-article").evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const index = node.textContent?.indexOf(wanted) ?? -1;
      if (index < 0) continue;
      const range = document.createRange();
      range.setStart(node, index);
      range.setEnd(node, index + wanted.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      root.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
      return;
    }
    throw new Error(`phrase not found in the article text: ${wanted}`);
  }, phrase);
}

test("an editor imports pasted text, sees its claims, re-imports it without a duplicate, and creates a claim from a selection", async ({ page }) => {
  const tag = randomUUID().slice(0, 8);
  const title = `Pasted report ${tag}`;
  const text = [
    `Desk note ${tag} about the air defence budget.`,
    "The ministry said on Tuesday that 1,200 interceptors were delivered in 2024, twice the number of the year before.",
    "Officials expect the programme to cost more than $4 billion over five years.",
  ].join("\n\n");

  await signIn(page, fx.users.editor, fx.password);
  await page.getByRole("link", { name: "Import article" }).click();
  await expect(page.getByRole("heading", { name: "Import an article" })).toBeVisible();

  // Empty text is refused at the field and nothing is imported.
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Outlet").fill("E2E Wire");
  await page.getByRole("button", { name: "Import article" }).click();
  await expect(page.getByTestId("field-error-text")).toHaveText("Article text is required.");
  await expect(page.getByLabel("Title")).toHaveValue(title);

  await page.getByLabel("Article text").fill(text);
  await page.getByRole("button", { name: "Import article" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByText("Article imported")).toBeVisible();
  const articleUrl = page.url().replace(/\?.*$/, "");
  const claims = page.getByTestId("article-claim");
  await expect(claims.filter({ hasText: "1,200 interceptors" })).toHaveCount(1);
  await expect(claims.filter({ hasText: "1,200 interceptors" })).toContainText("1,200");
  const claimCount = await claims.count();

  // The same text again opens the existing article.
  await page.goto("/articles/new");
  await page.getByLabel("Title").fill(`${title} (again)`);
  await page.getByLabel("Outlet").fill("E2E Wire");
  await page.getByLabel("Article text").fill(text);
  await page.getByRole("button", { name: "Import article" }).click();
  await expect(page.getByTestId("already-imported")).toBeVisible();
  expect(page.url().replace(/\?.*$/, "")).toBe(articleUrl);
  await expect(page.getByRole("heading", { name: title, exact: true })).toBeVisible();

  // Select a passage that is not a claim yet and create one from it.
  const phrase = "twice the number of the year before";
  await selectPhrase(page, phrase);
  await expect(page.getByTestId("selection-quote")).toHaveText(phrase);
  await page.getByTestId("create-claim-form").getByRole("button", { name: "Create claim" }).click();
  await expect(page.getByTestId("create-claim-form").getByTestId("form-ok")).toHaveText("Claim created from the selection.");
  await expect(claims).toHaveCount(claimCount + 1);
  const created = claims.filter({ hasText: new RegExp(`^${phrase}`) });
  await expect(created).toHaveCount(1);
  await expect(page.locator(`mark[data-claim-id]`, { hasText: phrase })).toHaveCount(1);

  // The new claim's page shows exactly that span highlighted, and its creation in the history.
  await created.getByRole("link").click();
  await expect(page.locator("mark#focused-claim")).toHaveText(phrase);
  await expect(page.getByTestId("history")).toContainText(`${fx.users.editor.name} found the claim`);

  // Selecting the same passage again is refused; nothing is added.
  await page.goto(articleUrl);
  await selectPhrase(page, phrase);
  await page.getByTestId("create-claim-form").getByRole("button", { name: "Create claim" }).click();
  await expect(page.getByTestId("create-claim-form").getByTestId("field-error-start")).toHaveText("This passage is already a claim.");
  await expect(claims).toHaveCount(claimCount + 1);
});
