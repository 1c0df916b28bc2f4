import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { loadFixtures, signInReusing } from "./fixtures";
import { importPastedArticle } from "./helpers";

const fx = loadFixtures();

test("an editor sees the suggested claimant, corrects it on the claim page and filters the claims list by it", async ({ page }) => {
  const tag = randomUUID().slice(0, 8);
  const title = `Claimant report ${tag}`;
  const text = [
    `Defense Secretary Pete Hegseth said on Tuesday that 3,000 ${tag} missiles would stay in storage until next year.`,
    `The ${tag} contract is worth $2.5bn, according to Reuters.`,
    `The ministry said on Feb. 12 that ${tag} prices rose by 10-15% in the 2026 fiscal year.`,
  ].join("\n\n");

  await signInReusing(page, fx.users.editor, fx.password);
  await importPastedArticle(page, title, text);

  // The suggestions name who made each claim; accept them all.
  const review = page.getByTestId("suggestions");
  await expect(review.getByTestId("suggestion").filter({ hasText: "missiles" })).toContainText("claimed by Defense Secretary Pete Hegseth");
  await expect(review.getByTestId("suggestion").filter({ hasText: "contract" })).toContainText("claimed by Reuters");
  // Quantity chips: a range is a range, a year and a day are dates, not amounts.
  const prices = review.getByTestId("suggestion").filter({ hasText: "prices rose" });
  await expect(prices).toContainText("claimed by the ministry");
  const chips = prices.getByTestId("quantity-chips");
  await expect(chips.locator('[data-kind="PERCENT"]')).toHaveText("10–15%");
  await expect(chips.locator('[data-kind="DATE"]')).toHaveText(["date Feb 12", "date 2026"]);
  await expect(chips).not.toContainText("2,026");
  await review.getByRole("checkbox", { name: /Select all/ }).check();
  await review.getByRole("button", { name: "Accept selected" }).click();
  await expect(page.getByTestId("article-claims").getByTestId("article-claim")).toHaveCount(3);

  // Filter the claims list by words of the claimant.
  await page.goto(`/claims?claimant=${encodeURIComponent("hegseth")}&q=${tag}`);
  const rows = page.getByTestId("claim-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.getByTestId("row-claimant")).toHaveText("Claimed by Defense Secretary Pete Hegseth");

  // Correct it on the claim page: audited, shown, and found by the filter.
  await rows.getByRole("link").first().click();
  await expect(page.getByTestId("claim-claimant")).toHaveText("Claimed by: Defense Secretary Pete Hegseth (person)");
  const form = page.getByTestId("claimant-form");
  await form.getByLabel("Claimant (who made the claim)").fill("Pentagon press office");
  await form.getByLabel("Kind").selectOption("ORGANIZATION");
  await form.getByRole("button", { name: "Save claimant" }).click();
  await expect(page.getByText("Claimant saved.")).toBeVisible();
  await expect(page.getByTestId("claim-claimant")).toHaveText("Claimed by: Pentagon press office (organization)");

  // A name without a kind is refused at the field, and nothing changes.
  await form.getByLabel("Claimant (who made the claim)").fill("Someone");
  await form.getByLabel("Kind").selectOption("");
  await form.getByRole("button", { name: "Save claimant" }).click();
  await expect(form.getByTestId("field-error-claimantKind")).toHaveText("Choose a person or an organization.");
  await expect(page.getByTestId("claim-claimant")).toHaveText("Claimed by: Pentagon press office (organization)");

  await page.goto(`/claims?claimant=${encodeURIComponent("press office")}&q=${tag}`);
  await expect(page.getByTestId("claim-row")).toHaveCount(1);
  await page.goto(`/claims?claimant=hegseth&q=${tag}`);
  await expect(page.getByTestId("claim-row")).toHaveCount(0);
});
