import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { loadFixtures, signInReusing } from "./fixtures";
import { importPastedArticle } from "./helpers";

const fx = loadFixtures();

test("tick 10 → Accept selected → tick 3 others → Reject selected rejects only those 3; the selection clears after every action", async ({ page }) => {
  const tag = randomUUID().slice(0, 8);
  const title = `Bulk review ${tag}`;
  const places = ["Avdiivka", "Bakhmut", "Kherson", "Kharkiv", "Sumy", "Odesa", "Mykolaiv", "Dnipro", "Zaporizhzhia", "Pokrovsk", "Izium", "Lyman", "Kupiansk", "Vuhledar", "Chernihiv", "Poltava"];
  const text = places.map((place, i) => `The ministry said on Monday that ${120 + i * 37} rockets had been fired at ${place} since March, officials said.`).join("\n\n");

  await signInReusing(page, fx.users.editor, fx.password);
  await importPastedArticle(page, title, text);

  const review = page.getByTestId("suggestions");
  const rows = review.getByTestId("suggestion");
  await expect(rows.first()).toBeVisible();
  const n = await rows.count();
  expect(n, "suggestions found in the 16-sentence text").toBeGreaterThanOrEqual(13);
  const texts = await rows.getByRole("link").allTextContents();

  // Tick 10 and accept them.
  for (let i = 0; i < 10; i++) await rows.nth(i).getByRole("checkbox").check();
  await review.getByRole("button", { name: "Accept selected" }).click();
  await expect(page.getByText("Suggestions accepted.")).toBeVisible();
  await expect(rows).toHaveCount(n - 10);
  // Nothing stays ticked, and the buttons wait for a new selection.
  await expect(review.getByRole("checkbox", { checked: true })).toHaveCount(0);
  await expect(review.getByRole("button", { name: "Reject selected" })).toBeDisabled();

  // Tick 3 of the remaining suggestions and reject them.
  const rejectedTexts = await Promise.all([0, 1, 2].map((i) => rows.nth(i).getByRole("link").textContent()));
  for (let i = 0; i < 3; i++) await rows.nth(i).getByRole("checkbox").check();
  await expect(review.getByRole("button", { name: "Reject selected" })).toBeEnabled();
  await review.getByRole("button", { name: "Reject selected" }).click();
  await expect(page.getByText("Suggestions rejected.")).toBeVisible();
  await expect(rows).toHaveCount(n - 13);
  await expect(review.getByRole("checkbox", { checked: true })).toHaveCount(0);

  // The 10 accepted claims are still claims of the article; exactly the 3 ticked ones were rejected.
  const claims = page.getByTestId("article-claims").getByTestId("article-claim");
  await expect(claims).toHaveCount(10);
  for (const accepted of texts.slice(0, 10)) await expect(claims.filter({ hasText: accepted })).toHaveCount(1);
  const rejected = page.getByTestId("rejected-suggestions").getByTestId("suggestion");
  await expect(rejected).toHaveCount(3);
  for (const r of rejectedTexts) await expect(rejected.filter({ hasText: r ?? "" })).toHaveCount(1);

  // "Select all" on the rejected list and restore: only those 3 come back, the accepted 10 stay.
  await page.getByText(/Rejected suggestions \(3\)/).click();
  await page.getByTestId("rejected-suggestions").getByRole("checkbox", { name: /Select all/ }).check();
  await page.getByTestId("rejected-suggestions").getByRole("button", { name: "Restore selected" }).click();
  await expect(rows).toHaveCount(n - 10);
  await expect(claims).toHaveCount(10);
});
