/**
 * Importing from a URL (through a fixture server on 127.0.0.1 that only the e2e server's test
 * allowlist admits) and from uploaded files: metadata pre-filled and editable, bad sources refused
 * with a clear message and nothing imported.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { E2E_FIXTURE_PORT } from "../playwright.config";
import { loadFixtures, signInReusing } from "./fixtures";
import { IMPORT_WAIT } from "./helpers";

const fx = loadFixtures();
const tag = randomUUID().slice(0, 8);
const headline = `Harbour budget approved ${tag}`;
const PAGE = `<!doctype html><html><head><title>${headline} | Coast Times</title>
<meta property="og:title" content="${headline}"><meta property="og:site_name" content="Coast Times">
<meta name="author" content="Dana Reporter"><meta property="article:published_time" content="2026-03-02T08:00:00Z"></head>
<body><nav>Home · Politics · Sport</nav><article><h1>${headline}</h1>
<p>The harbour board approved a dredging budget of $12.5 million on Monday, the chair said after the vote.</p>
<p>The work will deepen the main channel to 14 metres by 2028, allowing ships twice as large to dock.</p></article>
<script>window.tracking = true;</script></body></html>`;

let server: http.Server;
test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/story") return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
    if (req.url === "/image") return res.writeHead(200, { "content-type": "image/png" }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(E2E_FIXTURE_PORT, "127.0.0.1", resolve));
});
test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test("an editor imports a web page by URL with its metadata pre-filled; bad addresses are refused", async ({ page }) => {
  await signInReusing(page, fx.users.editor, fx.password);
  await page.goto("/articles/new");
  await page.getByRole("tab", { name: "From URL" }).click();

  // Refused sources say why and fill nothing in.
  for (const [url, message] of [
    ["http://10.20.30.40/story", "private network or this machine"],
    [`http://127.0.0.1:${E2E_FIXTURE_PORT}/image`, "image/png, not an HTML or text page"],
    ["ftp://example.org/story.txt", "http:// or https://"],
  ] as const) {
    await page.getByLabel("Article URL").fill(url);
    await page.getByRole("button", { name: "Fetch" }).click();
    await expect(page.getByTestId("preview-error")).toContainText(message);
    await expect(page.getByLabel("Article text")).toHaveValue("");
  }

  await page.getByLabel("Article URL").fill(`http://127.0.0.1:${E2E_FIXTURE_PORT}/story`);
  await page.getByRole("button", { name: "Fetch" }).click();
  await expect(page.getByTestId("preview-ok")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue(headline);
  await expect(page.getByLabel("Outlet")).toHaveValue("Coast Times");
  await expect(page.getByLabel("Author")).toHaveValue("Dana Reporter");
  await expect(page.getByLabel("Published")).toHaveValue("2026-03-02");
  await expect(page.getByLabel("Original URL")).toHaveValue(`http://127.0.0.1:${E2E_FIXTURE_PORT}/story`);
  await expect(page.getByLabel("Article text")).toHaveValue(/dredging budget of \$12\.5 million/);
  await expect(page.getByLabel("Article text")).not.toHaveValue(/tracking|Politics · Sport/);

  // Pre-filled metadata stays editable.
  await page.getByLabel("Outlet").fill("Coast Times (print)");
  await page.getByRole("button", { name: "Import article" }).click();
  await expect(page.getByRole("heading", { name: headline })).toBeVisible(IMPORT_WAIT);
  await expect(page.getByText("Coast Times (print) · Dana Reporter")).toBeVisible();
  await expect(page.getByTestId("suggestions").getByTestId("suggestion").filter({ hasText: "$12.5 million" })).toHaveCount(1);
});

test("an editor uploads an HTML file; binary and non-UTF-8 files are refused", async ({ page }) => {
  await signInReusing(page, fx.users.editor, fx.password);
  await page.goto("/articles/new");
  await page.getByRole("tab", { name: "Upload file" }).click();
  const upload = page.getByLabel(/File \(\.txt, \.md or \.html/);

  await upload.setInputFiles({ name: "photo.txt", mimeType: "text/plain", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x1a]) });
  await page.getByRole("button", { name: "Read file" }).click();
  await expect(page.getByTestId("preview-error")).toHaveText("This looks like a binary file, not text.");

  await upload.setInputFiles({ name: "latin1.txt", mimeType: "text/plain", buffer: Buffer.from([0x43, 0x61, 0x66, 0xe9]) });
  await page.getByRole("button", { name: "Read file" }).click();
  await expect(page.getByTestId("preview-error")).toContainText("not UTF-8");
  await expect(page.getByLabel("Article text")).toHaveValue("");

  // 1,500 nested <div>s (17 KB) once held the server for 18 s: refused at once, naming the limit.
  const bomb = `<html><body>${"<div>".repeat(1500)}<p>Deep text.</p>${"</div>".repeat(1500)}</body></html>`;
  await upload.setInputFiles({ name: "deep.html", mimeType: "text/html", buffer: Buffer.from(bomb) });
  await page.getByRole("button", { name: "Read file" }).click();
  await expect(page.getByTestId("preview-error")).toContainText("more than 256 levels deep", { timeout: 5_000 });

  // 31,000 elements (a few hundred KB) are refused at the preview, naming the limit and what to do.
  const crowd = `<html><body>${"<p><b>x</b></p>".repeat(15_500)}</body></html>`;
  await upload.setInputFiles({ name: "crowd.html", mimeType: "text/html", buffer: Buffer.from(crowd) });
  await page.getByRole("button", { name: "Read file" }).click();
  await expect(page.getByTestId("preview-error")).toContainText("more than 30,000 HTML elements", { timeout: 5_000 });
  await expect(page.getByTestId("preview-error")).toContainText("Paste the article's text instead.");

  // A text of 61,000 tiny lines is refused when it is imported, naming the limit; nothing is saved.
  await upload.setInputFiles({ name: "tiny-lines.txt", mimeType: "text/plain", buffer: Buffer.from("Ab.\n".repeat(61_000)) });
  await page.getByRole("button", { name: "Read file" }).click();
  await expect(page.getByTestId("preview-ok")).toBeVisible({ timeout: 10_000 });
  await page.getByLabel("Title").fill("Tiny lines");
  await page.getByLabel("Outlet").fill("Line Wire");
  await page.getByRole("button", { name: "Import article" }).click();
  await expect(page.getByText("This text has more than 60,000 sentences, lines or list items")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "Tiny lines" })).toHaveCount(0);

  const fileHeadline = `${headline} (file)`;
  await upload.setInputFiles({ name: "story.html", mimeType: "text/html", buffer: Buffer.from(PAGE.replaceAll(headline, fileHeadline).replace("$12.5 million", "$13.5 million")) });
  await page.getByRole("button", { name: "Read file" }).click();
  await expect(page.getByTestId("preview-ok")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue(fileHeadline);
  await expect(page.getByLabel("Outlet")).toHaveValue("Coast Times");
  await page.getByRole("button", { name: "Import article" }).click();
  await expect(page.getByRole("heading", { name: fileHeadline })).toBeVisible(IMPORT_WAIT);
});
