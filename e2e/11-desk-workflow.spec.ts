/**
 * The desk's workflow (issue 4): bulk assignment from the filtered claim list (all or nothing), the
 * full review loop with a return, a second editor's approval, publication and a reopening that keeps
 * the old verdict; filters kept in the URL; workload, dashboard and activity showing real figures;
 * the reviewer pool.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { encodeClaimListCursor } from "../lib/domain/claim-cursor";
import { loadFixtures, signInReusing } from "./fixtures";
import { addEvidence, assignClaim, historyEntries, pageFor, proposeVerdict, readClaimText, type PickedClaim } from "./helpers";

const fx = loadFixtures();
const { reviewer, editor, editor2, admin } = fx.users;
const article = fx.articles[0]!;

/** Shared between the tests of this file (they run in order, one worker). */
let reviewed: PickedClaim;

function filterForm(page: Page): Locator {
  return page.getByRole("form", { name: "Filter claims" });
}

/** The "N claims" line above the list, as a number. */
async function listedCount(page: Page): Promise<number> {
  const text = (await page.getByTestId("claim-count").textContent()) ?? "";
  const match = /^([\d,]+) claims?/.exec(text.trim());
  if (!match) throw new Error(`no claim count in "${text}"`);
  return Number(match[1]!.replaceAll(",", ""));
}

/** Ticks the first `n` rows of the list and returns them as claims. */
async function selectRows(page: Page, n: number): Promise<PickedClaim[]> {
  const rows = page.getByTestId("claim-row");
  const picked: PickedClaim[] = [];
  for (let i = 0; i < n; i++) {
    const row = rows.nth(i);
    const id = (await row.getAttribute("data-claim-id")) ?? "";
    const text = ((await row.getByRole("link").first().textContent()) ?? "").replace(/…$/, "");
    await row.getByRole("checkbox").check();
    picked.push({ id, text, url: `/claims/${id}` });
  }
  return picked;
}

test("an editor filters the list, bulk-assigns claims with priority and due date, and a stale selection changes nothing", async ({ browser, page }) => {
  await signInReusing(page, editor, fx.password);
  const form = filterForm(page);
  await form.getByLabel("Assignee").selectOption({ label: "Unassigned" });
  await form.getByLabel("Article").selectOption({ label: article.title });
  await form.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL(/assigneeId=none/);
  expect(new URL(page.url()).searchParams.get("articleId")).toBe(article.id);
  const unassignedBefore = await listedCount(page);
  expect(unassignedBefore).toBeGreaterThanOrEqual(4);
  await expect(page.getByTestId("claim-row").first()).toContainText("Unassigned");

  // Two claims at once, to the reviewer, urgent, due on a date.
  const bulk = page.getByTestId("bulk-assign-form");
  const picked = await selectRows(page, 2);
  await expect(bulk.getByRole("button", { name: "Apply to 2 selected" })).toBeEnabled();
  // Nobody chosen is refused, not taken as "unassign".
  await bulk.getByRole("button", { name: "Apply to 2 selected" }).click();
  await expect(bulk.getByTestId("field-error-assigneeId")).toHaveText("Choose whom to assign the claims to, or unassign them.");
  await expect(page.getByTestId("claim-row").first().getByRole("checkbox")).toBeChecked();
  await bulk.getByLabel("Assign selected to").selectOption(reviewer.id);
  await bulk.getByLabel("Priority").selectOption({ label: "Urgent" });
  await bulk.getByLabel("Due date").fill("2027-03-01");
  await bulk.getByRole("button", { name: "Apply to 2 selected" }).click();
  await expect(bulk.getByTestId("form-ok")).toHaveText("Assignments saved.");
  // The filtered view (unassigned only) no longer lists them.
  await expect.poll(() => listedCount(page)).toBe(unassignedBefore - 2);
  for (const claim of picked) await expect(page.locator(`[data-claim-id="${claim.id}"]`)).toHaveCount(0);

  // The reviewer's view of the list: both claims, urgent, due 2027-03-01.
  await page.goto(`/claims?assigneeId=${reviewer.id}&priority=URGENT&due=within&dueWithinDays=365`);
  for (const claim of picked) {
    const row = page.locator(`[data-testid="claim-row"][data-claim-id="${claim.id}"]`);
    await expect(row.getByRole("cell").nth(3)).toHaveText(reviewer.name);
    await expect(row.getByRole("cell").nth(4)).toHaveText("Urgent");
    await expect(row.getByRole("cell").nth(5)).toHaveText("2027-03-01");
  }
  await page.goto(picked[0]!.url);
  await expect(historyEntries(page, "claim.assign")).toContainText(`${editor.name} assigned the claim`);
  await expect(historyEntries(page, "claim.assign")).toContainText(`assignee: — → ${reviewer.name}`);
  await expect(historyEntries(page, "claim.assign")).toContainText("priority: Normal → Urgent");
  reviewed = { ...picked[0]!, text: await readClaimText(page) };

  // A stale selection: another editor assigns one of the selected claims first. Nothing changes.
  await page.goto(`/claims?assigneeId=none&articleId=${article.id}`);
  const [stillFree, taken] = await selectRows(page, 2);
  const other = await pageFor(browser, editor2, fx.password);
  await assignClaim(other, taken!, editor2);
  await other.context().close();
  await bulk.getByLabel("Assign selected to").selectOption(reviewer.id);
  await bulk.getByRole("button", { name: "Apply to 2 selected" }).click();
  const error = bulk.getByTestId("form-error");
  await expect(error).toContainText("Nothing was changed. The claim “");
  await expect(error).toContainText(taken!.text.slice(0, 30));
  await expect(error).toContainText("changed since you opened it");
  // The list shows the current state: the claim someone else took is gone, the other is still selected.
  await expect(page.locator(`[data-claim-id="${taken!.id}"]`)).toHaveCount(0);
  await expect(bulk.getByRole("button", { name: "Apply to 1 selected" })).toBeVisible();
  await page.goto(stillFree!.url);
  await expect(page.getByTestId("claim-meta")).toContainText("Assigned to: nobody");
  await expect(historyEntries(page, "claim.assign")).toHaveCount(0);
});

