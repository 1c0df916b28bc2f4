/**
 * Lists a desk works from: the claims list sorts by due date, priority, status or last change (in
 * the URL like the filters; My claims opens by due date), and the claim page keeps its heading and
 * status in view while it shows the highlighted passage.
 */
import { expect, test } from "@playwright/test";
import { loadFixtures, signInReusing } from "./fixtures";

const fx = loadFixtures();
const RANK: Record<string, number> = { Urgent: 0, High: 1, Normal: 2, Low: 3 };

test("All claims sorts by priority from the URL and keeps the order in its links", async ({ page }) => {
  await signInReusing(page, fx.users.editor, fx.password);
  await page.goto("/claims");
  await expect(page.getByTestId("claim-sort")).toHaveValue("changed");
  await page.getByLabel("Sort by").selectOption("priority");
  await page.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL(/sort=priority/);
  const priorities = await page.getByTestId("claim-row").locator(".badge[class*='priority-']").allTextContents();
  expect(priorities.length).toBeGreaterThan(1);
  const ranks = priorities.map((p) => RANK[p.trim()]!);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  // A junk sort is named and ignored.
  await page.goto("/claims?sort=title");
  await expect(page.getByTestId("claim-sort")).toHaveValue("changed");
  await expect(page.getByTestId("ignored-filters")).toContainText("sort");
});

test("My claims opens by due date, and the claim page keeps its heading in view", async ({ page }) => {
  await signInReusing(page, fx.users.reviewer, fx.password);
  await page.goto("/claims");
  await expect(page.getByTestId("claim-sort")).toHaveValue("due");
  const first = page.getByTestId("claim-row").first();
  if ((await first.count()) === 0) return;
  await first.getByRole("link").first().click();
  await page.waitForURL(/\/claims\/[A-Za-z0-9_-]+$/);
  const heading = page.getByTestId("claim-heading");
  await expect(heading).toHaveCSS("position", "sticky");
  await page.locator("#focused-claim").scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 1500);
  await expect(heading).toBeInViewport();
  await expect(page.getByTestId("claim-meta")).toBeInViewport();
});
