import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { loadFixtures, signInReusing } from "./fixtures";
import { importPastedArticle, selectPhrase } from "./helpers";

const fx = loadFixtures();

/** Letters-only ids (digits would make every paragraph a check-worthy suggestion). */
function letters(n: number): string {
  let out = "";
  do {
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}

test("a long article is shown in parts: each page holds one part, a claim selected in a later part is anchored where it is, and the claim page's link opens its part", async ({ page }) => {
  const tag = randomUUID().slice(0, 8);
  const title = `Long walk ${tag}`;
  // About 170,000 code points in paragraphs; "🌊" (two UTF-16 units) in each makes code-point and
  // UTF-16 offsets differ, so a selection in a later part is only right if its base offset is.
  const paragraphs = Array.from({ length: 1300 }, (_, i) => `Section ${letters(i)} 🌊 of the walk along the quiet river, where the path bends toward the old mill and the reeds.`);
  const text = `Desk note ${tag}.\n\n${paragraphs.join("\n\n")}`;
  const phrase = `Section ${letters(700)} 🌊 of the walk`;

  await signInReusing(page, fx.users.editor, fx.password);
  await importPastedArticle(page, title, text);
  const articleUrl = page.url().replace(/\?.*$/, "");
  const articleText = page.getByTestId("article-text");
  await expect(page.getByTestId("part-nav-top").getByTestId("part-position")).toHaveText("Part 1 of 3");
  await expect(articleText).toContainText(`Section ${letters(0)} 🌊`);
  await expect(articleText).not.toContainText(phrase);
  const source = await (await page.request.get(page.url())).text();
  expect(source, "the page carries one part, not the whole text").toContain(`Section ${letters(0)} 🌊`);
  expect(source, "the page carries one part, not the whole text").not.toContain(`Section ${letters(1299)} 🌊`);

  // The next part holds the phrase; a claim selected there is anchored to exactly it.
  await page.getByTestId("part-nav-bottom").getByTestId("next-part").click();
  await expect(page.getByTestId("part-nav-top").getByTestId("part-position")).toHaveText("Part 2 of 3");
  await expect(articleText).toContainText(phrase);
  await expect(articleText).not.toContainText(`Desk note ${tag}`);
  await selectPhrase(page, phrase);
  await expect(page.getByTestId("selection-quote")).toHaveText(phrase);
  await page.getByTestId("create-claim-form").getByRole("button", { name: "Create claim" }).click();
  await expect(page.getByTestId("create-claim-form").getByTestId("form-ok")).toHaveText("Claim created from the selection.");
  const created = page.getByTestId("article-claim").filter({ hasText: phrase });
  await expect(created).toHaveCount(1);
  await expect(page.locator("mark[data-claim-id]").filter({ hasText: phrase })).toHaveCount(1);

  // Its page shows that span; "Read the whole article" opens part 2 at the claim.
  await created.getByRole("link").first().click();
  await expect(page.locator("mark#focused-claim")).toHaveText(phrase);
  const claimId = await page.locator("mark#focused-claim").getAttribute("data-claim-id");
  await page.getByTestId("whole-article-link").click();
  await expect(page).toHaveURL(new RegExp(`\\?claim=${claimId}#claim-${claimId}$`));
  await expect(page.getByTestId("part-nav-top").getByTestId("part-position")).toHaveText("Part 2 of 3");
  await expect(page.locator(`mark#claim-${claimId}`)).toHaveText(phrase);
  await expect(page.locator(`mark#claim-${claimId}`)).toBeInViewport();

  // A part that is not a number, or past the end, is named and the nearest part shown.
  await page.goto(`${articleUrl}?part=abc`);
  await expect(page.getByTestId("part-notice")).toContainText("Part must be a whole number from 1.");
  await expect(page.getByTestId("part-nav-top").getByTestId("part-position")).toHaveText("Part 1 of 3");
  await page.goto(`${articleUrl}?part=9`);
  await expect(page.getByTestId("part-notice")).toHaveText("This article has 3 parts; showing the last.");
  await expect(page.getByTestId("part-nav-top").getByTestId("part-position")).toHaveText("Part 3 of 3");
  await expect(articleText).toContainText(`Section ${letters(1299)} 🌊`);
});
