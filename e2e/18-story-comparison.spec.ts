/**
 * Issue 18 on the demo desk: the two demo articles are one story (suggested on import). Its page shows
 * the Hegseth-approval pair aligned, what each outlet alone asserts, the Reuters-versus-Wall-Street-
 * Journal "who reported first" conflict and the tone figures with their lexicon named; once an editor
 * approves different verdicts on the pair, the story page and both claim pages warn, until the editor
 * records why they differ. The exports carry the same comparison; axe finds no violation on the page.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { loadFixtures, signInReusing } from "./fixtures";
import { csvObjects, fillVerdict, pageFor, parseCsv } from "./helpers";

const fx = loadFixtures();
const storyUrl = `/stories/${fx.story.id}`;
const [hegsethA, hegsethB] = fx.story.hegsethClaimIds as [string, string];
const [first, second] = fx.articles as [(typeof fx.articles)[number], (typeof fx.articles)[number]];

test.describe.configure({ mode: "serial", timeout: 180_000 });

/** axe-core with the WCAG 2.0/2.1/2.2 A and AA rules over the current page: zero violations. */
async function expectNoAxeViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join("\n    ")}`);
  expect(found, `axe violations on ${what}`).toEqual([]);
}

async function openStory(page: Page) {
  await page.goto(storyUrl);
  await expect(page.getByTestId("story-title")).toBeVisible();
}

test("the story page aligns the Hegseth pair, lists what each outlet alone asserts, flags who reported first and shows tone with its lexicon", async ({ page }) => {
  await signInReusing(page, fx.users.editor, fx.password);
  await openStory(page);
  await expect(page.getByTestId("story-article")).toHaveCount(2);

  // Side by side: the Hegseth-approval claim of each article in one row, one cell per article.
  const row = page.getByTestId("aligned-row").filter({ hasText: "Hegseth" });
  await expect(row).toHaveCount(1);
  await expect(row.locator(`td[data-article-id="${first.id}"]`).getByTestId("aligned-claim")).toContainText("Hegseth");
  await expect(row.locator(`td[data-article-id="${second.id}"]`).getByTestId("aligned-claim")).toContainText("Hegseth");
  await expect(row.getByTestId("aligned-claim").locator("a")).toHaveCount(2);
  expect((await row.getByTestId("aligned-claim").evaluateAll((els) => els.map((e) => e.getAttribute("data-claim-id")))).sort()).toEqual([hegsethA, hegsethB].sort());

  // Outlet-only: at least three claims each, with the demo's own-outlet facts on the right side.
  for (const article of fx.articles) {
    const only = page.locator(`[data-testid="outlet-only"][data-article-id="${article.id}"]`);
    expect(await only.getByTestId("outlet-only-claim").count(), `outlet-only claims of ${article.title}`).toBeGreaterThanOrEqual(3);
  }
  const onlyFirst = page.locator(`[data-testid="outlet-only"][data-article-id="${first.id}"]`);
  const onlySecond = page.locator(`[data-testid="outlet-only"][data-article-id="${second.id}"]`);
  await expect(onlyFirst).toContainText("Article 51");
  await expect(onlyFirst).toContainText("North Korea");
  for (const phrase of ["Elbridge Colby", "Storm Shadow", "3,000", "green, yellow, and red"]) await expect(onlySecond).toContainText(phrase);
  await expect(onlyFirst).not.toContainText("Elbridge Colby");

  // The source conflict: one credits Reuters, the other says the Wall Street Journal first reported it.
  const firstReport = page.locator('[data-testid="contradiction"][data-kind="FIRST_REPORT"]');
  await expect(firstReport).toHaveCount(1);
  await expect(firstReport).toContainText("Who reported first");
  await expect(firstReport).toContainText("Reuters");
  await expect(firstReport).toContainText("Wall Street Journal");

  // Tone: a figure per outlet, the loaded words marked, the lexicon and its source named.
  const tone = page.getByTestId("tone-figure");
  await expect(tone).toHaveCount(2);
  for (const figure of await tone.all()) await expect(figure.getByTestId("tone-share")).toHaveText(/^\d+\.\d%$/);
  const herald = page.locator(`[data-testid="tone-figure"][data-article-id="${second.id}"]`).getByTestId("tone-words");
  for (const word of ["chokehold", "duplicity", "hypocrisy"]) await expect(herald.locator("mark", { hasText: word })).toHaveCount(1);
  await expect(page.getByTestId("tone-lexicon")).toContainText("AFINN-165");
  await expect(page.getByTestId("tone-lexicon").getByRole("link")).toHaveAttribute("href", /^https:\/\//);
  await expect(page.getByTestId("verdict-conflicts-empty")).toBeVisible();
});

test("different approved verdicts on the Hegseth pair warn on the story page and both claim pages until the editor records why", async ({ browser, page }) => {
  // The pair's reviewer proposes a verdict on each (ones that need no evidence), another editor approves.
  const reviewerPage = await pageFor(browser, fx.users.storyReviewer, fx.password);
  for (const [claimId, label] of [
    [hegsethA, "Unproven (no evidence needed)"],
    [hegsethB, "Not checkable / opinion (no evidence needed)"],
  ] as const) {
    await reviewerPage.goto(`/claims/${claimId}`);
    await fillVerdict(reviewerPage, label, "Read against the other outlet's account of the approval process.");
    await expect(reviewerPage.getByTestId("claim-meta")).toContainText("Verdict proposed");
  }
  await reviewerPage.context().close();

  await signInReusing(page, fx.users.editor, fx.password);
  for (const claimId of [hegsethA, hegsethB]) {
    await page.goto(`/claims/${claimId}`);
    // One approved, the other still proposed: no conflict yet.
    if (claimId === hegsethB) await expect(page.getByTestId("story-verdict-conflict")).toHaveCount(0);
    await page.getByTestId("approve-form").getByRole("button", { name: "Approve verdict" }).click();
    await expect(page.getByTestId("claim-meta")).toContainText("Approved");
  }

  // Both claim pages warn, linking to the story.
  for (const claimId of [hegsethA, hegsethB]) {
    await page.goto(`/claims/${claimId}`);
    const warning = page.getByTestId("story-verdict-conflict");
    await expect(warning).toContainText("Verdict conflict in story");
    await expect(warning.getByRole("link").first()).toHaveAttribute("href", `${storyUrl}#verdict-conflicts`);
  }

  // The story page lists the conflict with both verdicts and links to each claim.
  await openStory(page);
  const conflict = page.getByTestId("verdict-conflict");
  await expect(conflict).toHaveCount(1);
  await expect(conflict.getByTestId("conflict-verdict")).toHaveCount(2);
  await expect(conflict).toContainText("Unproven");
  await expect(conflict).toContainText("Not checkable / opinion");
  await expect(conflict.locator(`a[href="/claims/${hegsethA}"]`)).toHaveCount(1);

  // An empty note is refused at the field; nothing is recorded.
  const form = conflict.getByTestId("explain-conflict-form");
  await form.getByRole("button", { name: "Record why they differ" }).click();
  await expect(form.getByTestId("field-error-note")).toHaveText("Say why the verdicts differ.");
  await expect(page.getByTestId("verdict-conflict")).toHaveCount(1);
  await expectNoAxeViolations(page, "the story page with an open verdict conflict and its form");

  // The editor records why they differ: the warning goes from the story page and the claim pages.
  await form.getByLabel(/Why the verdicts differ/).fill("One outlet states the approval rule as fact, the other only reports it; both verdicts stand.");
  await form.getByRole("button", { name: "Record why they differ" }).click();
  await expect(page.getByTestId("verdict-conflict")).toHaveCount(0);
  await expect(page.getByTestId("resolved-conflict")).toContainText("both verdicts stand");
  await page.goto(`/claims/${hegsethB}`);
  await expect(page.getByTestId("claim-meta")).toContainText("Approved");
  await expect(page.getByTestId("story-verdict-conflict")).toHaveCount(0);
});

