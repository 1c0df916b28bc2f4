/**
 * Issue 4, items 3–4: a blind double review end to end (an editor requires two reviewers, each
 * proposes without seeing the other's work, an editor compares both side by side and approves one;
 * the agreement panel shows the pair), and comments with @mentions that notify, with an unread count.
 */
import { expect, test, type Page } from "@playwright/test";
import { loadFixtures, signInReusing } from "./fixtures";
import { addEvidence, assignClaim, claimRow, fillVerdict, historyEntries, pageFor, takeUnassignedClaim } from "./helpers";

const fx = loadFixtures();
const { reviewer: rita, reviewer2: ravi, editor, editor2 } = fx.users;
// reviewer2 only ever gets claims of the first article (06-session-access relies on one without any).
const article = fx.articles[0]!;

/** The unread count in the header's bell (0 when the badge is not shown). */
async function unreadCount(page: Page): Promise<number> {
  await expect(page.getByTestId("notification-bell")).toBeVisible();
  const badge = page.getByTestId("unread-count");
  return (await badge.count()) === 0 ? 0 : Number(await badge.textContent());
}

test("blind double review: two reviewers propose blind, an editor compares both and approves one; the agreement panel shows the pair", async ({
  browser,
  page,
}) => {
  await signInReusing(page, editor, fx.password);
  const claim = await takeUnassignedClaim(page, article.title);
  const form = page.getByTestId("assign-form");
  await form.getByLabel("Assignee").selectOption(rita.id);
  await form.getByLabel("Second reviewer (blind double review)").selectOption(ravi.id);
  await form.getByRole("button", { name: "Assign" }).click();
  await expect(form.getByTestId("form-ok")).toHaveText("Assignment saved.");
  const meta = page.getByTestId("claim-meta");
  await expect(meta).toContainText(`Assigned to: ${rita.name}`);
  await expect(meta).toContainText(`Second reviewer: ${ravi.name}`);
  await expect(meta).toContainText("Blind double review");
  await expect(historyEntries(page, "claim.reviewers")).toContainText(`second reviewer: — → ${ravi.name}`);

  // The same person twice is refused next to the field, and nothing changes.
  await form.getByLabel("Second reviewer (blind double review)").selectOption(rita.id);
  await form.getByRole("button", { name: "Save assignment" }).click();
  await expect(form.getByTestId("field-error-secondReviewerId")).toHaveText("The second reviewer must be someone other than the first.");
  await page.reload();
  await expect(meta).toContainText(`Second reviewer: ${ravi.name}`);
  await expect(historyEntries(page, "claim.reviewers")).toHaveCount(1);

  // Ravi opens the claim before Rita starts: nothing he sees may move because of her work (issue 12).
  const raviPage = await pageFor(browser, ravi, fx.password);
  await raviPage.goto(claim.url);
  const raviMetaBefore = await raviPage.getByTestId("claim-meta").innerText();
  const raviVersionBefore = await raviPage.getByTestId("verdict-form").locator('input[name="expectedVersion"]').inputValue();

  // Reviewer 1 (Rita) works blind: evidence, a comment and a verdict.
  const ritaPage = await pageFor(browser, rita, fx.password);
  await ritaPage.goto(claim.url);
  await expect(ritaPage.getByTestId("blind-notice")).toContainText("stay hidden from you, and yours from them");
  await addEvidence(ritaPage, {
    url: "https://www.example.org/rita-source",
    title: "RITA-SOURCE title",
    publisher: "Example Wire",
    quote: "RITA-QUOTE passage.",
    stance: "Refutes",
  });
  const ritaComment = ritaPage.getByTestId("comment-form");
  await ritaComment.getByLabel(/Comment/).fill("RITA-NOTE: the count is inflated.");
  await ritaComment.getByRole("button", { name: "Add comment" }).click();
  await expect(ritaComment.getByTestId("form-ok")).toHaveText("Comment added.");
  await fillVerdict(ritaPage, "False", "RITA-RATIONALE: the official count is lower.");
  await expect(ritaPage.getByTestId("current-verdict")).toContainText("False");
  await expect(ritaPage.getByTestId("blind-notice")).toContainText("Your verdict is proposed");
  // The claim waits for the second verdict without moving (status and version as assigned).
  await expect(ritaPage.getByTestId("claim-meta").locator(".badge").first()).toHaveText("Assigned");
  await expect(ritaPage.getByTestId("verdict-form")).toHaveCount(0);
  await expect(ritaPage.getByTestId("evidence-form")).toHaveCount(0);

  // Reviewer 2 (Ravi) sees the claim but nothing of Rita's work: page (status, version), history, CSV.
  await raviPage.goto(claim.url);
  expect(await raviPage.getByTestId("claim-meta").innerText()).toBe(raviMetaBefore);
  expect(await raviPage.getByTestId("verdict-form").locator('input[name="expectedVersion"]').inputValue()).toBe(raviVersionBefore);
  await raviPage.goto("/claims");
  await expect(claimRow(raviPage, claim)).toHaveCount(1);
  await raviPage.goto(claim.url);
  await expect(raviPage.getByTestId("blind-notice")).toBeVisible();
  const raviMain = raviPage.locator("main");
  for (const secret of ["RITA-SOURCE", "RITA-QUOTE", "RITA-NOTE", "RITA-RATIONALE"]) await expect(raviMain).not.toContainText(secret);
  await expect(raviPage.getByTestId("current-verdict")).toHaveCount(0);
  await expect(raviPage.getByRole("region", { name: "Evidence" })).toContainText("No evidence yet.");
  await expect(raviPage.getByRole("region", { name: "Comments" })).toContainText("No comments yet.");
  for (const action of ["verdict.propose", "evidence.add", "comment.add", "claim.startReview"]) {
    await expect(historyEntries(raviPage, action)).toHaveCount(0);
  }
  const csv = await raviPage.request.get(`/articles/${article.id}/report.csv`);
  expect(csv.status()).toBe(200);
  const csvText = await csv.text();
  expect(csvText).toContain(claim.text.slice(0, 30));
  expect(csvText).not.toContain("RITA-RATIONALE");
  expect(csvText).not.toContain("rita-source");

  // Ravi proposes on his own evidence; now the claim is proposed and both see both.
  await addEvidence(raviPage, {
    url: "https://www.example.org/ravi-source",
    title: "RAVI-SOURCE title",
    publisher: "Example Wire",
    quote: "RAVI-QUOTE passage.",
    stance: "Context",
  });
  await fillVerdict(raviPage, "Mostly false", "RAVI-RATIONALE: close, but the date is wrong.");
  await expect(raviPage.getByTestId("claim-meta")).toContainText("Verdict proposed");
  await expect(raviPage.getByTestId("double-review")).toContainText("RITA-RATIONALE");
  await expect(raviPage.getByRole("region", { name: "Comments" })).toContainText("RITA-NOTE");
  // Each reviewer's list shows both proposals, their own first, never only the latest (issue 15).
  for (const [reviewerPage, labels] of [
    [raviPage, ["Mostly false", "False"]],
    [ritaPage, ["False", "Mostly false"]],
  ] as const) {
    await reviewerPage.goto("/claims");
    await expect(claimRow(reviewerPage, claim).locator(".verdict-label")).toHaveText([...labels]);
  }
  await raviPage.context().close();
  await ritaPage.context().close();

  // Another editor sees both verdicts side by side, each with its own evidence, and approves Ravi's.
  const otto = await pageFor(browser, editor2, fx.password);
  await otto.goto(claim.url);
  const columns = otto.getByTestId("double-review-column");
  await expect(columns).toHaveCount(2);
  await expect(columns.nth(0)).toContainText(`Reviewer 1: ${rita.name}`);
  await expect(columns.nth(0)).toContainText("False");
  await expect(columns.nth(0)).toContainText("RITA-RATIONALE");
  await expect(columns.nth(0)).toContainText("RITA-SOURCE title");
  await expect(columns.nth(0)).not.toContainText("RAVI-SOURCE");
  await expect(columns.nth(1)).toContainText(`Reviewer 2: ${ravi.name}`);
  await expect(columns.nth(1)).toContainText("Mostly false");
  await expect(columns.nth(1)).toContainText("RAVI-SOURCE title");
  await expect(otto.getByTestId("return-form").getByRole("button", { name: "Return to both reviewers" })).toBeVisible();
  await columns.nth(1).getByRole("button", { name: `Approve ${ravi.name}'s verdict` }).click();
  await expect(otto.getByTestId("claim-meta")).toContainText("Approved");
  const current = otto.getByTestId("current-verdict");
  await expect(current).toContainText("Mostly false");
  await expect(current).toContainText(`Proposed by ${ravi.name}`);
  await expect(current).toContainText(`approved by ${editor2.name}`);
  await expect(historyEntries(otto, "verdict.superseded")).toHaveCount(1);
  await expect(otto.getByTestId("publish-form")).toBeVisible();

  // The agreement panel lists the pair: one claim, not agreed (False vs Mostly false).
  await otto.goto("/dashboard/agreement");
  const pair = otto.getByTestId("agreement-pair").filter({ hasText: rita.name }).filter({ hasText: ravi.name });
  await expect(pair).toHaveCount(1);
  await expect(pair.locator("td").nth(1)).toHaveText("1");
  await expect(pair.locator("td").nth(2)).toHaveText("0");
  await expect(otto.getByTestId("agreement-overall")).toContainText("Cohen's kappa");
  await otto.context().close();

  // Reviewers do not get the agreement page.
  const reviewerPage = await pageFor(browser, rita, fx.password);
  const refused = await reviewerPage.goto("/dashboard/agreement");
  expect(refused?.status()).toBe(404);
  await reviewerPage.context().close();
});

