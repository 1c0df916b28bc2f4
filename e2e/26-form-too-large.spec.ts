/**
 * Forms larger than the server accepts (a server action's body is capped at 3 MB, next.config.js):
 * the browser refuses them with a message and keeps what was typed, instead of sending them and
 * showing the error page with the text gone. Found by trying the import form with a long pasted text.
 */
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { loadFixtures, signInReusing } from "./fixtures";
import { openAnyClaim } from "./helpers";

const fx = loadFixtures();

test("a pasted article over 2 MB is refused at its field, nothing is sent, the text stays", async ({ page }) => {
  await signInReusing(page, fx.users.editor, fx.password);
  await page.goto("/articles/new");
  const title = `Too long ${randomUUID()}`;
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Outlet").fill("E2E Wire");
  // 1,100,000 characters of Chinese are 3.3 MB of UTF-8: more than the import's request may carry.
  const text = "是".repeat(1_100_000);
  await page.getByLabel("Article text").fill(text);
  await page.getByRole("button", { name: "Import article" }).click();
  await expect(page.getByTestId("field-error-text")).toHaveText("Article text must be at most 2 MB; this text is 3.1 MB. Split it, or import only the part to check.");
  await expect(page.getByText("Something went wrong")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Import an article" })).toBeVisible();
  expect(await page.getByLabel("Article text").evaluate((box) => (box as HTMLTextAreaElement).value.length)).toBe(text.length);
  await expect(page.getByLabel("Title")).toHaveValue(title);

  // A text just over 2 MB (in bytes, though fewer characters) gets the same message.
  const ascii = "The council approved the budget. ".repeat(63_600); // 2,098,800 bytes
  await page.getByLabel("Article text").fill(ascii);
  await page.getByRole("button", { name: "Import article" }).click();
  await expect(page.getByTestId("field-error-text")).toHaveText("Article text must be at most 2 MB; this text is 2.0 MB. Split it, or import only the part to check.");

  // Nothing was imported: the articles list (newest first) does not have it.
  await page.goto("/articles");
  await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible();
  await expect(page.getByText(title)).toHaveCount(0);
});

test("a file over 2 MB is refused before it is uploaded", async ({ page }) => {
  await signInReusing(page, fx.users.editor, fx.password);
  await page.goto("/articles/new");
  await page.getByRole("tab", { name: "Upload file" }).click();
  // 4 MB: more than the server's request limit too, which used to end on the error page.
  await page.getByLabel(/File/).setInputFiles({ name: "big.txt", mimeType: "text/plain", buffer: Buffer.alloc(4 * 1024 * 1024, "a") });
  await page.getByRole("button", { name: "Read file" }).click();
  await expect(page.getByTestId("preview-error")).toHaveText("The file is larger than 2 MB.");
  await expect(page.getByText("Something went wrong")).toHaveCount(0);
});

test("any form over the server's 3 MB is refused in the browser with the typed text kept", async ({ page }) => {
  await signInReusing(page, fx.users.editor, fx.password);
  const claimPath = await openAnyClaim(page);
  const form = page.getByTestId("comment-form");
  const body = "x".repeat(3_300_000);
  await form.getByLabel(/Comment/).fill(body);
  await form.getByRole("button", { name: "Add comment" }).click();
  await expect(form.getByTestId("form-error")).toHaveText(
    "This form holds 3.1 MB, more than the 3.0 MB the server accepts at once, so it was not sent and nothing was saved. Shorten the longest text and try again.",
  );
  await expect(page.getByText("Something went wrong")).toHaveCount(0);
  expect(await form.getByLabel(/Comment/).evaluate((box) => (box as HTMLTextAreaElement).value.length)).toBe(body.length);
  expect(new URL(page.url()).pathname).toBe(claimPath);
});
