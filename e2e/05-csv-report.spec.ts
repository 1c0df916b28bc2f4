/**
 * Step 5: the editor downloads an article's CSV verdict report: a header row, one row per claim with
 * text, status, verdict, rationale, evidence, reviewer, approver and dates, work in progress marked;
 * formula cells neutralised.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { loadFixtures, signInReusing } from "./fixtures";
import { addEvidence, assignClaim, csvObjects, pageFor, parseCsv, proposeVerdict, takeUnassignedClaim } from "./helpers";

const fx = loadFixtures();
const { reviewer, editor } = fx.users;
const article = fx.articles[0]!;

const HEADER = [
  "Claim ID",
  "Work in progress",
  "Article",
  "Outlet",
  "Article URL",
  "Claim",
  "Status",
  "Verdict",
  "Verdict state",
  "Rating value",
  "Rationale",
  "Evidence URLs",
  "Evidence",
  "Evidence archived",
  "Evidence files",
  "Reviewer",
  "Approver",
  "Proposed at (UTC)",
  "Approved at (UTC)",
  "Published at (UTC)",
  "Last updated (UTC)",
  "Claimant",
  "Claimant kind",
  "Double review proposals",
  "Double review rationales",
];

test("the editor downloads the CSV report of an article; a formula-looking rationale is neutralised", async ({ browser, page }) => {
  await signInReusing(page, editor, fx.password);
  const claim = await takeUnassignedClaim(page, article.title);
  await assignClaim(page, claim, reviewer);
  const waiting = await takeUnassignedClaim(page, article.title);

  const formula = '=HYPERLINK("http://x")';
  const urls = ["https://www.example.org/first-source", "https://www.example.org/second-source?a=1,2"];
  const reviewerPage = await pageFor(browser, reviewer, fx.password);
  await reviewerPage.goto(claim.url);
  await addEvidence(reviewerPage, { url: urls[0]!, title: "First source", publisher: "Example Wire", quote: "One.", stance: "Refutes" });
  await addEvidence(reviewerPage, { url: urls[1]!, title: "Second source", publisher: "Example Wire", quote: "Two.", stance: "Context" });
  await proposeVerdict(reviewerPage, "False", formula);
  // The rationale is shown as text on the page, never run.
  await expect(reviewerPage.getByTestId("current-verdict")).toContainText(formula);
  await reviewerPage.context().close();

  await page.goto(claim.url);
  await page.getByTestId("approve-form").getByRole("button", { name: "Approve verdict" }).click();
  await expect(page.getByTestId("claim-meta")).toContainText("Approved");

  await page.goto(`/articles/${article.id}`);
  const claimsHeading = page.getByRole("region", { name: "Claims" }).getByRole("heading", { name: /^Claims \(\d+\)$/ });
  const claimCount = Number(/\((\d+)\)/.exec((await claimsHeading.textContent()) ?? "")?.[1]);
  expect(claimCount).toBeGreaterThan(1);

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV report" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`claimledger-report-${article.id}.csv`);
  const csv = readFileSync(await download.path(), "utf8");

  const records = parseCsv(csv);
  expect(records[0]).toEqual(HEADER);
  expect(csv).toContain("\r\n");
  const rows = csvObjects(records);
  expect(rows).toHaveLength(claimCount);
  expect(new Set(rows.map((r) => r["Claim ID"])).size).toBe(claimCount);
  for (const r of rows) expect(r["Article"]).toBe(article.title);

  const row = rows.find((r) => r["Claim ID"] === claim.id);
  expect(row, "the reviewed claim has a row").toBeDefined();
  expect(row!["Claim"]).toBe(claim.text);
  expect(row!["Work in progress"]).toBe("no");
  expect(row!["Status"]).toBe("Approved");
  expect(row!["Verdict"]).toBe("False");
  expect(row!["Verdict state"]).toBe("Approved");
  expect(row!["Rating value"]).toBe("1");
  expect(row!["Rationale"]).toBe(`'${formula}`);
  expect(row!["Evidence URLs"].split("\n")).toEqual(urls);
  expect(row!["Evidence"].split("\n")).toEqual(["Refutes: First source (Example Wire)", "Context: Second source (Example Wire)"]);
  expect(row!["Published at (UTC)"]).toBe("");
  expect(row!["Reviewer"]).toBe(reviewer.name);
  expect(row!["Approver"]).toBe(editor.name);
  expect(row!["Proposed at (UTC)"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  expect(row!["Approved at (UTC)"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  expect(Date.parse(row!["Approved at (UTC)"]!)).toBeGreaterThanOrEqual(Date.parse(row!["Proposed at (UTC)"]!));

  // A claim nobody has reviewed yet still has its row, with empty verdict cells.
  const untouched = rows.find((r) => r["Claim ID"] === waiting.id);
  expect(untouched, "an unreviewed claim has a row").toBeDefined();
  expect(untouched!["Claim"]).toBe(waiting.text);
  expect(untouched!["Status"]).toBe("New");
  expect(untouched!["Work in progress"]).toBe("yes");
  expect(untouched!["Verdict"]).toBe("");
  expect(untouched!["Approver"]).toBe("");

  // No cell anywhere starts with something a spreadsheet would run.
  for (const r of records) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
});
