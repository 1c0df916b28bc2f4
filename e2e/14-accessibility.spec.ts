/**
 * axe-core (through @axe-core/playwright) over every main page, as the role that uses it, with the
 * WCAG 2.0/2.1/2.2 A and AA rules: zero violations. A failure lists each rule with its offending nodes.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { loadFixtures, signIn, type E2EUser } from "./fixtures";
import { assignClaim, pageFor, takeUnassignedClaim } from "./helpers";

const fx = loadFixtures();
const article = fx.articles[0]!;

test.describe.configure({ timeout: 180_000 });

async function expectNoViolations(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} loads`).toBeLessThan(400);
  await expect(page.locator("main")).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => `${n.target.join(" ")} ${n.failureSummary ?? ""}`).slice(0, 5).join("\n    ")}`);
  expect(found, `axe violations on ${path}`).toEqual([]);
}

test("sign-in page", async ({ page }) => {
  await expectNoViolations(page, "/login");
});

test("a reviewer's claim page", async ({ browser, page }) => {
  const editorPage = await pageFor(browser, fx.users.editor, fx.password);
  const claim = await takeUnassignedClaim(editorPage, article.title);
  await assignClaim(editorPage, claim, fx.users.reviewer);
  await editorPage.context().close();
  await signIn(page, fx.users.reviewer, fx.password);
  await expectNoViolations(page, claim.url);
});

const PAGES: [string, keyof typeof fx.users, () => string][] = [
  ["My claims", "reviewer", () => "/claims"],
  ["Pool", "reviewer", () => "/pool"],
  ["All claims", "editor", () => "/claims"],
  ["article page", "editor", () => `/articles/${article.id}`],
  ["new article", "editor", () => "/articles/new"],
  ["reports", "editor", () => "/reports"],
  ["printable report", "editor", () => `/reports/print?articleId=${article.id}&includeWip=1`],
  ["dashboard", "editor", () => "/dashboard"],
  ["workload", "editor", () => "/workload"],
  ["activity", "editor", () => "/activity"],
  ["notifications", "reviewer", () => "/notifications"],
  ["admin settings", "admin", () => "/admin/settings"],
  ["admin users", "admin", () => "/admin/users"],
  ["verdict scale", "admin", () => "/admin/scale"],
  ["API tokens", "admin", () => "/admin/tokens"],
  ["account", "reviewer", () => "/account"],
];

for (const [name, role, path] of PAGES) {
  test(`${name} (${role})`, async ({ page }) => {
    const user: E2EUser = fx.users[role];
    await signIn(page, user, fx.password);
    await expectNoViolations(page, path());
  });
}

test("an editor's claim page with a verdict", async ({ page }) => {
  await signIn(page, fx.users.editor, fx.password);
  await page.goto("/claims?status=PROPOSED");
  const row = page.getByTestId("claim-row").first();
  const href = (await row.count()) ? await row.getByRole("link").first().getAttribute("href") : null;
  await expectNoViolations(page, href ?? "/claims");
});
