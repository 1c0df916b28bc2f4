/**
 * Issue 16: published means public. A reviewer adds evidence and proposes, an editor approves and
 * publishes; an anonymous browser reads the public page (ClaimReview JSON-LD with url = the page),
 * the index and both feeds, with no session cookie and cacheable headers; the editor reopens,
 * changes the rating, republishes and the dated correction shows; a retraction leaves a notice.
 */
import { createHash } from "node:crypto";
import http from "node:http";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E_FIXTURE_PORT } from "../playwright.config";
import { loadFixtures, signInReusing } from "./fixtures";
import { addEvidence, approveAndPublish, assignClaim, fillEvidence, pageFor, proposeVerdict, takeUnassignedClaim } from "./helpers";

const fx = loadFixtures();
const { reviewer, editor } = fx.users;
const article = fx.articles[1]!;

/** The source the reviewer cites, served by a local fixture server (on the server's test-only fetch allowlist). */
const SOURCE_PATH = "/agency-table";
const SOURCE_HTML =
  "<!doctype html><html><head><title>Agency table</title></head><body><article><h1>Agency table</h1>" +
  "<p>The agency's quarterly table lists every region and the method used for the count, published on Monday.</p>" +
  "<p>Officials said the figures would be revised only if new survey data arrived, about twice a year.</p></article></body></html>";
let server: http.Server;

test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === SOURCE_PATH) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(SOURCE_HTML);
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
  });
  await new Promise<void>((resolve) => server.listen(E2E_FIXTURE_PORT, "127.0.0.1", resolve));
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function anonymousPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  return context.newPage();
}

/** The id of the archived evidence item on the claim page (from its archive link). */
async function archivedEvidenceId(page: Page): Promise<string> {
  const href = (await page.getByTestId("archive-status").getByRole("link", { name: /^archived/ }).first().getAttribute("href")) ?? "";
  return /\/evidence\/([^/]+)\/archive/.exec(href)?.[1] ?? "";
}

