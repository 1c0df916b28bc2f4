/**
 * The desk runs itself: an admin creates a reviewer, who signs in with the one-time password and must
 * choose their own; the admin changes the role (their open session ends) and deactivates them; an
 * admin edits the verdict scale (a colour below WCAG AA is refused, a retired rating stays on old
 * verdicts).
 */
import { expect, test, type Page } from "@playwright/test";
import { loadFixtures, signInReusing } from "./fixtures";
import { assignClaim, pageFor, takeUnassignedClaim } from "./helpers";

const fx = loadFixtures();
const { admin, editor } = fx.users;

async function signInRaw(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("an admin creates a reviewer, who changes the one-time password; role change and deactivation end their session", async ({ browser, page }) => {
  const stamp = Date.now().toString(36);
  const email = `nora-${stamp}@e2e.claimledger.test`;
  const name = `Nora Newcomer ${stamp}`;
  await signInReusing(page, admin, fx.password);
  await page.goto("/admin/users");
  const create = page.getByTestId("user-create-form");
  await create.getByLabel("Email").fill(email);
  await create.getByLabel("Name").fill(name);
  await create.getByLabel("Role").selectOption("REVIEWER");
  await create.getByRole("button", { name: "Create account" }).click();
  const oneTimePassword = await page.getByTestId("one-time-password-value").inputValue();
  expect(oneTimePassword).toMatch(/^[A-Za-z0-9_-]{16}$/);

  // The same email again: a clear answer beside the field, nothing created.
  await create.getByLabel("Email").fill(email.toUpperCase());
  await create.getByLabel("Name").fill("Twin");
  await create.getByRole("button", { name: "Create account" }).click();
  await expect(create.getByTestId("field-error-email")).toHaveText("A user with this email already exists.");
  const row = page.getByTestId("user-row").filter({ hasText: email });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("user-state")).toContainText("one-time password pending");
  await expect(row.getByTestId("user-mfa")).toHaveText("Off");

  // The reviewer signs in with the one-time password and must choose their own first.
  const newcomer = await (await browser.newContext({ baseURL: test.info().project.use.baseURL })).newPage();
  await signInRaw(newcomer, email, oneTimePassword);
  await expect(newcomer.getByRole("heading", { name: "Choose your password" })).toBeVisible();
  await newcomer.goto("/claims");
  await expect(newcomer.getByRole("heading", { name: "Choose your password" })).toBeVisible();
  const form = newcomer.getByTestId("own-password-form");
  await form.getByLabel("Current password").fill(oneTimePassword);
  await form.getByLabel("New password (12 characters or more)").fill("short");
  await form.getByLabel("New password again").fill("short");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByTestId("field-error-newPassword")).toHaveText("Use at least 12 characters.");
  const chosen = "nora's own long passphrase";
  await form.getByLabel("Current password").fill(oneTimePassword);
  await form.getByLabel("New password (12 characters or more)").fill(chosen);
  await form.getByLabel("New password again").fill(chosen);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(newcomer.getByTestId("password-changed")).toBeVisible();
  await signInRaw(newcomer, email, chosen);
  await expect(newcomer.getByRole("heading", { name: "My claims" })).toBeVisible();

  // The admin changes the role, confirming with their own password (a wrong one is refused).
  await page.reload();
  const roleForm = page.getByTestId("user-row").filter({ hasText: email }).getByTestId("change-role-form");
  await roleForm.getByLabel(`Role of ${name}`).selectOption("EDITOR");
  await roleForm.getByLabel("Your password").fill("not my password");
  await roleForm.getByRole("button", { name: "Change role" }).click();
  await expect(roleForm.getByTestId("field-error-currentPassword")).toContainText("the role was not changed");
  await roleForm.getByLabel("Your password").fill(fx.password);
  await roleForm.getByRole("button", { name: "Change role" }).click();
  await expect(roleForm.getByTestId("form-ok")).toHaveText("Role changed; their sessions have ended.");
  await expect(page.getByTestId("user-row").filter({ hasText: email }).getByTestId("user-role")).toHaveText("Editor");

  // The newcomer's open session has ended; signing in again gives the editor's view.
  await newcomer.goto("/claims");
  await expect(newcomer.getByRole("button", { name: "Sign in" })).toBeVisible();
  await signInRaw(newcomer, email, chosen);
  await expect(newcomer.getByRole("heading", { name: "All claims" })).toBeVisible();

  // Deactivation ends that session too, and sign-in is refused.
  await page.getByTestId("user-row").filter({ hasText: email }).getByRole("button", { name: `Deactivate ${name}` }).click();
  await expect(page.getByTestId("user-row").filter({ hasText: email }).getByTestId("user-state")).toHaveText("Deactivated");
  await newcomer.goto("/claims");
  await expect(newcomer.getByRole("button", { name: "Sign in" })).toBeVisible();
  await signInRaw(newcomer, email, chosen);
  await expect(newcomer.getByTestId("login-error")).toHaveText("Invalid email or password.");
  await newcomer.context().close();
});

