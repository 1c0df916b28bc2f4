/**
 * axe-core (through @axe-core/playwright) over every main page, as the role that uses it, with the
 * WCAG 2.0/2.1/2.2 A and AA rules: zero violations. A failure lists each rule with its offending nodes.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { loadFixtures, signIn } from "./fixtures";
import { assignClaim, pageFor, takeUnassignedClaim } from "./helpers";

const fx = loadFixtures();
const article = fx.articles[0]!;

async function expectNoViolations(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} loads`).toBeLessThan(400);
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join("\n    ")}`);
  expect(found, `axe violations on ${path}`).toEqual([]);
}

test("the sign-in page has no accessibility violations", async ({ page }) => {
  await expectNoViolations(page, "/login");
});

test("the reviewer's pages have no accessibility violations", async ({ browser, page }) => {
  const editorPage = await pageFor(browser, fx.users.editor, fx.password);
  const claim = await takeUnassignedClaim(editorPage, article.title);
  await assignClaim(editorPage, claim, fx.users.reviewer);
  await editorPage.context().close();
  await signIn(page, fx.users.reviewer, fx.password);
  for (const path of ["/claims", claim.url, "/notifications", "/pool", "/account"]) await expectNoViolations(page, path);
});

test("the editor's and admin's pages have no accessibility violations", async ({ page }) => {
  await signIn(page, fx.users.admin, fx.password);
  await page.goto(`/claims`);
  const firstClaim = await page.getByTestId("claim-row").first().getByRole("link").first().getAttribute("href");
  const paths = [
    "/claims",
    firstClaim ?? "/claims",
    `/articles/${article.id}`,
    "/articles/new",
    "/reports",
    `/reports/print?articleId=${article.id}&includeWip=1`,
    "/dashboard",
    "/workload",
    "/activity",
    "/notifications",
    "/admin/settings",
    "/admin/users",
    "/admin/scale",
    "/admin/tokens",
    "/account",
  ];
  for (const path of paths) await expectNoViolations(page, path);
});