test("return, re-propose, a second editor's approval, publication and reopening with the old verdict kept", async ({ browser, page }) => {
  expect(reviewed, "the bulk-assigned claim of the first test").toBeDefined();
  const reviewerPage = await pageFor(browser, reviewer, fx.password);
  await reviewerPage.goto(reviewed.url);
  await addEvidence(reviewerPage, {
    url: "https://www.example.org/desk-source",
    title: "Desk workflow source",
    publisher: "Example Wire",
    quote: "The passage that settles it.",
    stance: "Refutes",
  });
  await proposeVerdict(reviewerPage, "False", "The official figures contradict it.");

  // The editor returns it with a reason.
  await signInReusing(page, editor, fx.password);
  await page.goto(reviewed.url);
  const reason = "Quote the ministry's own table, not the press release.";
  await page.getByTestId("return-form").getByLabel("Reason for returning").fill(reason);
  await page.getByTestId("return-form").getByRole("button", { name: "Return to reviewer" }).click();
  await expect(page.getByTestId("claim-meta")).toContainText("Returned");

  // The reviewer sees why and proposes again.
  await reviewerPage.reload();
  await expect(reviewerPage.getByTestId("current-verdict")).toContainText(reason);
  await proposeVerdict(reviewerPage, "Mostly false", "The ministry's table shows a smaller gap.");

  // The editor who returned it could approve, but here a second editor does.
  const second = await pageFor(browser, editor2, fx.password);
  await second.goto(reviewed.url);
  await second.getByTestId("approve-form").getByRole("button", { name: "Approve verdict" }).click();
  await expect(second.getByTestId("claim-meta")).toContainText("Approved");
  await expect(second.getByTestId("current-verdict")).toContainText(`approved by ${editor2.name}`);
  await second.context().close();

  await page.reload();
  await page.getByTestId("publish-form").getByRole("button", { name: "Publish verdict" }).click();
  await expect(page.getByTestId("claim-meta")).toContainText("Published");
  await expect(page.getByTestId("current-verdict")).toContainText("Mostly false");

  // Reopening needs a reason.
  const reopen = page.getByTestId("reopen-form");
  await reopen.getByRole("button", { name: "Reopen claim" }).click();
  await expect(reopen.getByTestId("field-error-reason")).toHaveText("A reason is required.");
  await expect(page.getByTestId("claim-meta")).toContainText("Published");
  const reopenReason = "The ministry revised its figures on Friday.";
  await reopen.getByLabel("Reason for reopening").fill(reopenReason);
  await reopen.getByRole("button", { name: "Reopen claim" }).click();
  await expect(page.getByTestId("claim-meta")).toContainText("Reopened");
  await expect(page.getByTestId("current-verdict")).toHaveCount(0);
  // The old verdicts stay visible: the published one set aside, the returned one before it.
  const earlier = page.getByTestId("earlier-verdicts");
  await expect(earlier).toHaveAttribute("open", "");
  await expect(earlier.locator('li[data-state="SUPERSEDED"]')).toContainText(`Mostly false — Superseded by ${reviewer.name}`);
  await expect(earlier.locator('li[data-state="SUPERSEDED"]')).toContainText(`approved by ${editor2.name}`);
  await expect(earlier.locator('li[data-state="RETURNED"]')).toContainText(reason);
  const reopened = historyEntries(page, "claim.reopen");
  await expect(reopened).toContainText(`${editor.name} reopened the claim`);
  await expect(reopened).toContainText("status: Published → Reopened");
  await expect(reopened).toContainText(`reason: ${reopenReason}`);
  await expect(historyEntries(page, "verdict.superseded")).toContainText("state: Published → Superseded");
  // Every step is on the timeline, in order.
  const actions = await page.getByTestId("history").locator("li").evaluateAll((items) => items.map((li) => li.getAttribute("data-action")));
  expect(actions.slice(actions.indexOf("claim.assign"))).toEqual([
    "claim.assign",
    "claim.startReview",
    "evidence.add",
    // The source is archived (or its failure recorded, here: example.org is not reachable) after the save.
    "evidence.archive",
    "verdict.propose",
    "claim.propose",
    "verdict.returned",
    "claim.return",
    "claim.startReview",
    "verdict.propose",
    "claim.propose",
    "verdict.approved",
    "claim.approve",
    "verdict.published",
    "claim.publish",
    "verdict.superseded",
    "claim.reopen",
  ]);

  // Back with the reviewer, who can work on it again.
  await reviewerPage.reload();
  await expect(reviewerPage.getByTestId("claim-meta")).toContainText("Reopened");
  await expect(reviewerPage.getByTestId("verdict-form")).toBeVisible();
  await reviewerPage.context().close();
});

