/**
 * Step 6: signing out ends the session; a reviewer cannot reach another reviewer's claim by URL or
 * export (404, nothing changes); a stale assignment form is refused and shows the current state.
 */
import { expect, test } from "@playwright/test";
import { loadFixtures, signIn, signInReusing, signOut } from "./fixtures";
import { assignClaim, claimRow, historyEntries, pageFor, takeUnassignedClaim } from "./helpers";

const fx = loadFixtures();
const { reviewer, reviewer2, editor, editor2 } = fx.users;

test("signing out ends the session, also for a copy of the old session cookie", async ({ browser, page }) => {
  await signIn(page, reviewer, fx.password);
  await expect(page.getByRole("heading", { name: "My claims" })).toBeVisible();
  const oldSession = await page.context().storageState();
  expect(oldSession.cookies.some((c) => c.name.includes("next-auth.session-token"))).toBe(true);

  await signOut(page);
  await page.goto("/claims");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fclaims|\/login\?callbackUrl=\/claims/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "My claims" })).toHaveCount(0);

  // The token from before the sign-out no longer opens anything.
  const replay = await browser.newContext({ baseURL: test.info().project.use.baseURL, storageState: oldSession });
  const replayPage = await replay.newPage();
  await replayPage.goto("/claims");
  await expect(replayPage).toHaveURL(/\/login/);
  await expect(replayPage.getByRole("button", { name: "Sign in" })).toBeVisible();
  const csv = await replayPage.request.get(`/articles/${fx.articles[0]!.id}/report.csv`);
  expect(csv.status()).toBe(401);
  await replay.close();
});

test("another reviewer gets Not found for a claim that is not theirs, and 404 for an article export without their claims", async ({ browser, page }) => {
  // An article in which reviewer2 has no claim (the other specs only give them claims of the first one).
  await signInReusing(page, reviewer2, fx.password);
  const listed = await page.getByTestId("claim-row").allTextContents();
  const article = [...fx.articles].reverse().find((a) => !listed.some((text) => text.includes(a.title)));
  expect(article, "an article without claims of reviewer2").toBeDefined();
  const editorPage = await pageFor(browser, editor, fx.password);
  const claim = await takeUnassignedClaim(editorPage, article!.title);
  await assignClaim(editorPage, claim, reviewer);

  const response = await page.goto(claim.url);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByText(claim.text.slice(0, 40))).toHaveCount(0);
  await expect(page.getByTestId("evidence-form")).toHaveCount(0);

  const refused = await page.request.get(`/articles/${article!.id}/report.csv`);
  expect(refused.status()).toBe(404);
  expect(await refused.text()).not.toContain(claim.text.slice(0, 40));

  // The owner of the claim does get the export, with their claim in it.
  const owner = await pageFor(browser, reviewer, fx.password);
  const allowed = await owner.request.get(`/articles/${article!.id}/report.csv`);
  expect(allowed.status()).toBe(200);
  expect(await allowed.text()).toContain(claim.text.slice(0, 40));
  await owner.context().close();

  // Nothing changed on the claim.
  await editorPage.goto(claim.url);
  await expect(editorPage.getByTestId("claim-meta")).toContainText(`Assigned to: ${reviewer.name}`);
  // Found, accepted from the suggestions, assigned — and nothing after (matches with other articles aside).
  await expect(editorPage.getByTestId("history").locator('li:not([data-action^="claim.match"])')).toHaveCount(3);
  await editorPage.context().close();
});

test("a stale assignment form is refused with the current state shown, and nothing is overwritten", async ({ browser }) => {
  const article = fx.articles[1]!;
  const first = await pageFor(browser, editor, fx.password);
  const claim = await takeUnassignedClaim(first, article.title);
  const second = await pageFor(browser, editor2, fx.password);
  await second.goto(claim.url);
  await expect(second.getByTestId("claim-meta")).toContainText("Assigned to: nobody");

  await assignClaim(first, claim, reviewer, { priority: "High", due: "2026-12-01" });

  const form = second.getByTestId("assign-form");
  await form.getByLabel("Assignee").selectOption(reviewer2.id);
  await form.getByLabel("Priority").selectOption({ label: "Low" });
  await form.getByRole("button", { name: "Assign" }).click();
  await expect(form.getByTestId("form-error")).toContainText("This claim changed since you opened it");
  // The page now shows the state the first editor saved.
  const meta = second.getByTestId("claim-meta");
  await expect(meta).toContainText(`Assigned to: ${reviewer.name}`);
  await expect(meta).toContainText("High");
  await expect(meta).toContainText("Due: 2026-12-01");

  // Nothing was overwritten: a fresh load agrees, and the history has the one assignment only.
  await second.reload();
  await expect(second.getByTestId("claim-meta")).toContainText(`Assigned to: ${reviewer.name}`);
  await expect(historyEntries(second, "claim.assign")).toHaveCount(1);
  await expect(historyEntries(second, "claim.assign")).toContainText(editor.name);
  await expect(historyEntries(second, "claim.reassign")).toHaveCount(0);
  const other = await pageFor(browser, reviewer2, fx.password);
  await expect(claimRow(other, claim)).toHaveCount(0);
  await other.context().close();
  await first.context().close();
  await second.context().close();
});