test("an admin edits the verdict scale: a failing colour is refused, a retired rating stays on old verdicts", async ({ browser, page }) => {
  const label = `Satire ${Date.now().toString(36)}`;
  await signInReusing(page, admin, fx.password);
  await page.goto("/admin/scale");
  const add = page.getByTestId("new-rating-form");
  await add.getByLabel("Label").fill(label);
  await add.getByLabel("Colour").fill("#ffd700");
  await add.getByLabel("ClaimReview value").selectOption("");
  await add.getByLabel("Needs evidence").uncheck();
  await add.getByRole("button", { name: "Add rating" }).click();
  await expect(add.getByTestId("field-error-color")).toContainText("WCAG 2.2 AA needs 4.5:1. The nearest colour that passes is #");
  await expect(page.getByTestId("scale-rating").filter({ hasText: label })).toHaveCount(0);
  await expect(add.getByLabel("Label")).toHaveValue(label);
  await add.getByLabel("Colour").fill("#5b2c83");
  await add.getByRole("button", { name: "Add rating" }).click();
  await expect(add.getByTestId("form-ok")).toHaveText("Verdict scale saved.");
  const rating = page.getByTestId("scale-rating").filter({ hasText: label });
  await expect(rating).toHaveCount(1);

  // A reviewer gives a claim the new rating.
  const editorPage = await pageFor(browser, editor, fx.password);
  const claim = await takeUnassignedClaim(editorPage, fx.articles[0]!.title);
  await assignClaim(editorPage, claim, fx.users.reviewer2);
  await editorPage.context().close();
  const reviewerPage = await pageFor(browser, fx.users.reviewer2, fx.password);
  await reviewerPage.goto(claim.url);
  const verdictForm = reviewerPage.getByTestId("verdict-form");
  await verdictForm.getByLabel("Verdict").selectOption({ label: `${label} (no evidence needed)` });
  await verdictForm.getByLabel("Rationale (Markdown)").fill("A satirical site's headline, not a factual claim.");
  await verdictForm.getByRole("button", { name: "Propose verdict" }).click();
  await expect(reviewerPage.getByTestId("current-verdict")).toContainText(label);

  // In use: deleting is refused; retiring keeps it on the verdict and out of new choices.
  await page.reload();
  await expect(rating).toContainText("used by verdicts");
  await rating.getByRole("button", { name: "Delete" }).click();
  await expect(rating.getByTestId("delete-form").getByTestId("form-error")).toContainText("Retire it instead");
  await rating.getByRole("button", { name: "Retire" }).click();
  await expect(rating).toContainText("Retired: no new verdicts");
  await reviewerPage.reload();
  await expect(reviewerPage.getByTestId("current-verdict")).toContainText(label);
  const editorAgain = await pageFor(browser, editor, fx.password);
  const next = await takeUnassignedClaim(editorAgain, fx.articles[0]!.title);
  await assignClaim(editorAgain, next, fx.users.reviewer2);
  await editorAgain.context().close();
  await reviewerPage.goto(next.url);
  await expect(reviewerPage.getByTestId("verdict-form").getByLabel("Verdict").locator("option", { hasText: label })).toHaveCount(0);
  await reviewerPage.context().close();
});
