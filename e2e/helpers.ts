/**
 * Steps the specs share, all driven through the UI: sign in a second person in their own browser
 * context, take a fresh unassigned claim, assign it, add evidence, propose a verdict, approve and
 * publish it; and a small
 * RFC 4180 parser for the CSV report.
 */
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { signInReusing, type E2EUser } from "./fixtures";

/**
 * How long a spec waits for an import's result page (ms): the server analyses the text in a worker
 * thread and may take up to its run limit (30 s) on a loaded machine, so the 10 s default of
 * `expect` is too short there (seen once at load 15).
 */
export const IMPORT_WAIT = { timeout: 45_000 };

export interface PickedClaim {
  id: string;
  text: string;
  url: string;
}

/**
 * A new browser context (own cookies) with `user` signed in, on the claims list; with this worker's
 * kept session for `user` when the server still takes it (signInReusing), else through the form.
 */
export async function pageFor(browser: Browser, user: E2EUser, password: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  await signInReusing(page, user, password);
  return page;
}

/** The claim text as the claim page shows it (the heading wraps it in curly quotes). */
export async function readClaimText(page: Page): Promise<string> {
  const heading = (await page.getByTestId("claim-text").textContent()) ?? "";
  return heading.trim().replace(/^“/, "").replace(/”$/, "");
}

/** Opens the first claim of the signed-in user's "All claims" list and returns its path; for specs that only read or comment, any claim will do. */
export async function openAnyClaim(page: Page): Promise<string> {
  await page.goto("/claims");
  await page.getByTestId("claim-row").first().getByRole("link").first().click();
  await page.waitForURL(/\/claims\/[A-Za-z0-9_-]+$/);
  return new URL(page.url()).pathname;
}

/**
 * As an editor: opens the first claim of the given article that nobody is assigned to yet (from
 * "All claims" filtered to unassigned) and returns it. Each spec assigns what it takes, so the next
 * call gets a different claim.
 */
export async function takeUnassignedClaim(editorPage: Page, articleTitle: string): Promise<PickedClaim> {
  await editorPage.goto("/claims?assigneeId=none");
  await expect(editorPage.getByRole("heading", { name: "All claims" })).toBeVisible();
  const row = editorPage.getByTestId("claim-row").filter({ hasText: articleTitle }).first();
  await expect(row, `an unassigned claim left in "${articleTitle}"`).toBeVisible();
  await expect(row).toContainText("Unassigned");
  await row.getByRole("link").first().click();
  await editorPage.waitForURL(/\/claims\/[A-Za-z0-9_-]+$/);
  await expect(editorPage.getByTestId("claim-meta")).toContainText("Assigned to: nobody");
  const id = new URL(editorPage.url()).pathname.split("/").pop() ?? "";
  return { id, text: await readClaimText(editorPage), url: `/claims/${id}` };
}

/** As an editor, on the claim's page: saves assignee, priority and due date through the Assignment form. */
export async function assignClaim(
  editorPage: Page,
  claim: PickedClaim,
  assignee: E2EUser,
  options: { priority?: "Low" | "Normal" | "High" | "Urgent"; due?: string } = {},
) {
  if (!editorPage.url().endsWith(claim.url)) await editorPage.goto(claim.url);
  const form = editorPage.getByTestId("assign-form");
  await form.getByLabel("Assignee").selectOption(assignee.id);
  if (options.priority) await form.getByLabel("Priority").selectOption({ label: options.priority });
  if (options.due !== undefined) await form.getByLabel("Due date").fill(options.due);
  await form.getByRole("button", { name: /^(Assign|Save assignment)$/ }).click();
  await expect(form.getByTestId("form-ok")).toHaveText("Assignment saved.");
  await expect(editorPage.getByTestId("claim-meta")).toContainText(`Assigned to: ${assignee.name}`);
}

export interface EvidenceInput {
  url: string;
  title: string;
  publisher: string;
  quote: string;
  stance: "Supports" | "Refutes" | "Context";
}

