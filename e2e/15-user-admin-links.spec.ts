/**
 * Issue 15, people: an admin hands a new reviewer a one-time set-password link instead of a one-time
 * password (the policy applies, the link works once); two admins acting on the same account from
 * stale pages get a visible conflict, never a silent overwrite.
 */
import { expect, test, type Page } from "@playwright/test";
import { loadFixtures, signInReusing } from "./fixtures";

const fx = loadFixtures();
const { admin } = fx.users;

async function createAccount(page: Page, email: string, name: string, access: "password" | "link") {
  await page.goto("/admin/users");
  const create = page.getByTestId("user-create-form");
  await create.getByLabel("Email").fill(email);
  await create.getByLabel("Name").fill(name);
  await create.getByLabel("Role").selectOption("REVIEWER");
  await create.getByLabel(access === "link" ? "A set-password link that expires" : "A one-time password").check();
  await create.getByRole("button", { name: "Create account" }).click();
}

test("an admin creates a reviewer with a set-password link: the policy applies, the link works once", async ({ browser, page }) => {
  const stamp = Date.now().toString(36);
  const email = `lina-${stamp}@e2e.claimledger.test`;
  await signInReusing(page, admin, fx.password);
  await createAccount(page, email, `Lina Link ${stamp}`, "link");
  // The page first renders the link's path, then makes it absolute with its own origin.
  await expect(page.getByTestId("set-password-link-value")).toHaveValue(/^https?:\/\/[^/]+\/set-password\//);
  const link = await page.getByTestId("set-password-link-value").inputValue();
  expect(link).toMatch(/\/set-password\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId("one-time-password")).toHaveCount(0);
  await expect(page.getByTestId("user-row").filter({ hasText: email }).getByTestId("user-state")).toContainText("set-password link pending until");

  const newcomer = await (await browser.newContext({ baseURL: test.info().project.use.baseURL })).newPage();
  await newcomer.goto(link);
  const form = newcomer.getByTestId("set-password-form");
  await form.getByLabel("New password (12 characters or more, not a common one)").fill("password1234");
  await form.getByLabel("New password again").fill("password1234");
  await form.getByRole("button", { name: "Set password" }).click();
  await expect(form.getByTestId("field-error-newPassword")).toBeVisible();
  const chosen = "lina's lantern by the harbour";
  await form.getByLabel("New password (12 characters or more, not a common one)").fill(chosen);
  await form.getByLabel("New password again").fill(chosen);
  await form.getByRole("button", { name: "Set password" }).click();
  await expect(newcomer.getByTestId("set-password-done")).toContainText("Your password is set.");

  await newcomer.goto("/login");
  await newcomer.getByLabel("Email").fill(email);
  await newcomer.getByLabel("Password").fill(chosen);
  await newcomer.getByRole("button", { name: "Sign in" }).click();
  await expect(newcomer.getByRole("heading", { name: "My claims" })).toBeVisible();

  // The link is spent.
  await newcomer.goto(link);
  await expect(newcomer.getByTestId("set-password-refused")).toContainText("already been used");
  await expect(newcomer.getByTestId("set-password-form")).toHaveCount(0);
  await newcomer.context().close();
});

test("two admins on the same account: the stale page's step is refused with a visible conflict", async ({ browser, page }) => {
  const stamp = Date.now().toString(36);
  const email = `cora-${stamp}@e2e.claimledger.test`;
  const name = `Cora Conflict ${stamp}`;
  await signInReusing(page, admin, fx.password);
  await createAccount(page, email, name, "password");
  await expect(page.getByTestId("one-time-password")).toBeVisible();

  // A second admin tab opens the users page, then the first deactivates the account.
  const other = await (await browser.newContext({ baseURL: test.info().project.use.baseURL })).newPage();
  await signInReusing(other, admin, fx.password);
  await other.goto("/admin/users");
  await page.reload();
  await page.getByTestId("user-row").filter({ hasText: email }).getByRole("button", { name: `Deactivate ${name}` }).click();
  await expect(page.getByTestId("user-row").filter({ hasText: email }).getByTestId("user-state")).toHaveText("Deactivated");

  // The stale tab changes the role: refused, shown, nothing overwritten.
  const roleForm = other.getByTestId("user-row").filter({ hasText: email }).getByTestId("change-role-form");
  await roleForm.getByLabel(`Role of ${name}`).selectOption("EDITOR");
  await roleForm.getByLabel("Your password").fill(fx.password);
  await roleForm.getByRole("button", { name: "Change role" }).click();
  await expect(other.getByTestId("refused-submission")).toContainText("This account changed since you opened it");
  const row = other.getByTestId("user-row").filter({ hasText: email });
  await expect(row.getByTestId("user-role")).toHaveText("Reviewer");
  await expect(row.getByTestId("user-state")).toContainText("Deactivated");
  await other.context().close();
});
