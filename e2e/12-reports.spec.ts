/**
 * Issue 5, reports: an editor exports a published verdict in every format from the export page
 * (download progress shown), opens the printable report and the claim's permalink, and reads the PDF
 * back; work in progress is marked; a filter matching nothing gives an empty report; a reviewer only
 * gets their own claims (404 elsewhere) and cannot ask for work in progress.
 */
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { readPdf } from "../lib/domain/report/pdf-test-helpers";
import { loadFixtures, signInReusing } from "./fixtures";
import { addEvidence, assignClaim, csvObjects, pageFor, parseCsv, proposeVerdict, takeUnassignedClaim } from "./helpers";

const fx = loadFixtures();
const { admin, reviewer, reviewer2, editor } = fx.users;
const article = fx.articles[1]!;
const DESK = { name: "E2E Fact Desk", url: "https://desk.e2e.example/" };

/** Exports the form's current scope in one format and returns the saved file's text (or bytes). */
async function exportAs(page: Page, format: string) {
  const form = page.getByTestId("export-form");
  await form.getByLabel("Format").selectOption(format);
  const downloading = page.waitForEvent("download");
  await form.getByRole("button", { name: "Download", exact: true }).click();
  const download = await downloading;
  const filename = download.suggestedFilename();
  await expect(page.getByTestId("export-done")).toContainText(`saved as ${filename}`);
  const bytes = readFileSync(await download.path());
  return { filename, bytes, text: bytes.toString("utf8"), done: (await page.getByTestId("export-done").textContent()) ?? "" };
}

const squeeze = (text: string) => text.replace(/\s+/g, "");

// The second test exports the claim the first one publishes.
test.describe.configure({ mode: "serial" });