test("filters live in the URL: a bookmarked view shows the same claims, and junk parameters are named and ignored", async ({ browser, page }) => {
  await signInReusing(page, editor, fx.password);
  const words = reviewed.text.split(/\s+/).filter((w) => /^[A-Za-z]{5,}$/.test(w)).slice(0, 2);
  expect(words.length).toBe(2);
  const url = `/claims?status=REOPENED&q=${encodeURIComponent(words.join(" ").toUpperCase())}&priority=URGENT`;
  await page.goto(url);
  const form = filterForm(page);
  await expect(form.getByLabel("Status")).toHaveValue("REOPENED");
  await expect(form.getByLabel("Priority")).toHaveValue("URGENT");
  await expect(form.getByLabel("Search")).toHaveValue(words.join(" ").toUpperCase());
  await expect(page.getByTestId("claim-row")).toHaveCount(1);
  await expect(page.getByTestId("claim-row")).toHaveAttribute("data-claim-id", reviewed.id);

  // The same address in another browser (a bookmark) gives the same view.
  const other = await pageFor(browser, editor2, fx.password);
  await other.goto(url);
  await expect(other.getByTestId("claim-row")).toHaveCount(1);
  await expect(other.getByTestId("claim-row")).toHaveAttribute("data-claim-id", reviewed.id);
  await other.context().close();

  // Changing a filter in the form changes the address.
  await form.getByLabel("Status").selectOption({ label: "Published" });
  await form.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL(/status=PUBLISHED/);
  await expect(page.getByTestId("claim-row")).toHaveCount(0);

  // SQL-looking and unknown values: named, ignored, the rest of the view still applies.
  await page.goto(`/claims?status=${encodeURIComponent("'; DROP TABLE \"Claim\";--")}&q=${encodeURIComponent(words[0]!)}&due=whenever`);
  await expect(page.getByTestId("ignored-filters")).toHaveText("Some filters were not understood and were ignored: status (Unknown status.), due (Unknown due filter.).");
  await expect(page.locator(`[data-claim-id="${reviewed.id}"]`)).toHaveCount(1);
  await page.goto(`/claims?q=${encodeURIComponent("' OR 1=1 --")}`);
  await expect(page.getByTestId("claim-row")).toHaveCount(0);
  await expect(page.getByText("No claims match this view.")).toBeVisible();
});

