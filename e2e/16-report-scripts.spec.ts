/**
 * Issue 16, reports in every script: the printable report shows user text in Arabic, Hebrew,
 * Chinese, Devanagari, Thai and emoji, each right-to-left phrase isolated (<bdi>, its own direction),
 * with the Noto fallback fonts served by the app itself (Fontsource packages, no CDN), and nothing
 * wider than the page: long unbroken words and URLs wrap. The public fact-check pages do the same
 * for a published claim worded in Arabic and Chinese.
 */
import { expect, test, type Page } from "@playwright/test";
import { loadFixtures, signInReusing } from "./fixtures";
import { addEvidence, approveAndPublish, assignClaim, pageFor, proposeVerdict, takeUnassignedClaim } from "./helpers";

const fx = loadFixtures();
const { reviewer, editor } = fx.users;
const article = fx.articles[1]!;

const ARABIC = "الجيش أطلق ثلاثة آلاف صاروخ";
const HEBREW = "השר אמר שנורו 300 טילים";
const CHINESE = "中国政府表示今年经济增长了百分之五点二左右而且没有任何空格的长句子会一直延续下去直到页面的边缘为止";
const DEVANAGARI = "भारत सरकार ने बताया";
const THAI = "รัฐบาลประกาศวันนี้";
const UNBROKEN = `https://example.org/${"segment".repeat(40)}`;

test("the printable report shows every script inside the page, right-to-left text isolated, fonts served by the app", async ({ browser, page }) => {
  await signInReusing(page, editor, fx.password);
  const claim = await takeUnassignedClaim(page, article.title);
  await assignClaim(page, claim, reviewer);
  const reviewerPage = await pageFor(browser, reviewer, fx.password);
  await reviewerPage.goto(claim.url);
  await addEvidence(reviewerPage, { url: "https://www.example.org/scripts-source", title: ARABIC, publisher: "Wire 🚀", quote: HEBREW, stance: "Context" });
  await proposeVerdict(reviewerPage, "False", `${CHINESE}\n\n${DEVANAGARI} — ${THAI}\n\n${UNBROKEN}`);
  await reviewerPage.context().close();

  const fontRequests: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "font") fontRequests.push(request.url());
  });
  await page.goto(`/claims/${claim.id}/report`);
  const report = page.getByTestId("printable-report");
  for (const text of [ARABIC, HEBREW, CHINESE, DEVANAGARI, THAI, "Wire 🚀", UNBROKEN]) await expect(report).toContainText(text);

  // Right-to-left user text sits in an isolate that takes its direction from the text.
  const title = report.locator("bdi", { hasText: ARABIC }).first();
  await expect(title).toBeVisible();
  expect(await title.evaluate((e) => getComputedStyle(e).direction)).toBe("rtl");
  expect(await report.getByTestId("report-evidence").locator("blockquote").evaluate((e) => getComputedStyle(e).direction)).toBe("rtl");

  // Nothing is wider than the page: the unbroken URL and the CJK run wrap.
  const overflow = await page.evaluate(() => {
    const root = document.documentElement;
    const claims = [...document.querySelectorAll<HTMLElement>('[data-testid="report-claim"]')];
    return { page: root.scrollWidth - root.clientWidth, claims: claims.map((c) => c.scrollWidth - c.clientWidth) };
  });
  expect(overflow.page).toBeLessThanOrEqual(0);
  for (const extra of overflow.claims) expect(extra).toBeLessThanOrEqual(0);

  // The fallback fonts this page needs (no system font here has CJK or Devanagari) come from the app.
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  const loaded = await page.evaluate(() => [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family.replace(/["']/g, "")));
  expect(loaded).toContain("Noto Sans SC");
  expect(loaded).toContain("Noto Sans Devanagari");
  expect(fontRequests.length).toBeGreaterThan(0);
  const origin = new URL(page.url()).origin;
  for (const url of fontRequests) expect(new URL(url).origin).toBe(origin);
});

/** How far the page and each of `selector`'s elements are wider than their box, in CSS px (0 or less: no overflow). */
async function horizontalOverflow(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const root = document.documentElement;
    const boxes = [...document.querySelectorAll<HTMLElement>(sel)];
    return { page: root.scrollWidth - root.clientWidth, boxes: boxes.map((b) => b.scrollWidth - b.clientWidth) };
  }, selector);
}

