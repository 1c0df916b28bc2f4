/**
 * Issue 16, reports in every script: the printable report shows user text in Arabic, Hebrew,
 * Chinese, Devanagari, Thai and emoji, each right-to-left phrase isolated (<bdi>, its own direction),
 * with the Noto fallback fonts served by the app itself (Fontsource packages, no CDN), and nothing
 * wider than the page: long unbroken words and URLs wrap.
 */
import { expect, test } from "@playwright/test";
import { loadFixtures, signIn } from "./fixtures";
import { addEvidence, assignClaim, pageFor, proposeVerdict, takeUnassignedClaim } from "./helpers";

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
  await signIn(page, editor, fx.password);
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