test("the comparison exports as CSV, JSON, PDF and a printable page; the pair's reviewer reads only their own claims", async ({ browser, page }) => {
  await signInReusing(page, fx.users.editor, fx.password);
  const csv = await page.request.get(`${storyUrl}/comparison.csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const records = csvObjects(parseCsv(await csv.text()));
  const aligned = records.filter((r) => r.Section === "Aligned claim");
  expect(aligned.map((r) => r["Claim ID"]).sort()).toEqual(expect.arrayContaining([hegsethA, hegsethB]));
  expect(records.some((r) => r.Section === "Tone lexicon")).toBe(true);

  const json = await page.request.get(`${storyUrl}/comparison.json`);
  expect(json.status()).toBe(200);
  const doc = (await json.json()) as { format: string; story: { storyId: string }; contradictions: { kind: string; message: string }[]; articles: object[] };
  expect(doc.format).toBe("claimledger.story-comparison");
  expect(doc.story.storyId).toBe(fx.story.id);
  expect(doc.articles).toHaveLength(2);
  expect(doc.contradictions.find((c) => c.kind === "FIRST_REPORT")?.message).toContain("Wall Street Journal");

  const pdf = await page.request.get(`${storyUrl}/comparison.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

  await page.goto(`${storyUrl}/print`);
  await expect(page.getByTestId("story-print")).toContainText("Who reported first");
  await expect(page.getByTestId("story-print").getByTestId("aligned-row").filter({ hasText: "Hegseth" })).toHaveCount(1);
  await expect(page.getByTestId("explain-conflict-form")).toHaveCount(0);

  // Rights: a reviewer reads the story as far as their own claims go (here only the Hegseth pair).
  const pairReviewer = await pageFor(browser, fx.users.storyReviewer, fx.password);
  const theirs = await pairReviewer.request.get(`${storyUrl}/comparison.json`);
  expect(theirs.status()).toBe(200);
  const seen = (await theirs.json()) as { aligned: { cells: { claims: { id: string }[] }[] }[]; outletOnly: { claims: object[] }[] };
  expect(seen.aligned.flatMap((r) => r.cells.flatMap((c) => c.claims.map((k) => k.id))).sort()).toEqual([hegsethA, hegsethB].sort());
  expect(seen.outletOnly.flatMap((c) => c.claims)).toEqual([]);
  await pairReviewer.context().close();
});

test("the story page and its printable page have no axe violations (WCAG 2.0/2.1/2.2 A and AA)", async ({ page }) => {
  await signInReusing(page, fx.users.editor, fx.password);
  await openStory(page);
  await expectNoAxeViolations(page, storyUrl);
  await page.goto(`${storyUrl}/print`);
  await expectNoAxeViolations(page, `${storyUrl}/print`);
});