test("a published fact-check is public with valid ClaimReview, feeds and corrections; a retraction leaves a notice", async ({ browser, page }) => {
  // The whole done-when walk (three people, two publications, a retraction) in one test: allow it more time.
  test.slow();
  await signInReusing(page, editor, fx.password);
  const claim = await takeUnassignedClaim(page, article.title);
  await assignClaim(page, claim, reviewer);
  // Who made the claim: shown on the public page and in ClaimReview's itemReviewed.author.
  const claimantForm = page.getByTestId("claimant-form");
  await claimantForm.getByLabel("Claimant (who made the claim)").fill("Defense Secretary Pete Hegseth");
  await claimantForm.getByLabel("Kind").selectOption("PERSON");
  await claimantForm.getByRole("button", { name: "Save claimant" }).click();
  await expect(page.getByTestId("claim-claimant")).toHaveText("Claimed by: Defense Secretary Pete Hegseth (person)");

  const reviewerPage = await pageFor(browser, reviewer, fx.password);
  await reviewerPage.goto(claim.url);
  const sourceUrl = `http://127.0.0.1:${E2E_FIXTURE_PORT}${SOURCE_PATH}`;
  await addEvidence(reviewerPage, {
    url: sourceUrl,
    title: "Public source document",
    publisher: "Example Wire",
    quote: "The passage the verdict relies on.",
    stance: "Supports",
  });
  // Archived on add: the date links to the archived readable text.
  const archived = reviewerPage.getByTestId("evidence-item").filter({ hasText: "Public source document" }).getByTestId("archive-status");
  await expect(archived).toHaveAttribute("data-status", "ARCHIVED");
  await expect(archived.getByRole("link", { name: /^archived \d{4}-\d{2}-\d{2}/ })).toBeVisible();
  const archivedText = await reviewerPage.request.get(`${claim.url}/evidence/${await archivedEvidenceId(reviewerPage)}/archive`);
  expect(await archivedText.text()).toContain("The agency's quarterly table lists every region");
  // A source that cannot be fetched is kept, with the reason and a Retry.
  await addEvidence(reviewerPage, { url: `http://127.0.0.1:${E2E_FIXTURE_PORT}/missing`, title: "Missing page", publisher: "Example Wire", quote: "Gone.", stance: "Context" });
  const failed = reviewerPage.getByTestId("evidence-item").filter({ hasText: "Missing page" }).getByTestId("archive-status");
  await expect(failed).toHaveAttribute("data-status", "FAILED");
  await expect(failed).toContainText("HTTP 404");
  await expect(failed.getByRole("button", { name: "Retry" })).toBeVisible();
  await proposeVerdict(reviewerPage, "Mostly true", "The figure is **close** to the official one.");
  await approveAndPublish(page, claim);

  // An anonymous visitor: the index lists it, its page shows it, with its JSON-LD.
  const visitor = await anonymousPage(browser);
  const indexResponse = await visitor.goto("/fact-checks");
  expect(indexResponse!.status()).toBe(200);
  expect(indexResponse!.headers()["set-cookie"]).toBeUndefined();
  expect(indexResponse!.headers()["cache-control"]).toContain("public");
  await visitor.getByTestId("public-fact-checks").getByRole("link", { name: claim.text }).click();
  await visitor.waitForURL(new RegExp(`/fact-checks/${claim.id}$`));
  const view = visitor.getByTestId("public-fact-check");
  await expect(view.getByRole("heading", { level: 1 })).toHaveText(claim.text);
  await expect(view.getByTestId("public-verdict")).toHaveText("Mostly true");
  await expect(view.locator(".rationale strong")).toHaveText("close");
  await expect(view.getByTestId("claim-in-context")).toContainText(claim.text.slice(0, 30));
  await expect(view.getByTestId("public-claimant")).toHaveText("Claimed by Defense Secretary Pete Hegseth");
  await expect(view.getByTestId("public-evidence")).toContainText("Public source document");
  const publicArchive = view.getByTestId("public-archive").first().getByRole("link");
  const archiveResponse = await visitor.request.get((await publicArchive.getAttribute("href"))!);
  expect(archiveResponse.status()).toBe(200);
  expect(await archiveResponse.text()).toContain("The agency's quarterly table lists every region");
  await expect(view).not.toContainText(reviewer.name);
  await expect(visitor.getByRole("button", { name: "Sign out" })).toHaveCount(0);

  const pageResponse = await visitor.request.get(`/fact-checks/${claim.id}`);
  const headers = pageResponse.headers();
  expect(headers["set-cookie"]).toBeUndefined();
  expect(headers["cache-control"]).toMatch(/^public, max-age=0, s-maxage=\d+/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");

  const jsonLd = JSON.parse((await visitor.getByTestId("claimreview-jsonld").textContent()) ?? "null") as Record<string, any>;
  const pageUrl = new URL(`/fact-checks/${claim.id}`, visitor.url()).toString();
  expect(jsonLd).toMatchObject({
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    url: pageUrl,
    claimReviewed: claim.text,
    author: { "@type": "Organization", name: expect.stringMatching(/\S/) },
    reviewRating: { "@type": "Rating", alternateName: "Mostly true", ratingValue: 4, bestRating: 5, worstRating: 1 },
    itemReviewed: {
      "@type": "Claim",
      author: { "@type": "Person", name: "Defense Secretary Pete Hegseth" },
      appearance: { "@type": "NewsArticle", headline: article.title, publisher: { "@type": "Organization", name: expect.stringMatching(/\S/) } },
    },
  });
  expect(String(jsonLd.datePublished)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  expect(Date.parse(String(jsonLd.datePublished))).not.toBeNaN();

  // The feeds, read anonymously.
  const atom = await visitor.request.get("/fact-checks/feed.atom");
  expect(atom.headers()["content-type"]).toContain("application/atom+xml");
  expect(atom.headers()["set-cookie"]).toBeUndefined();
  expect(atom.headers()["cache-control"]).toContain("public");
  expect(await atom.text()).toContain(`<id>${pageUrl}</id>`);
  const dataFeed = await visitor.request.get("/fact-checks/claimreview.json");
  expect(dataFeed.headers()["set-cookie"]).toBeUndefined();
  expect(dataFeed.headers()["cache-control"]).toContain("public");
  type DataFeed = { "@type": string; dataFeedElement: { dateModified: string; item: { url: string; reviewRating: { alternateName: string }; itemReviewed: { author: { name: string } } }[] }[] };
  const feed = (await dataFeed.json()) as DataFeed;
  expect(feed["@type"]).toBe("DataFeed");
  const feedItem = feed.dataFeedElement.find((e) => e.item[0]!.url === pageUrl);
  expect(feedItem?.item[0]).toMatchObject({ reviewRating: { alternateName: "Mostly true" }, itemReviewed: { author: { name: "Defense Secretary Pete Hegseth" } } });

  // Correction: the editor reopens with a reason, the reviewer changes the rating, it is republished.
  await page.goto(claim.url);
  const reopen = page.getByTestId("reopen-form");
  await reopen.getByLabel(/Reason for reopening/).fill("The agency revised its figures.");
  await reopen.getByRole("button", { name: "Reopen claim" }).click();
  await expect(page.getByTestId("claim-meta")).toContainText("Reopened");
  await visitor.reload();
  await expect(visitor.getByTestId("under-review-notice")).toBeVisible();
  await expect(visitor.getByTestId("public-verdict")).toHaveText("Mostly true");

  await reviewerPage.goto(claim.url);
  await proposeVerdict(reviewerPage, "Misleading", "Revised figures show the claim overstates it.");
  await reviewerPage.context().close();
  await approveAndPublish(page, claim);
  await visitor.reload();
  await expect(visitor.getByTestId("public-verdict")).toHaveText("Misleading");
  await expect(visitor.getByTestId("correction-notes")).toContainText(
    /Updated \d{4}-\d{2}-\d{2}: rating changed from Mostly true to Misleading because the agency revised its figures\./,
  );
  const updatedAtom = await (await visitor.request.get("/fact-checks/feed.atom")).text();
  expect(updatedAtom).toContain("rating changed from Mostly true to Misleading");
  const updatedFeed = (await (await visitor.request.get("/fact-checks/claimreview.json")).json()) as DataFeed;
  const updatedItem = updatedFeed.dataFeedElement.find((e) => e.item[0]!.url === pageUrl);
  expect(updatedItem?.item[0]!.reviewRating.alternateName).toBe("Misleading");
  expect(Date.parse(updatedItem!.dateModified)).toBeGreaterThan(Date.parse(feedItem!.dateModified));

  // Retraction: a public notice with the reason, never a 404.
  await page.goto(claim.url);
  const retract = page.getByTestId("retract-form");
  await retract.getByLabel(/Reason for retracting/).fill("The source document was withdrawn.");
  await retract.getByRole("button", { name: "Retract fact-check" }).click();
  await expect(page.getByTestId("claim-meta")).toContainText("Retracted");
  const retracted = await visitor.goto(`/fact-checks/${claim.id}`);
  expect(retracted!.status()).toBe(200);
  await expect(visitor.getByTestId("retraction-notice")).toContainText("The source document was withdrawn.");
  await expect(visitor.getByTestId("claimreview-jsonld")).toHaveCount(0);
  await visitor.context().close();
});

test("unpublished claims are not found on the public site", async ({ browser, page }) => {
  await signInReusing(page, editor, fx.password);
  const claim = await takeUnassignedClaim(page, article.title);
  const visitor = await anonymousPage(browser);
  const response = await visitor.goto(`/fact-checks/${claim.id}`);
  expect(response!.status()).toBe(404);
  await expect(visitor.getByText(claim.text)).toHaveCount(0);
  await visitor.context().close();
});

test("a reviewer attaches a file as evidence: refused by content with a clear message, stored with its SHA-256, downloaded as an attachment only by signed-in users", async ({ browser, page }) => {
  await signInReusing(page, editor, fx.password);
  const claim = await takeUnassignedClaim(page, article.title);
  await assignClaim(page, claim, reviewer);
  const reviewerPage = await pageFor(browser, reviewer, fx.password);
  await reviewerPage.goto(claim.url);
  await addEvidence(reviewerPage, {
    url: `http://127.0.0.1:${E2E_FIXTURE_PORT}${SOURCE_PATH}`,
    title: "Scanned ministry letter",
    publisher: "Ministry",
    quote: "The letter confirms the count.",
    stance: "Refutes",
  });
  const item = reviewerPage.getByTestId("evidence-item").filter({ hasText: "Scanned ministry letter" });
  const form = item.getByTestId("evidence-file-form");

  // An HTML page renamed .pdf is refused by its content, and the message says what it is.
  await form.getByLabel(/Attach a file/).setInputFiles({ name: "letter.pdf", mimeType: "application/pdf", buffer: Buffer.from("<!doctype html><html><body><script>alert(1)</script></body></html>") });
  await form.getByRole("button", { name: "Attach file" }).click();
  await expect(form.getByTestId("evidence-file-message")).toContainText("This file's content is an HTML page");
  await expect(item.getByTestId("evidence-file")).toHaveCount(0);

  const pdf = Buffer.from(`%PDF-1.4\n% e2e ${Date.now()}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
  const sha256 = createHash("sha256").update(pdf).digest("hex");
  await form.getByLabel(/Attach a file/).setInputFiles({ name: "letter.pdf", mimeType: "application/pdf", buffer: pdf });
  await form.getByRole("button", { name: "Attach file" }).click();
  const fileLine = item.getByTestId("evidence-file");
  await expect(fileLine).toContainText(`letter.pdf (PDF, ${pdf.byteLength} bytes) · SHA-256 ${sha256.slice(0, 16)}`);

  const [download] = await Promise.all([reviewerPage.waitForEvent("download"), fileLine.getByRole("link", { name: "letter.pdf" }).click()]);
  expect(download.suggestedFilename()).toBe("letter.pdf");
  const href = (await fileLine.getByRole("link", { name: "letter.pdf" }).getAttribute("href"))!;
  const served = await reviewerPage.request.get(href);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("application/pdf");
  expect(served.headers()["content-disposition"]).toBe('attachment; filename="letter.pdf"');
  expect(served.headers()["x-content-type-options"]).toBe("nosniff");
  expect(createHash("sha256").update(await served.body()).digest("hex")).toBe(sha256);

  // The history records it; someone signed out gets nothing.
  await expect(reviewerPage.getByTestId("history")).toContainText("attached a file to the evidence");
  const visitor = await anonymousPage(browser);
  const anonymous = await visitor.request.get(href, { maxRedirects: 0 });
  expect(anonymous.status()).not.toBe(200);
  expect((await anonymous.body()).includes(pdf)).toBe(false);
  await visitor.context().close();

  // Evidence with no web address (issue 16d): neither URL nor file is refused with a clear message;
  // a file alone is saved, listed without a link, with its file line and no archive line.
  await fillEvidence(reviewerPage, { url: "", title: "Memo received by e-mail", publisher: "Press office", quote: "The memo gives 3.5 percent.", stance: "Context" });
  const evidenceForm = reviewerPage.getByTestId("evidence-form");
  await expect(evidenceForm.getByTestId("form-error")).toBeVisible();
  await expect(evidenceForm).toContainText("Give the source's URL or attach a file");
  await expect(reviewerPage.getByTestId("evidence-item").filter({ hasText: "Memo received by e-mail" })).toHaveCount(0);
  const memo = Buffer.from(`%PDF-1.4\n% memo ${Date.now()}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
  const memoSha256 = createHash("sha256").update(memo).digest("hex");
  await evidenceForm.getByLabel(/^File/).setInputFiles({ name: "memo.pdf", mimeType: "application/pdf", buffer: memo });
  await evidenceForm.getByRole("button", { name: "Add evidence" }).click();
  await expect(evidenceForm.getByTestId("form-ok")).toHaveText("Evidence added.");
  const memoItem = reviewerPage.getByTestId("evidence-item").filter({ hasText: "Memo received by e-mail" });
  await expect(memoItem.getByTestId("evidence-no-url")).toHaveText("Memo received by e-mail");
  await expect(memoItem.getByTestId("evidence-file")).toContainText(`memo.pdf (PDF, ${memo.byteLength} bytes) · SHA-256 ${memoSha256.slice(0, 16)}`);
  await expect(memoItem.getByTestId("archive-status")).toHaveCount(0);
  await reviewerPage.context().close();
});