export async function fillEvidence(page: Page, input: EvidenceInput) {
  const form = page.getByTestId("evidence-form");
  await form.getByLabel("URL").fill(input.url);
  await form.getByLabel("Title").fill(input.title);
  await form.getByLabel("Publisher").fill(input.publisher);
  await form.getByLabel("Quoted passage").fill(input.quote);
  await form.getByLabel("Stance").selectOption({ label: input.stance });
  await form.getByRole("button", { name: "Add evidence" }).click();
}

/** As the assigned reviewer, on the claim's page: adds a piece of evidence and waits until it is listed. */
export async function addEvidence(page: Page, input: EvidenceInput) {
  await fillEvidence(page, input);
  await expect(page.getByTestId("evidence-form").getByTestId("form-ok")).toHaveText("Evidence added.");
  await expect(page.getByTestId("evidence-item").filter({ hasText: input.title })).toBeVisible();
}

export async function fillVerdict(page: Page, label: string, rationale: string) {
  const form = page.getByTestId("verdict-form");
  await form.getByLabel("Verdict").selectOption({ label });
  await form.getByLabel("Rationale (Markdown)").fill(rationale);
  await form.getByRole("button", { name: "Propose verdict" }).click();
}

/** As the assigned reviewer, on the claim's page: proposes a verdict and waits for the claim to move on. */
export async function proposeVerdict(page: Page, label: string, rationale: string) {
  await fillVerdict(page, label, rationale);
  await expect(page.getByTestId("current-verdict")).toContainText(label);
  await expect(page.getByTestId("claim-meta")).toContainText("Verdict proposed");
}

/** As an editor: approves the claim's proposed verdict and publishes it, waiting for each step. */
export async function approveAndPublish(page: Page, claim: PickedClaim) {
  await page.goto(claim.url);
  await page.getByTestId("approve-form").getByRole("button", { name: "Approve verdict" }).click();
  await expect(page.getByTestId("claim-meta")).toContainText("Approved");
  await page.getByTestId("publish-form").getByRole("button", { name: "Publish verdict" }).click();
  await expect(page.getByTestId("claim-meta")).toContainText("Published");
}

/** The history entry for one action (data-action on each timeline item). */
export function historyEntries(page: Page, action: string): Locator {
  return page.getByTestId("history").locator(`li[data-action="${action}"]`);
}

/** A claim row in a claims table, found by the start of its (possibly shortened) text. */
export function claimRow(page: Page, claim: PickedClaim): Locator {
  return page.getByTestId("claim-row").filter({ hasText: claim.text.slice(0, 60) });
}

/** RFC 4180: comma-separated fields, double-quoted when needed, "" inside quotes, CRLF (or LF) record ends. */
export function parseCsv(input: string): string[][] {
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"') {
      if (field !== "") throw new Error(`CSV: stray quote inside an unquoted field at offset ${i}`);
      quoted = true;
    } else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\r" || ch === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      if (ch === "\r" && text[i + 1] === "\n") i += 1;
    } else {
      field += ch;
    }
    i += 1;
  }
  if (quoted) throw new Error("CSV: unterminated quoted field");
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** CSV records as objects keyed by the header row. */
export function csvObjects(records: string[][]): Record<string, string>[] {
  const [header, ...rows] = records;
  if (!header) return [];
  return rows.map((row) => {
    expect(row, "every CSV record has as many cells as the header").toHaveLength(header.length);
    return Object.fromEntries(header.map((name, i) => [name, row[i] ?? ""]));
  });
}

/** As an editor: imports pasted `text` under `title` (outlet "E2E Wire") and waits for the article page. */
export async function importPastedArticle(page: Page, title: string, text: string): Promise<void> {
  await page.goto("/articles/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Outlet").fill("E2E Wire");
  await page.getByLabel("Article text").fill(text);
  await page.getByRole("button", { name: "Import article" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible(IMPORT_WAIT);
}

/** Selects `phrase` inside the article text the way a mouse would, then releases the button. */
export async function selectPhrase(page: Page, phrase: string) {
  await page.getByTestId("selectable-article").evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const index = node.textContent?.indexOf(wanted) ?? -1;
      if (index < 0) continue;
      const range = document.createRange();
      range.setStart(node, index);
      range.setEnd(node, index + wanted.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      root.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
      return;
    }
    throw new Error(`phrase not found in the article text: ${wanted}`);
  }, phrase);
}