test("a comment with an @mention notifies the mentioned reviewer with an unread count; markup in it stays inert", async ({ browser, page }) => {
  const ritaPage = await pageFor(browser, rita, fx.password);
  const before = await unreadCount(ritaPage);

  await signInReusing(page, editor, fx.password);
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const claim = await takeUnassignedClaim(page, article.title);
  await assignClaim(page, claim, rita);

  // Autocompletion: "@Rit" offers Rita; picking her inserts her full name.
  const form = page.getByTestId("comment-form");
  const box = form.getByLabel(/Comment/);
  await box.click();
  await box.pressSequentially("Please check the 2019 figure, @Rit");
  const suggestions = page.getByTestId("mention-suggestions");
  await expect(suggestions.getByRole("option", { name: new RegExp(rita.name) })).toBeVisible();
  await suggestions.getByRole("option", { name: new RegExp(rita.name) }).click();
  await expect(box).toHaveValue(`Please check the 2019 figure, @${rita.name} `);
  await box.pressSequentially(`**now** <img src=x onerror="alert('xss')"> [link](javascript:alert('xss'))`);
  await form.getByRole("button", { name: "Add comment" }).click();
  await expect(form.getByTestId("form-ok")).toHaveText("Comment added.");
  const comment = page.getByTestId("comment").last();
  await expect(comment).toContainText(`@${rita.name}`);
  await expect(comment.locator(".rationale strong")).toHaveText("now");
  await expect(comment.locator("img")).toHaveCount(0);
  await expect(comment.locator('a[href^="javascript:"]')).toHaveCount(0);
  await expect(historyEntries(page, "comment.add")).toContainText(`${editor.name} commented`);
  expect(dialogs).toEqual([]);

  // Someone who cannot see the claim is not offered and not mentioned: the "@" stays plain text, with
  // the same answer as for a name nobody has (no oracle for who exists, issue 12).
  await box.fill("");
  await box.pressSequentially(`@${ravi.name.slice(0, 3)}`);
  await expect(suggestions.getByRole("option", { name: new RegExp(ravi.name) })).toHaveCount(0);
  for (const who of [ravi.name, "Nobody At All"]) {
    await box.fill(`@${who} have a look`);
    await form.getByRole("button", { name: "Add comment" }).click();
    await expect(form.getByTestId("form-ok")).toHaveText("Comment added.");
    await expect(page.getByTestId("comment").last()).toContainText(`@${who} have a look`);
  }

  // Rita: assigned + mentioned = two more unread; the list words them; reading lowers the count.
  await ritaPage.reload();
  expect(await unreadCount(ritaPage)).toBe(before + 2);
  await ritaPage.getByTestId("notification-bell").click();
  await expect(ritaPage.getByRole("heading", { name: "Notifications" })).toBeVisible();
  const newest = ritaPage.getByTestId("notification").first();
  await expect(newest).toHaveAttribute("data-kind", "MENTIONED");
  await expect(newest).toContainText(`${editor.name} mentioned you in a comment on “${claim.text.slice(0, 30)}`);
  const assigned = ritaPage.getByTestId("notification").nth(1);
  await expect(assigned).toHaveAttribute("data-kind", "ASSIGNED");
  await expect(assigned).toContainText(`${editor.name} assigned`);
  await newest.getByRole("button", { name: "Mark read" }).click();
  await expect(newest).toHaveAttribute("data-read", "yes");
  expect(await unreadCount(ritaPage)).toBe(before + 1);
  await ritaPage.getByTestId("mark-all-read").getByRole("button", { name: "Mark all read" }).click();
  await expect(ritaPage.getByTestId("unread-count")).toHaveCount(0);
  await expect(ritaPage.locator('[data-testid="notification"][data-read="no"]')).toHaveCount(0);

  // The notification leads to the claim, where the comment is.
  await newest.getByRole("link").click();
  await ritaPage.waitForURL(new RegExp(`${claim.url}$`));
  await expect(ritaPage.getByTestId("comment").filter({ hasText: "Please check the 2019 figure" })).toHaveCount(1);
  await ritaPage.context().close();
});
