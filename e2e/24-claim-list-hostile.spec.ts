/**
 * The claims list with hostile data (issue 13's list work): article titles, outlets and claim texts
 * with markup, quotes and bidi controls show as text and run nothing; an editor ticks rows with the keyboard, "select all" ticks
 * this page, the bulk form sends exactly the ticked rows; ?perPage= is kept by the filter form; axe
 * finds no violation on the list.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { loadFixtures, signInReusing } from "./fixtures";

const fx = loadFixtures();

test("hostile text stays text, keyboard selection and select-all drive the bulk form, axe is clean", async ({ page }) => {
  test.setTimeout(180_000);
  const alerts: string[] = [];
  page.on("dialog", async (dialog) => {
    alerts.push(dialog.message());
    await dialog.dismiss();
  });
  await signInReusing(page, fx.users.editor, fx.password);
  const title = `<img src=x onerror=alert(1)>"'&<\u202Eevil ${Date.now()}`;
  await page.goto("/articles/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Outlet").fill(`<i>Wire</i>\u202E"'&`);
  await page.getByLabel("Article text").fill(
    "The minister said unemployment fell to 5 percent in 2024 <script>alert(2)</script>. " +
      "Officials reported that 😀 exports rose 12 percent last year. The agency counted 2,000 cases in March.",
  );
  await page.getByRole("button", { name: "Import article" }).click();
  // The first import of a run starts the extraction workers: slow on a loaded machine.
  await expect(page.getByRole("heading", { name: title })).toBeVisible({ timeout: 120_000 });
  const articleId = new URL(page.url()).pathname.split("/").at(-1)!;
  // Every suggested sentence becomes a claim.
  const boxes = page.getByTestId("suggestions").getByTestId("suggestion").getByRole("checkbox");
  await expect(boxes.first()).toBeVisible();
  for (const box of await boxes.all()) await box.check();
  await page.getByRole("button", { name: "Accept selected" }).click();
  await expect(page.getByRole("heading", { name: /^Claims \([1-9]\d*\)$/ })).toBeVisible({ timeout: 60_000 });
  await page.goto(`/claims?perPage=25&articleId=${articleId}`);
  const rows = page.getByTestId("claim-row");
  await expect(rows.first()).toBeVisible();
  // The title and the claims' text are shown as written, and nothing ran.
  await expect(rows.first().getByRole("link", { name: title })).toBeVisible();
  await expect(page.getByRole("link", { name: /unemployment fell to 5 percent in 2024 <script>alert\(2\)<\/script>/ })).toBeVisible();
  expect(await page.locator("tbody img, tbody script").count()).toBe(0);
  expect(alerts).toEqual([]);

  await page.goto("/claims?perPage=25&assigneeId=none");
  await expect(rows.first()).toBeVisible();

  // Keyboard: focus the first row's box, Space ticks it, Space again unticks it.
  const bulk = page.getByTestId("bulk-assign-form");
  const first = rows.first().getByRole("checkbox");
  await first.focus();
  await page.keyboard.press("Space");
  await expect(first).toBeChecked();
  await expect(bulk.getByRole("button", { name: "Apply to 1 selected" })).toBeEnabled();
  const firstId = await rows.first().getAttribute("data-claim-id");
  await expect(bulk.locator('input[name="claims"]')).toHaveValue(new RegExp(`^${firstId}@\\d+$`));
  await page.keyboard.press("Space");
  await expect(first).not.toBeChecked();
  await expect(bulk.locator('input[name="claims"]')).toHaveValue("");

  // Select all ticks every row of this page, and the form carries each row's id@version in order.
  const count = await rows.count();
  const selectAll = page.getByRole("checkbox", { name: `Select all ${count} claims on this page` });
  await selectAll.focus();
  await page.keyboard.press("Space");
  for (let i = 0; i < count; i++) await expect(rows.nth(i).getByRole("checkbox")).toBeChecked();
  const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-claim-id")));
  const sent = await bulk.locator('input[name="claims"]').inputValue();
  expect(sent.split(",").map((key) => key.split("@")[0])).toEqual(ids);
  await page.keyboard.press("Space");
  for (let i = 0; i < count; i++) await expect(rows.nth(i).getByRole("checkbox")).not.toBeChecked();

  // The page size survives the filter form.
  await page.getByRole("form", { name: "Filter claims" }).getByRole("button", { name: "Filter" }).click();
  await page.waitForURL(/perPage=25/);
  // Choosing another size in the form changes the rows shown, and the choice stays in the form.
  const filter = page.getByRole("form", { name: "Filter claims" });
  await filter.getByLabel("Rows a page").selectOption("50");
  await filter.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL(/perPage=50/);
  await expect(filter.getByLabel("Rows a page")).toHaveValue("50");
  expect(await rows.count()).toBeLessThanOrEqual(50);
  expect(await rows.count()).toBeGreaterThanOrEqual(count);

  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join("\n    ")}`);
  expect(found).toEqual([]);
  expect(alerts).toEqual([]);
});
