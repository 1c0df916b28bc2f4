/**
 * Step 3: the reviewer adds evidence and proposes a verdict; each step is saved at once and shows in
 * the history with who and when. Bad input is refused next to the fields and changes nothing.
 */
import { expect, test } from "@playwright/test";
import { loadFixtures, signInReusing } from "./fixtures";
import { addEvidence, assignClaim, fillEvidence, fillVerdict, historyEntries, pageFor, takeUnassignedClaim } from "./helpers";

const fx = loadFixtures();
const { reviewer, editor } = fx.users;
const article = fx.articles[0]!;

test("the reviewer adds evidence and proposes a verdict; bad input and a verdict without evidence are refused", async ({ browser, page }) => {
  const editorPage = await pageFor(browser, editor, fx.password);
  const claim = await takeUnassignedClaim(editorPage, article.title);
  await assignClaim(editorPage, claim, reviewer);
  await editorPage.context().close();

  await signInReusing(page, reviewer, fx.password);
  await page.goto(claim.url);
  const meta = page.getByTestId("claim-meta");
  await expect(meta).toContainText("Assigned");
  const evidenceSection = page.getByRole("region", { name: "Evidence" });
  const verdictSection = page.getByRole("region", { name: "Verdict" });

  // A factual verdict before any evidence: refused with a clear message, nothing saved.
  await fillVerdict(page, "False", "Contradicted by the official figures.");
  const verdictForm = page.getByTestId("verdict-form");
  await expect(verdictForm.getByTestId("form-error")).toHaveText(/"False" is a factual verdict: attach at least one piece of evidence first\./);
  await expect(verdictForm.getByTestId("field-error-rating")).toContainText("attach at least one piece of evidence");
  await expect(verdictForm.getByLabel("Verdict")).toHaveValue("FALSE");
  await expect(verdictForm.getByLabel("Rationale (Markdown)")).toHaveValue("Contradicted by the official figures.");
  await expect(verdictSection).toContainText("No verdict yet.");
  await expect(page.getByTestId("current-verdict")).toHaveCount(0);
  await expect(meta).toContainText("Assigned");
  await expect(historyEntries(page, "verdict.propose")).toHaveCount(0);

  // Bad evidence: a javascript: URL and an empty title. Errors sit next to the fields, the typed values stay.
  await fillEvidence(page, {
    url: "javascript:alert(1)",
    title: "",
    publisher: "Example Wire",
    quote: "A quoted passage that must survive the refusal.",
    stance: "Refutes",
  });
  const evidenceForm = page.getByTestId("evidence-form");
  await expect(evidenceForm.getByTestId("field-error-url")).toHaveText("Enter a full http:// or https:// address.");
  await expect(evidenceForm.getByTestId("field-error-title")).toHaveText("Title is required.");
  await expect(evidenceForm.getByTestId("form-error")).toBeVisible();
  await expect(evidenceForm.getByLabel("URL")).toHaveValue("javascript:alert(1)");
  await expect(evidenceForm.getByLabel("URL")).toHaveAttribute("aria-invalid", "true");
  await expect(evidenceForm.getByLabel("Publisher")).toHaveValue("Example Wire");
  await expect(evidenceForm.getByLabel("Quoted passage")).toHaveValue("A quoted passage that must survive the refusal.");
  await expect(evidenceForm.getByLabel("Stance")).toHaveValue("REFUTES");
  await page.reload();
  await expect(evidenceSection).toContainText("No evidence yet.");
  await expect(page.getByTestId("evidence-item")).toHaveCount(0);
  await expect(historyEntries(page, "evidence.add")).toHaveCount(0);
  await expect(meta).toContainText("Assigned");

  // Good evidence: saved at once, listed, and recorded in the history with the reviewer's name.
  const evidence = {
    url: "https://www.example.org/reports/atacms-approvals",
    title: "Approvals of long-range missiles, 2025",
    publisher: "Example Wire",
    quote: "The department confirmed the approval process in a written statement.",
    stance: "Refutes" as const,
  };
  await addEvidence(page, evidence);
  const item = page.getByTestId("evidence-item").filter({ hasText: evidence.title });
  await expect(item).toContainText("Refutes");
  await expect(item).toContainText(evidence.publisher);
  await expect(item).toContainText(evidence.quote);
  await expect(item).toContainText(`Added by ${reviewer.name}`);
  await expect(item.getByRole("link", { name: evidence.title })).toHaveAttribute("href", evidence.url);
  const added = historyEntries(page, "evidence.add");
  await expect(added).toHaveCount(1);
  await expect(added).toContainText(`${reviewer.name} added evidence`);
  await expect(added).toContainText(evidence.url);
  await expect(added).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  await expect(meta).toContainText("In review");

  // Now the verdict goes through, with its rationale, and the history shows who proposed what.
  const rationale = "The approval figures in the **official statement** contradict the claim.";
  await fillVerdict(page, "False", rationale);
  await expect(page.getByTestId("verdict-form")).toHaveCount(0);
  const current = page.getByTestId("current-verdict");
  await expect(current).toContainText("False");
  await expect(current).toContainText("Proposed (awaiting approval)");
  await expect(current.locator("strong")).toHaveText("official statement");
  await expect(current).toContainText(`Proposed by ${reviewer.name}`);
  await expect(meta).toContainText("Verdict proposed");
  const proposed = historyEntries(page, "verdict.propose");
  await expect(proposed).toHaveCount(1);
  await expect(proposed).toContainText(`${reviewer.name} proposed a verdict`);
  await expect(proposed).toContainText("rating: FALSE");
  await expect(proposed).toContainText("The approval figures");

  // Saved, not just shown: a fresh load gives the same state.
  await page.reload();
  await expect(page.getByTestId("current-verdict")).toContainText("False");
  await expect(page.getByTestId("evidence-item")).toHaveCount(1);
});