test("an editor exports a published verdict as CSV, JSON, NDJSON, ClaimReview and PDF, and opens the printable report", async ({ browser, page }) => {
  const adminPage = await pageFor(browser, admin, fx.password);
  // The old address of the desk's settings lands on the one settings page, beside the reviewer pool.
  await adminPage.goto("/admin/desk");
  await expect(adminPage).toHaveURL(/\/admin\/settings$/);
  await expect(adminPage.getByTestId("reviewer-pool-form")).toBeVisible();
  const deskForm = adminPage.getByTestId("desk-form");
  await deskForm.getByLabel("Desk name").fill(DESK.name);
  await deskForm.getByLabel("Desk web address").fill(DESK.url);
  await deskForm.getByRole("button", { name: "Save desk settings" }).click();
  await expect(deskForm.getByTestId("form-ok")).toHaveText("Desk settings saved.");
  await adminPage.context().close();

  await signInReusing(page, editor, fx.password);
  const claim = await takeUnassignedClaim(page, article.title);
  await assignClaim(page, claim, reviewer);
  const reviewerPage = await pageFor(browser, reviewer, fx.password);
  await reviewerPage.goto(claim.url);
  await addEvidence(reviewerPage, { url: "https://www.example.org/report-source", title: "Report source", publisher: "Example Wire", quote: "Figures.", stance: "Refutes" });
  const rationale = "**Bold finding**: the figures differ. </script><script>window.__pwned = 1</script>";
  await proposeVerdict(reviewerPage, "False", rationale);
  await reviewerPage.context().close();
  await page.goto(claim.url);
  await page.getByTestId("approve-form").getByRole("button", { name: "Approve verdict" }).click();
  await expect(page.getByTestId("claim-meta")).toContainText("Approved");
  await page.getByTestId("publish-form").getByRole("button", { name: "Publish verdict" }).click();
  await expect(page.getByTestId("claim-meta")).toContainText("Published");

  // From the article page to the export page, scoped to the article; approved/published only.
  await page.goto(`/articles/${article.id}`);
  await page.getByTestId("export-article-report").click();
  await expect(page).toHaveURL(/\/reports\?articleId=/);
  await expect(page.getByTestId("export-form").getByLabel("Article")).toHaveValue(article.id);
  await page.getByLabel(/Include work in progress/).uncheck();

  const csv = await exportAs(page, "csv");
  expect(csv.filename).toBe(`claimledger-report-${article.id}.csv`);
  const rows = csvObjects(parseCsv(csv.text));
  expect(csv.done).toContain(`${rows.length} claim`);
  const row = rows.find((r) => r["Claim ID"] === claim.id);
  expect(row, "the published claim is in the CSV").toBeDefined();
  expect(row).toMatchObject({ "Work in progress": "no", Status: "Published", Verdict: "False", "Verdict state": "Published", "Rating value": "1" });
  expect(row!["Published at (UTC)"]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  for (const r of rows) {
    expect(r["Work in progress"]).toBe("no");
    expect(r["Article"]).toBe(article.title);
  }

  const json = JSON.parse((await exportAs(page, "json")).text);
  expect(json.report.includesWorkInProgress).toBe(false);
  expect(json.report.desk).toEqual(DESK);
  const item = json.claims.find((c: { id: string }) => c.id === claim.id);
  expect(item).toMatchObject({ text: claim.text, workInProgress: false, verdict: { label: "False", rationale } });
  expect(json.summary.total).toBe(rows.length);

  const ndjson = await exportAs(page, "ndjson");
  const lines = ndjson.text.trimEnd().split("\n");
  expect(lines).toHaveLength(rows.length);
  expect(lines.map((l) => (JSON.parse(l) as { id: string }).id)).toContain(claim.id);
  expect(ndjson.done).toContain(`${rows.length} claim`);

  const jsonld = await exportAs(page, "claimreview");
  expect(jsonld.filename).toBe(`claimledger-report-${article.id}.jsonld`);
  expect(jsonld.text).not.toContain("<");
  const review = (JSON.parse(jsonld.text) as Record<string, unknown>[]).find((r) => String(r.url).endsWith(`/fact-checks/${claim.id}`));
  expect(review).toMatchObject({
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    claimReviewed: claim.text,
    author: { "@type": "Organization", name: DESK.name, url: DESK.url },
    reviewRating: { "@type": "Rating", ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: "False" },
    itemReviewed: { "@type": "Claim", appearance: { headline: article.title } },
  });
  expect(String(review!.datePublished)).toMatch(/^\d{4}-\d{2}-\d{2}T/);

  const pdfFile = await exportAs(page, "pdf");
  expect(pdfFile.filename).toBe(`claimledger-report-${article.id}.pdf`);
  expect(pdfFile.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const pdf = await readPdf(new Uint8Array(pdfFile.bytes));
  const pdfText = squeeze(pdf.pages.join(""));
  expect(pdfText).toContain(squeeze(claim.text));
  expect(pdfText).toContain(squeeze("Verdict: False"));
  expect(pdf.pages.at(-1)).toContain(`Page ${pdf.pages.length} of ${pdf.pages.length}`);

  // The printable report: same scope, summary, the claim with its rationale rendered safely.
  await page.getByRole("button", { name: "Open printable report" }).click();
  await expect(page).toHaveURL(/\/reports\/print\?articleId=/);
  const report = page.getByTestId("printable-report");
  await expect(report.getByRole("heading", { level: 1 })).toHaveText(`Verdict report: ${article.title}`);
  await expect(page.getByTestId("report-summary")).toContainText("False");
  await expect(page.getByTestId("wip-banner")).toHaveCount(0);
  const block = page.locator(`[data-testid="report-claim"][data-claim-id="${claim.id}"]`);
  await expect(block).toContainText(claim.text);
  await expect(block.getByTestId("report-verdict")).toContainText("False");
  await expect(block.locator(".rationale strong")).toHaveText("Bold finding");
  await expect(block.getByTestId("report-evidence")).toContainText("Refutes");
  await expect(block.getByRole("link", { name: "Report source" })).toHaveAttribute("href", "https://www.example.org/report-source");
  await expect(block).toContainText(`Reviewer: ${reviewer.name} · Approver: ${editor.name}`);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  const embedded = await page.getByTestId("claimreview-jsonld").textContent();
  const reviews = [JSON.parse(embedded ?? "null")].flat() as { url: string; claimReviewed: string }[];
  expect(reviews.find((r) => r.url.endsWith(`/fact-checks/${claim.id}`))?.claimReviewed).toBe(claim.text);

  // The claim's report permalink shows its report (the ClaimReview url is the public page, e2e/13).
  await page.goto(`/claims/${claim.id}/report`);
  await expect(page.getByTestId("report-claim")).toHaveCount(1);
  await expect(page.getByTestId("report-claim")).toContainText(claim.text);
  await expect(page.getByTestId("claimreview-jsonld")).toHaveCount(1);
});

test("work in progress is marked; the claim list's filters carry over; a filter matching nothing is an empty report", async ({ page }) => {
  await signInReusing(page, editor, fx.password);
  await page.goto(`/articles/${article.id}`);
  await page.getByTestId("export-article-report").click();
  await expect(page.getByLabel(/Include work in progress/)).toBeChecked();
  const csv = await exportAs(page, "csv");
  expect(csv.filename).toBe(`claimledger-report-${article.id}-wip.csv`);
  const rows = csvObjects(parseCsv(csv.text));
  const wip = rows.filter((r) => r["Work in progress"] === "yes");
  expect(wip.length).toBeGreaterThan(0);
  for (const r of wip) expect(["Approved", "Published"]).not.toContain(r["Status"]);

  await page.getByRole("button", { name: "Open printable report" }).click();
  await expect(page.getByTestId("wip-banner")).toBeVisible();
  await expect(page.getByTestId("wip-mark")).toHaveCount(wip.length);

  // From the claim list, filtered to published claims rated False: every filter carries over.
  await page.goto("/claims");
  const filters = page.getByRole("form", { name: "Filter claims" });
  await filters.getByLabel("Status").selectOption("PUBLISHED");
  await filters.locator("select[name=verdict]").selectOption({ label: "False" });
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(page).toHaveURL(/status=PUBLISHED/);
  await expect(page).toHaveURL(/verdict=FALSE/);
  const listed = await page.getByTestId("claim-row").count();
  expect(listed).toBeGreaterThan(0);
  await page.getByTestId("export-claims-report").click();
  await expect(page).toHaveURL(/verdict=FALSE/);
  await expect(page.getByTestId("export-form").getByLabel("Claim status")).toHaveValue("PUBLISHED");
  await expect(page.getByTestId("carried-filters")).toContainText("Current verdict: False");
  // "Export these claims" means the list as it stands: work in progress comes ticked for an editor.
  const includeWip = page.getByTestId("export-form").getByLabel(/work in progress/i);
  await expect(includeWip).toBeChecked();
  const ndjson = await exportAs(page, "ndjson");
  const lines = ndjson.text.trimEnd().split("\n").map((l) => JSON.parse(l) as { status: string; verdict: { label: string } | null });
  expect(lines).toHaveLength(listed);
  for (const line of lines) expect(line).toMatchObject({ status: "PUBLISHED", verdict: { label: "False" } });

  // New claims have no approved verdict: without work in progress, nothing matches.
  await includeWip.uncheck();
  await page.getByTestId("export-form").getByLabel("Claim status").selectOption("NEW");
  const empty = await exportAs(page, "csv");
  expect(parseCsv(empty.text)).toHaveLength(1);
  expect(empty.done).toContain("0 claims");
  const emptyJson = JSON.parse((await exportAs(page, "json")).text);
  expect(emptyJson.claims).toEqual([]);
});

test("a reviewer gets only their own claims, 404 for another's article, and clear refusals", async ({ page }) => {
  await signInReusing(page, reviewer2, fx.password);
  const listed = await page.getByTestId("claim-row").allTextContents();
  const elsewhere = [...fx.articles].reverse().find((a) => !listed.some((text) => text.includes(a.title)));
  expect(elsewhere, "an article without claims of reviewer2").toBeDefined();

  for (const format of ["csv", "json", "ndjson", "claimreview", "pdf"]) {
    const refused = await page.request.get(`/api/v1/reports?format=${format}&articleId=${elsewhere!.id}`);
    expect(refused.status()).toBe(404);
    expect((await refused.json()).error.code).toBe("NOT_FOUND");
  }
  const printable = await page.goto(`/reports/print?articleId=${elsewhere!.id}`);
  expect(printable?.status()).toBe(404);

  const badFormat = await page.request.get("/api/v1/reports?format=xlsx");
  expect(badFormat.status()).toBe(400);
  expect((await badFormat.json()).error).toMatchObject({ code: "VALIDATION", message: "Unknown format: choose one of csv, json, ndjson, claimreview, pdf." });
  const wip = await page.request.get("/api/v1/reports?format=csv&includeWip=1");
  expect(wip.status()).toBe(403);

  await page.goto("/reports");
  await expect(page.getByLabel(/Include work in progress/)).toHaveCount(0);
  const own = JSON.parse((await exportAs(page, "json")).text) as { claims: { reviewer: string | null }[] };
  for (const c of own.claims) expect(c.reviewer).toBe(reviewer2.name);

  const signedOut = await page.context().browser()!.newContext({ baseURL: test.info().project.use.baseURL });
  const anonymous = await signedOut.request.get("/api/v1/reports?format=csv");
  expect(anonymous.status()).toBe(401);
  await signedOut.close();
});