test("a published fact-check shows every script on the public pages, right-to-left text isolated, nothing wider than the page", async ({ browser, page }) => {
  test.slow();
  const claimText = `${ARABIC} ${CHINESE}`;
  const claimant = "وزير الدفاع";
  await signInReusing(page, editor, fx.password);
  const claim = await takeUnassignedClaim(page, article.title);
  const wording = page.getByTestId("wording-form");
  await wording.getByLabel("Claim wording").fill(claimText);
  await wording.getByRole("button", { name: "Save wording" }).click();
  await expect(wording.getByTestId("form-ok")).toContainText("Wording saved");
  const claimantForm = page.getByTestId("claimant-form");
  await claimantForm.getByLabel("Claimant (who made the claim)").fill(claimant);
  await claimantForm.getByLabel("Kind").selectOption("PERSON");
  await claimantForm.getByRole("button", { name: "Save claimant" }).click();
  await expect(page.getByTestId("claim-claimant")).toContainText(claimant);
  await assignClaim(page, claim, reviewer);

  const reviewerPage = await pageFor(browser, reviewer, fx.password);
  await reviewerPage.goto(claim.url);
  await addEvidence(reviewerPage, { url: "https://www.example.org/public-scripts-source", title: ARABIC, publisher: "Wire 🚀", quote: HEBREW, stance: "Context" });
  await proposeVerdict(reviewerPage, "False", `${HEBREW}\n\n${CHINESE}\n\n${UNBROKEN}`);
  await reviewerPage.context().close();
  await approveAndPublish(page, claim);

  const visitor = await (await browser.newContext({ baseURL: test.info().project.use.baseURL })).newPage();
  await visitor.goto(`/fact-checks/${claim.id}`);
  const view = visitor.getByTestId("public-fact-check");
  for (const text of [ARABIC, CHINESE, HEBREW, claimant, "Wire 🚀", UNBROKEN]) await expect(view).toContainText(text);

  // The claim, its claimant and the evidence title sit in isolates that take their direction from the text.
  const heading = view.getByRole("heading", { level: 1 }).locator("bdi");
  await expect(heading).toHaveText(claimText);
  expect(await heading.evaluate((e) => getComputedStyle(e).direction)).toBe("rtl");
  expect(await view.getByTestId("public-claimant").locator("bdi").evaluate((e) => getComputedStyle(e).direction)).toBe("rtl");
  expect(await view.getByTestId("public-evidence").locator("bdi", { hasText: ARABIC }).evaluate((e) => getComputedStyle(e).direction)).toBe("rtl");
  // Quotes take their direction from their own text (dir=auto); rationale paragraphs each from theirs.
  expect(await view.getByTestId("public-evidence").locator("blockquote").evaluate((e) => getComputedStyle(e).direction)).toBe("rtl");
  const hebrewParagraph = view.locator(".rationale p", { hasText: HEBREW });
  expect(await hebrewParagraph.evaluate((e) => getComputedStyle(e).unicodeBidi)).toBe("plaintext");

  // Nothing is wider than the page: the unbroken URL and the CJK run wrap.
  const onPage = await horizontalOverflow(visitor, '[data-testid="public-fact-check"]');
  expect(onPage.page).toBeLessThanOrEqual(0);
  for (const extra of onPage.boxes) expect(extra).toBeLessThanOrEqual(0);
  // The fallback fonts come from the app (no system font here has CJK).
  await visitor.evaluate(async () => {
    await document.fonts.ready;
  });
  const loaded = await visitor.evaluate(() => [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family.replace(/["']/g, "")));
  expect(loaded).toContain("Noto Sans SC");

  // The index lists it the same way.
  await visitor.goto("/fact-checks");
  const listed = visitor.getByTestId("public-fact-checks").locator(`li[data-claim-id="${claim.id}"]`);
  const link = listed.getByRole("link").locator("bdi");
  await expect(link).toHaveText(claimText);
  expect(await link.evaluate((e) => getComputedStyle(e).direction)).toBe("rtl");
  const onIndex = await horizontalOverflow(visitor, '[data-testid="public-fact-checks"] li');
  expect(onIndex.page).toBeLessThanOrEqual(0);
  for (const extra of onIndex.boxes) expect(extra).toBeLessThanOrEqual(0);
  await visitor.context().close();
});
