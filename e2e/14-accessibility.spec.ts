/**
 * axe-core (through @axe-core/playwright) over every main page, as the role that uses it, with the
 * WCAG 2.0/2.1/2.2 A and AA rules: zero violations. A failure lists each rule with its offending nodes.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { loadFixtures, signInReusing, type E2EUser } from "./fixtures";
import { assignClaim, fillVerdict, pageFor, takeUnassignedClaim } from "./helpers";

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
  await signInReusing(page, fx.users.reviewer, fx.password);
  await expectNoViolations(page, claim.url);
});

const PAGES: [string, keyof typeof fx.users, () => string][] = [
  ["My claims", "reviewer", () => "/claims"],
  ["Pool", "reviewer", () => "/pool"],
  ["All claims", "editor", () => "/claims"],
  ["articles", "editor", () => "/articles"],
  ["article page", "editor", () => `/articles/${article.id}`],
  ["new article", "editor", () => "/articles/new"],
  ["reports", "editor", () => "/reports"],
  ["printable report", "editor", () => `/reports/print?articleId=${article.id}&includeWip=1`],
  ["dashboard", "editor", () => "/dashboard"],
  ["agreement", "editor", () => "/dashboard/agreement"],
  ["workload", "editor", () => "/workload"],
  ["activity", "editor", () => "/activity"],
  ["notifications", "reviewer", () => "/notifications"],
  ["admin settings", "admin", () => "/admin/settings"],
  ["admin users", "admin", () => "/admin/users"],
  ["verdict scale", "admin", () => "/admin/scale"],
  ["API tokens", "admin", () => "/admin/tokens"],
  ["account", "reviewer", () => "/account"],
  ["two-factor sign-in", "reviewer", () => "/account/two-factor"],
  ["desk", "admin", () => "/admin/desk"],
];

for (const [name, role, path] of PAGES) {
  test(`${name} (${role})`, async ({ page }) => {
    const user: E2EUser = fx.users[role];
    await signInReusing(page, user, fx.password);
    await expectNoViolations(page, path());
  });
}

test("an editor's claim page with a verdict", async ({ page }) => {
  await signInReusing(page, fx.users.editor, fx.password);
  await page.goto("/claims?status=PROPOSED");
  const row = page.getByTestId("claim-row").first();
  const href = (await row.count()) ? await row.getByRole("link").first().getAttribute("href") : null;
  await expectNoViolations(page, href ?? "/claims");
});

test("a published claim: its public fact-check pages, the claim's printable report, and a set-password link's page", async ({ browser, page }) => {
  // The editor assigns a claim, the reviewer proposes a verdict that needs no evidence, another editor approves and publishes.
  const editorPage = await pageFor(browser, fx.users.editor, fx.password);
  const claim = await takeUnassignedClaim(editorPage, article.title);
  await assignClaim(editorPage, claim, fx.users.reviewer);
  const reviewerPage = await pageFor(browser, fx.users.reviewer, fx.password);
  await reviewerPage.goto(claim.url);
  await fillVerdict(reviewerPage, "Not checkable / opinion (no evidence needed)", "An opinion, not a factual claim.");
  await expect(reviewerPage.getByTestId("claim-meta")).toContainText("Verdict proposed");
  await reviewerPage.context().close();
  await editorPage.goto(claim.url);
  await editorPage.getByTestId("approve-form").getByRole("button", { name: "Approve verdict" }).click();
  await expect(editorPage.getByTestId("claim-meta")).toContainText("Approved");
  await editorPage.getByTestId("publish-form").getByRole("button", { name: "Publish verdict" }).click();
  await expect(editorPage.getByTestId("claim-meta")).toContainText("Published");
  await expectNoViolations(editorPage, `${claim.url}/report`);
  await editorPage.context().close();

  // The public site, as an anonymous visitor.
  const visitor = await (await browser.newContext({ baseURL: test.info().project.use.baseURL })).newPage();
  const claimId = claim.url.split("/").pop()!;
  for (const path of ["/fact-checks", `/fact-checks/${claimId}`, "/fact-checks/corrections-policy"]) await expectNoViolations(visitor, path);

  // A set-password link's page, as the newcomer opens it, and a spent or unknown link's answer.
  await signInReusing(page, fx.users.admin, fx.password);
  await page.goto("/admin/users");
  const create = page.getByTestId("user-create-form");
  const stamp = Date.now().toString(36);
  await create.getByLabel("Email").fill(`axe-${stamp}@e2e.claimledger.test`);
  await create.getByLabel("Name").fill(`Axe Link ${stamp}`);
  await create.getByLabel("A set-password link that expires").check();
  await create.getByRole("button", { name: "Create account" }).click();
  // The page first renders the link's path, then makes it absolute with its own origin.
  const linkField = page.getByTestId("set-password-link-value");
  await expect(linkField).toHaveValue(/^https?:\/\/[^/]+\/set-password\//);
  const link = new URL(await linkField.inputValue());
  await expectNoViolations(visitor, link.pathname);
  await expectNoViolations(visitor, "/set-password/not-a-real-link");
  await visitor.context().close();
});
