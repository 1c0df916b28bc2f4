/**
 * Step 4: an editor sees All claims, assigns and reassigns, approves or returns a proposed verdict,
 * and never approves a verdict they proposed themselves (four-eyes rule).
 */
import { expect, test, type Browser } from "@playwright/test";
import { loadFixtures, signInReusing, type E2EUser } from "./fixtures";
import {
  addEvidence,
  assignClaim,
  claimRow,
  historyEntries,
  pageFor,
  proposeVerdict,
  takeUnassignedClaim,
  type PickedClaim,
} from "./helpers";

const fx = loadFixtures();
const { reviewer, reviewer2, editor, editor2 } = fx.users;
const article = fx.articles[1]!;

/** In the assignee's own browser: one piece of evidence, then a verdict. */
async function proposeAs(browser: Browser, user: E2EUser, claim: PickedClaim, label: string, rationale: string) {
  const page = await pageFor(browser, user, fx.password);
  await page.goto(claim.url);
  await addEvidence(page, {
    url: "https://www.example.org/source",
    title: `Source for ${label}`,
    publisher: "Example Wire",
    quote: "The relevant passage.",
    stance: "Supports",
  });
  await proposeVerdict(page, label, rationale);
  await page.context().close();
}

test("the editor sees All claims, assigns an unassigned claim and reassigns it to another reviewer", async ({ browser, page }) => {
  await signInReusing(page, editor, fx.password);
  await expect(page).toHaveURL(/\/claims$/);
  await expect(page.getByRole("heading", { name: "All claims" })).toBeVisible();
  // All claims: the editor sees claims of both articles, assigned or not.
  const rows = page.getByTestId("claim-row");
  await expect(rows.filter({ hasText: fx.articles[0]!.title }).first()).toBeVisible();
  await expect(rows.filter({ hasText: fx.articles[1]!.title }).first()).toBeVisible();
  await expect(rows.filter({ hasText: "Unassigned" }).first()).toBeVisible();

  // reviewer2 only ever gets claims of the first article (06-session-access relies on one without any).
  const claim = await takeUnassignedClaim(page, fx.articles[0]!.title);
  await assignClaim(page, claim, reviewer, { priority: "Low" });
  await expect(page.getByTestId("claim-meta")).toContainText("Assigned");
  // The form shows what was just saved (and would not silently unassign on the next save).
  const form = page.getByTestId("assign-form");
  await expect(form.getByLabel("Assignee")).toHaveValue(reviewer.id);
  await expect(form.getByLabel("Priority")).toHaveValue("LOW");
  await expect(form.getByRole("button", { name: "Save assignment" })).toBeVisible();
  await assignClaim(page, claim, reviewer2, { priority: "Urgent", due: "2026-09-01" });
  const meta = page.getByTestId("claim-meta");
  await expect(meta).toContainText(`Assigned to: ${reviewer2.name}`);
  await expect(meta).toContainText("Urgent");
  await expect(meta).toContainText("Due: 2026-09-01");
  await expect(form.getByLabel("Assignee")).toHaveValue(reviewer2.id);
  await expect(form.getByLabel("Due date")).toHaveValue("2026-09-01");
  await expect(historyEntries(page, "claim.assign")).toContainText(`${editor.name} assigned the claim`);
  const reassigned = historyEntries(page, "claim.reassign");
  await expect(reassigned).toHaveCount(1);
  await expect(reassigned).toContainText(`${editor.name} changed the assignment`);
  // The timeline names people (not ids): before → after.
  await expect(reassigned).toContainText(`assignee: ${reviewer.name} → ${reviewer2.name}`);
  await expect(reassigned).toContainText("priority: Low → Urgent");
  await expect(reassigned).not.toContainText(reviewer.id);

  // In the All claims list the row now shows the new assignee.
  await page.goto("/claims");
  await expect(claimRow(page, claim).locator("td:nth-child(4)")).toHaveText(reviewer2.name);

  // The first reviewer lost it, the second one has it.
  const first = await pageFor(browser, reviewer, fx.password);
  await expect(claimRow(first, claim)).toHaveCount(0);
  await first.context().close();
  const second = await pageFor(browser, reviewer2, fx.password);
  await expect(claimRow(second, claim)).toHaveCount(1);
  await second.context().close();
});

