/** Step 1: a reviewer signs in and lands on "My claims", which lists only the claims assigned to them. */
import { expect, test } from "@playwright/test";
import { loadFixtures, signIn } from "./fixtures";
import { assignClaim, claimRow, pageFor, takeUnassignedClaim } from "./helpers";

const fx = loadFixtures();
const { reviewer, reviewer2, editor } = fx.users;
const article = fx.articles[0]!;

test("a wrong password is refused with a clear message and the user stays on the sign-in page", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(reviewer.email);
  await page.getByLabel("Password").fill(`${fx.password}-wrong`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("Invalid email or password.");
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByRole("heading", { name: "Sign in to ClaimLedger" })).toBeVisible();
  // Not signed in: the claims list still sends the visitor back to sign in.
  await page.goto("/claims");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
});

test("a reviewer lands on My claims and sees only their own claims with status, article, priority and due date", async ({ browser, page }) => {
  const editorPage = await pageFor(browser, editor, fx.password);
  const mine = await takeUnassignedClaim(editorPage, article.title);
  await assignClaim(editorPage, mine, reviewer, { priority: "High", due: "2026-12-31" });
  const theirs = await takeUnassignedClaim(editorPage, article.title);
  expect(theirs.id).not.toBe(mine.id);
  await assignClaim(editorPage, theirs, reviewer2, { priority: "Urgent", due: "2026-11-30" });
  await editorPage.context().close();

  await signIn(page, reviewer, fx.password);
  await expect(page).toHaveURL(/\/claims$/);
  await expect(page.getByRole("heading", { name: "My claims" })).toBeVisible();

  const row = claimRow(page, mine);
  await expect(row).toHaveCount(1);
  const cells = row.getByRole("cell");
  await expect(cells.nth(1)).toHaveText("Assigned");
  await expect(cells.nth(2)).toContainText(article.title);
  await expect(cells.nth(3)).toHaveText(reviewer.name);
  await expect(cells.nth(4)).toHaveText("High");
  await expect(cells.nth(5)).toHaveText("2026-12-31");

  // The claim given to the other reviewer is not listed, and every listed claim is assigned to this reviewer.
  await expect(claimRow(page, theirs)).toHaveCount(0);
  const assignees = await page.getByTestId("claim-row").locator("td:nth-child(4)").allTextContents();
  expect(assignees.length).toBeGreaterThan(0);
  expect(new Set(assignees)).toEqual(new Set([reviewer.name]));
  // No editor-only "Assignee" filter for a reviewer.
  await expect(page.getByRole("form", { name: "Filter claims" }).getByLabel("Assignee")).toHaveCount(0);
});
