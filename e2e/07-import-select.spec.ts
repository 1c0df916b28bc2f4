import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { loadFixtures, signInReusing } from "./fixtures";
import { IMPORT_WAIT, selectPhrase } from "./helpers";

const fx = loadFixtures();

test("an editor imports pasted text, reviews its suggested claims, re-imports it without a duplicate, creates a claim from a selection and sees the match with another article", async ({ page }) => {
  const tag = randomUUID().slice(0, 8);
  const title = `Pasted report ${tag}`;
  const demoArticle = fx.articles.find((a) => a.file.startsWith("003_"))!;
  const text = [
    `Desk note ${tag} about the air defence budget.`,
    "The ministry said on Tuesday that 1,200 interceptors were delivered in 2024, twice the number of the year before.",
    "Officials expect the programme to cost more than $4 billion over five years.",
    "Any request by Ukraine to use these ATACMS systems must now be cleared directly by Defense Secretary Pete Hegseth, officials said.",
  ].join("\n\n");

  await signInReusing(page, fx.users.editor, fx.password);
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
  await expect(page.getByRole("heading", { name: title })).toBeVisible(IMPORT_WAIT);
  await expect(page.getByText("Article imported")).toBeVisible();
  const articleUrl = page.url().replace(/\?.*$/, "");

  // The check-worthy sentences are suggested, ranked, with kind, reasons and normalised quantities.
  const suggestions = page.getByTestId("suggestions").getByTestId("suggestion");
  const interceptors = suggestions.filter({ hasText: "1,200 interceptors" });
  await expect(interceptors).toHaveCount(1);
  await expect(interceptors).toContainText("score");
  await expect(interceptors.getByTestId("quantity-chips")).toContainText("1,200");
  const claims = page.getByTestId("article-claim");
  await expect(claims).toHaveCount(0);
  await expect(page.locator("mark[data-claim-id][data-score]").first()).toBeVisible();

  // The Hegseth sentence is matched with the same claim in the demo article.
  const hegseth = suggestions.filter({ hasText: "Pete Hegseth" });
  await expect(hegseth.getByTestId("match-links")).toContainText(demoArticle.title);

  // Accept two suggestions at once; they become the article's claims.
  await interceptors.getByRole("checkbox").check();
  await hegseth.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Accept selected" }).click();
  await expect(page.getByTestId("suggestions").getByTestId("form-ok")).toHaveText("Suggestions accepted.");
  await expect(claims).toHaveCount(2);
  await expect(claims.filter({ hasText: "1,200 interceptors" })).toHaveCount(1);
  const claimCount = await claims.count();

  // The same text again opens the existing article.
  await page.goto("/articles/new");
  await page.getByLabel("Title").fill(`${title} (again)`);
  await page.getByLabel("Outlet").fill("E2E Wire");
  await page.getByLabel("Article text").fill(text);
  await page.getByRole("button", { name: "Import article" }).click();
  await expect(page.getByTestId("already-imported")).toBeVisible(IMPORT_WAIT);
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

  // The new claim's page shows exactly that span highlighted, and its creation in the history.
  await created.getByRole("link").first().click();
  await expect(page.locator("mark#focused-claim")).toHaveText(phrase);
  await expect(page.getByTestId("history")).toContainText(`${fx.users.editor.name} found the claim`);

  // Rewording keeps the anchor: the same passage stays highlighted.
  const wording = page.getByTestId("wording-form");
  await wording.getByLabel("Claim wording").fill("Deliveries of interceptors doubled in 2024 compared with 2023.");
  await wording.getByRole("button", { name: "Save wording" }).click();
  await expect(wording.getByTestId("form-ok")).toContainText("Wording saved");
  await expect(page.getByTestId("claim-text")).toHaveText("“Deliveries of interceptors doubled in 2024 compared with 2023.”");
  await expect(page.locator("mark#focused-claim")).toHaveText(phrase);
  await expect(wording.getByTestId("anchored-quote")).toContainText(phrase);

  // Selecting the same passage again is refused; nothing is added.
  await page.goto(articleUrl);
  await selectPhrase(page, phrase);
  await page.getByTestId("create-claim-form").getByRole("button", { name: "Create claim" }).click();
  await expect(page.getByTestId("create-claim-form").getByTestId("field-error-start")).toHaveText("This passage is already a claim.");
  await expect(claims).toHaveCount(claimCount + 1);

  // The matched claim links to the demo article's claim, which links back; the editor confirms the match.
  await claims.filter({ hasText: "Pete Hegseth" }).getByTestId("match-links").getByRole("link", { name: demoArticle.title }).click();
  await expect(page.getByTestId("claim-text")).toContainText("Pete Hegseth");
  const matches = page.getByTestId("claim-matches");
  await expect(matches.getByTestId("claim-match").filter({ hasText: title })).toHaveCount(1);
  await matches.getByRole("button", { name: "Confirm match" }).click();
  await expect(matches).toContainText("Confirmed by an editor");
  await matches.getByTestId("claim-match").filter({ hasText: title }).getByRole("link").click();
  await expect(page.getByTestId("claim-matches").getByTestId("claim-match").filter({ hasText: demoArticle.title })).toHaveCount(1);
});