test("the editor approves a reviewer's proposed verdict", async ({ browser, page }) => {
  await signInReusing(page, editor, fx.password);
  const claim = await takeUnassignedClaim(page, article.title);
  await assignClaim(page, claim, reviewer);
  await proposeAs(browser, reviewer, claim, "Mostly true", "Broadly matches the published figures.");

  await page.goto(claim.url);
  await expect(page.getByTestId("claim-meta")).toContainText("Verdict proposed");
  await page.getByTestId("approve-form").getByRole("button", { name: "Approve verdict" }).click();
  await expect(page.getByTestId("approve-form")).toHaveCount(0);
  await expect(page.getByTestId("claim-meta")).toContainText("Approved");
  const current = page.getByTestId("current-verdict");
  await expect(current).toContainText("Mostly true");
  await expect(current).toContainText(`Proposed by ${reviewer.name}`);
  await expect(current).toContainText(`approved by ${editor.name}`);
  await expect(page.getByTestId("publish-form")).toBeVisible();
  await expect(historyEntries(page, "claim.approve")).toContainText(`${editor.name} approved the claim`);
});

test("four eyes: an editor cannot approve a verdict they proposed; a second editor can", async ({ browser, page }) => {
  await signInReusing(page, editor, fx.password);
  const claim = await takeUnassignedClaim(page, article.title);
  await assignClaim(page, claim, editor);
  await addEvidence(page, {
    url: "https://www.example.org/own-work",
    title: "Editor's own source",
    publisher: "Example Wire",
    quote: "A passage.",
    stance: "Context",
  });
  await proposeVerdict(page, "Half true / Mixed", "Partly right, partly not.");

  // Not offered Approve on their own verdict (the server refuses it too: lib/server/claim/claims.test.ts).
  await expect(page.getByTestId("approve-form")).toHaveCount(0);
  await expect(page.getByTestId("own-proposal-note")).toHaveText("You proposed this verdict, so another editor approves it.");
  await expect(page.getByTestId("return-form")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("claim-meta")).toContainText("Verdict proposed");
  await expect(page.getByTestId("current-verdict")).not.toContainText("approved by");
  await expect(historyEntries(page, "claim.approve")).toHaveCount(0);

  const other = await pageFor(browser, editor2, fx.password);
  await other.goto(claim.url);
  await other.getByTestId("approve-form").getByRole("button", { name: "Approve verdict" }).click();
  await expect(other.getByTestId("claim-meta")).toContainText("Approved");
  await expect(other.getByTestId("current-verdict")).toContainText(`approved by ${editor2.name}`);
  await expect(historyEntries(other, "claim.approve")).toContainText(`${editor2.name} approved the claim`);
  await other.context().close();
});

test("the editor returns a proposed verdict with a reason; without a reason it is refused", async ({ browser, page }) => {
  await signInReusing(page, editor, fx.password);
  const claim = await takeUnassignedClaim(page, article.title);
  await assignClaim(page, claim, reviewer);
  await proposeAs(browser, reviewer, claim, "Misleading", "Leaves out the approval process.");

  await page.goto(claim.url);
  const returnForm = page.getByTestId("return-form");
  await returnForm.getByRole("button", { name: "Return to reviewer" }).click();
  await expect(returnForm.getByTestId("field-error-reason")).toHaveText("A reason is required.");
  await expect(page.getByTestId("claim-meta")).toContainText("Verdict proposed");

  const reason = "Please cite the primary source for the missile count.";
  await returnForm.getByLabel("Reason for returning").fill(reason);
  await returnForm.getByRole("button", { name: "Return to reviewer" }).click();
  await expect(page.getByTestId("claim-meta")).toContainText("Returned");
  const current = page.getByTestId("current-verdict");
  await expect(current).toContainText("Returned to reviewer");
  await expect(current).toContainText(`returned: ${reason}`);
  const returned = historyEntries(page, "claim.return");
  await expect(returned).toContainText(`${editor.name} returned the claim`);
  await expect(returned).toContainText(reason);

  // Back with the reviewer: they see the reason and can work on the claim again.
  const back = await pageFor(browser, reviewer, fx.password);
  await back.goto(claim.url);
  await expect(back.getByTestId("claim-meta")).toContainText("Returned");
  await expect(back.getByTestId("current-verdict")).toContainText(reason);
  await expect(back.getByTestId("verdict-form")).toBeVisible();
  await expect(back.getByTestId("evidence-form")).toBeVisible();
  await back.context().close();
});
