/** Step 2: opening a claim shows it highlighted inside its article, with its evidence, verdict and history. */
import { expect, test } from "@playwright/test";
import { loadFixtures, signInReusing } from "./fixtures";
import { assignClaim, claimRow, historyEntries, pageFor, takeUnassignedClaim } from "./helpers";

const fx = loadFixtures();
const { reviewer, editor } = fx.users;
const article = fx.articles[1]!;

test("the reviewer opens an assigned claim: highlighted in the article text, evidence, verdict and history", async ({ browser, page }) => {
  const editorPage = await pageFor(browser, editor, fx.password);
  const claim = await takeUnassignedClaim(editorPage, article.title);
  await assignClaim(editorPage, claim, reviewer, { priority: "Normal", due: "2026-10-15" });
  await editorPage.context().close();

  await signInReusing(page, reviewer, fx.password);
  await claimRow(page, claim).getByRole("link", { name: claim.text.slice(0, 40) }).click();
  await expect(page).toHaveURL(new RegExp(`${claim.url}$`));

  await expect(page.getByTestId("claim-text")).toHaveText(`“${claim.text}”`);
  await expect(page.getByRole("link", { name: article.title })).toBeVisible();

  // The claim's passage of the article (its paragraph and the ones around it), the claim the one
  // highlighted passage inside it.
  const articleText = page.getByTestId("article-text");
  const excerpt = (await articleText.textContent()) ?? "";
  expect(excerpt.length).toBeGreaterThan(claim.text.length * 3);
  const mark = articleText.locator("mark#focused-claim");
  await expect(mark).toHaveCount(1);
  await expect(mark).toHaveText(claim.text);
  await expect(mark).toHaveAttribute("data-claim-id", claim.id);
  await expect(mark).toBeInViewport();

  const meta = page.getByTestId("claim-meta");
  await expect(meta).toContainText("Assigned");
  await expect(meta).toContainText(`Assigned to: ${reviewer.name}`);
  await expect(meta).toContainText("Due: 2026-10-15");

  const evidence = page.getByRole("region", { name: "Evidence" });
  await expect(evidence.getByRole("heading", { name: "Evidence", exact: true })).toBeVisible();
  await expect(evidence).toContainText("No evidence yet.");
  await expect(evidence.getByTestId("evidence-form")).toBeVisible();

  const verdict = page.getByRole("region", { name: "Verdict" });
  await expect(verdict).toContainText("No verdict yet.");
  await expect(verdict.getByTestId("verdict-form")).toBeVisible();

  // History: the extractor found the claim, then the editor assigned it.
  await expect(page.getByRole("region", { name: "History" })).toBeVisible();
  await expect(historyEntries(page, "claim.create")).toHaveCount(1);
  const assigned = historyEntries(page, "claim.assign");
  await expect(assigned).toHaveCount(1);
  await expect(assigned).toContainText(`${editor.name} assigned the claim`);
  await expect(assigned).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);

  // A reviewer gets no assignment form.
  await expect(page.getByTestId("assign-form")).toHaveCount(0);

  // The whole article is one link away, scrolled to this claim.
  await page.getByTestId("whole-article-link").click();
  await expect(page).toHaveURL(new RegExp(`/articles/[^/#?]+\\?claim=${claim.id}#claim-${claim.id}$`));
  const inArticle = page.locator(`mark#claim-${claim.id}`);
  await expect(inArticle).toHaveText(claim.text);
  await expect(inArticle).toBeInViewport();
  await expect(page.getByTestId("article-text")).toContainText("Pentagon");
});