test("the list pages by cursor: links keep the filters, the export link never pages, a bad cursor is named and ignored", async ({ page }) => {
  await signInReusing(page, editor, fx.password);
  await page.goto(`/claims?articleId=${article.id}`);
  const count = await listedCount(page);
  expect(count).toBeGreaterThan(0);
  await expect(page.getByTestId("claim-pager")).toHaveCount(0); // one page only
  // A cursor past every row's last change: the whole filtered list, as a later page would show it.
  const after = encodeClaimListCursor({ updatedAt: new Date("2100-01-01T00:00:00Z"), id: "zzzzzzzz" });
  await page.goto(`/claims?articleId=${article.id}&after=${after}`);
  await expect(page.getByTestId("claim-row")).toHaveCount(count);
  await expect(page.getByTestId("claim-range")).toHaveText(`Showing 1–${count} of ${count} claims`);
  const exportHref = (await page.getByTestId("export-claims-report").getAttribute("href")) ?? "";
  expect(new URL(exportHref, page.url()).searchParams.get("articleId")).toBe(article.id);
  expect(new URL(exportHref, page.url()).searchParams.has("after")).toBe(false);
  await page.getByTestId("claim-pager").getByRole("link", { name: "First page" }).click();
  await page.waitForURL((url) => url.searchParams.get("articleId") === article.id && !url.searchParams.has("after"));
  await expect(page.getByTestId("claim-row")).toHaveCount(count);

  // A cursor the page did not issue: named like a bad filter, the first page shown, never an error.
  await page.goto(`/claims?articleId=${article.id}&after=${encodeURIComponent("'; DROP TABLE \"Claim\";--")}`);
  await expect(page.getByTestId("ignored-filters")).toHaveText(/^Some filters were not understood and were ignored: after( \(.+\))?\.$/);
  await expect(page.getByTestId("claim-row")).toHaveCount(count);
  await expect(page.getByTestId("claim-pager")).toHaveCount(0);
});

test("workload, dashboard and activity show the desk's real figures", async ({ page }) => {
  await signInReusing(page, editor, fx.password);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" })).toBeVisible();

  // Unassigned on the workload = new, unassigned claims in the list.
  await page.goto("/claims?assigneeId=none&status=NEW");
  const unassigned = await listedCount(page);
  await page.goto("/workload");
  await expect(page.getByTestId("workload-unassigned").locator('[data-col="open"]')).toHaveText(String(unassigned));
  const rita = page.locator(`[data-testid="workload-row"][data-user-id="${reviewer.id}"]`);
  await expect(rita).toContainText(reviewer.name);
  const ritaOpen = Number(await rita.locator('[data-col="open"]').textContent());
  expect(ritaOpen).toBeGreaterThanOrEqual(2);
  // Her name links to her claims in the list.
  await rita.getByRole("link", { name: reviewer.name }).click();
  await page.waitForURL(new RegExp(`assigneeId=${reviewer.id}`));
  expect(await listedCount(page)).toBeGreaterThanOrEqual(ritaOpen);

  // The dashboard's figures agree with the list, and the charts are drawn.
  await page.goto("/claims?status=REOPENED");
  const reopenedCount = await listedCount(page);
  expect(reopenedCount).toBeGreaterThanOrEqual(1);
  await page.goto("/claims?due=overdue");
  const overdue = await listedCount(page);
  await page.goto("/claims?verdict=FALSE");
  const falseVerdicts = await listedCount(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("figure-overdue").locator(".figure")).toHaveText(String(overdue));
  const statusTable = page.getByTestId("chart-status-table");
  await expect(statusTable.locator('tr[data-category="Reopened"] td')).toHaveText(String(reopenedCount));
  await expect(page.getByTestId("chart-status").locator("svg.recharts-surface").first()).toBeVisible();
  expect(await page.getByTestId("chart-status").locator(".recharts-bar-rectangle").count()).toBeGreaterThan(0);
  // This week's throughput credits the reviewer with the verdict approved in the previous test.
  const throughput = page.getByTestId("chart-throughput-table");
  const ritaThisWeek = throughput.locator("tbody tr").last().locator(`td[data-series="${reviewer.id}"]`);
  expect(Number(await ritaThisWeek.textContent())).toBeGreaterThanOrEqual(1);
  // Verdict distribution counts current verdicts (the superseded one is not among them), as the list does.
  const verdictTable = page.getByTestId("chart-verdicts-table");
  await expect(verdictTable.locator('tr[data-category="False"] td[data-series="total"]')).toHaveText(String(falseVerdicts));
  await expect(page.getByTestId("chart-verdicts").locator("svg.recharts-surface").first()).toBeVisible();
  // Reviewer agreement over blind double reviews sits on the same page.
  await expect(page.getByTestId("agreement-panel")).toContainText("Reviewer agreement");

  // Activity: the second editor's approvals, filtered by person and action, kept in the URL.
  await page.goto("/activity");
  const filters = page.getByRole("form", { name: "Filter activity" });
  await filters.getByLabel("Person").selectOption(editor2.id);
  await filters.getByLabel("Action").selectOption("verdict.approved");
  await filters.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL(/action=verdict\.approved/);
  expect(new URL(page.url()).searchParams.get("actorId")).toBe(editor2.id);
  const items = page.getByTestId("activity").locator("li");
  await expect(items.first()).toContainText(`${editor2.name} approved the verdict`);
  await expect(items.first()).toContainText(reviewed.text.slice(0, 40));
  await expect(items.first()).toContainText("state: Proposed (awaiting approval) → Approved");
  for (const text of await items.allTextContents()) expect(text).toContain(editor2.name);
  // A date range after today holds nothing.
  await page.goto(`/activity?actorId=${editor2.id}&from=2099-01-01`);
  await expect(page.getByText("No activity matches these filters.")).toBeVisible();
  // The whole feed is paged, newest first.
  await page.goto("/activity");
  await expect(page.getByTestId("activity").locator("li")).toHaveCount(50);
  const newest = await page.getByTestId("activity").locator("li").first().textContent();
  await page.getByTestId("older").click();
  await page.waitForURL(/before=\d+/);
  await expect(page.getByTestId("activity").locator("li").first()).not.toHaveText(newest ?? "");
});

test("the reviewer pool: closed by default, opened by an admin, a reviewer takes a claim", async ({ browser, page }) => {
  const reviewerPage = await pageFor(browser, reviewer, fx.password);
  await reviewerPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pool" }).click();
  await expect(reviewerPage.getByTestId("pool-closed")).toBeVisible();

  await signInReusing(page, admin, fx.password);
  await page.goto("/admin/settings");
  await expect(page.getByTestId("reviewer-pool-state")).toHaveText("The pool is closed.");
  const form = page.getByTestId("reviewer-pool-form");
  await form.getByLabel("Open: reviewers may take unassigned claims from the pool").check();
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByTestId("form-ok")).toHaveText("Setting saved.");
  await expect(page.getByTestId("reviewer-pool-state")).toHaveText("The pool is open.");

  await reviewerPage.reload();
  const first = reviewerPage.getByTestId("pool-claim").first();
  const claimId = (await first.getAttribute("data-claim-id")) ?? "";
  await first.getByRole("button", { name: "Take this claim" }).click();
  // Taken: the reviewer lands on the claim, now theirs, and it left the pool.
  await reviewerPage.waitForURL(new RegExp(`/claims/${claimId}$`));
  await expect(reviewerPage.getByTestId("claim-meta")).toContainText(`Assigned to: ${reviewer.name}`);
  await expect(reviewerPage.getByTestId("evidence-form")).toBeVisible();
  await expect(historyEntries(reviewerPage, "claim.take")).toContainText(`${reviewer.name} took the claim from the pool`);
  await reviewerPage.goto("/pool");
  await expect(reviewerPage.getByTestId("pool-claim").first()).toBeVisible();
  await expect(reviewerPage.locator(`[data-testid="pool-claim"][data-claim-id="${claimId}"]`)).toHaveCount(0);
  await reviewerPage.context().close();

  // Closed again, so later specs see the desk as they expect it.
  await page.reload();
  await form.getByLabel("Closed: only editors assign claims").check();
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("reviewer-pool-state")).toHaveText("The pool is closed.");
});
