/**
 * Issue 12, the data side, through the production server: an admin who proposes through a token
 * acting as an editor is named in the timeline and cannot approve that verdict (four-eyes on the
 * humans behind the acts); unknown API paths answer a JSON 404 and an oversized server action a 413,
 * both in the API's error shape.
 */
import { expect, test } from "@playwright/test";
import { loadFixtures, signInReusing } from "./fixtures";
import { assignClaim, pageFor, takeUnassignedClaim } from "./helpers";

const fx = loadFixtures();
const { admin, editor, editor2 } = fx.users;
const article = fx.articles[0]!;

test("a verdict proposed through an admin's token shows the admin in the timeline, and the admin cannot approve it", async ({ browser, page, request }) => {
  const editorPage = await pageFor(browser, editor, fx.password);
  const claim = await takeUnassignedClaim(editorPage, article.title);
  await assignClaim(editorPage, claim, editor2);

  await signInReusing(page, admin, fx.password);
  await page.goto("/admin/tokens");
  const form = page.getByTestId("api-token-form");
  await form.getByLabel("Name").fill("E2E four-eyes bot");
  await form.getByLabel("Access").selectOption({ label: "Read and write" });
  await form.getByLabel("Acts as").selectOption(editor2.id);
  await form.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByTestId("new-token-value").inputValue();
  const auth = { Authorization: `Bearer ${token}` };

  const evidence = await request.post(`/api/v1/claims/${claim.id}/evidence`, {
    headers: auth,
    data: { url: "https://www.example.org/four-eyes", title: "Source", publisher: "Example Wire", quote: "A passage.", stance: "REFUTES" },
  });
  expect(evidence.status()).toBe(201);
  const etag = (await request.get(`/api/v1/claims/${claim.id}`, { headers: auth })).headers()["etag"]!;
  const proposed = await request.post(`/api/v1/claims/${claim.id}/verdict`, { headers: { ...auth, "If-Match": etag }, data: { rating: "FALSE", rationale: "Via a token." } });
  expect(proposed.status()).toBe(200);

  // The timeline names the token and the human who created it.
  await page.goto(claim.url);
  const proposal = page.getByTestId("history").locator('li[data-action="verdict.propose"]');
  await expect(proposal).toContainText(editor2.name);
  await expect(proposal.getByTestId("via-token")).toContainText(`through API token “E2E four-eyes bot”`);
  await expect(proposal.getByTestId("via-token")).toContainText(`created by ${admin.name}`);

  // The admin is behind the proposal, so the admin's approval is refused and nothing changes.
  await page.getByTestId("approve-form").getByRole("button", { name: "Approve verdict" }).click();
  await expect(page.getByTestId("approve-form").getByTestId("form-error")).toContainText("proposed through an API token you are behind");
  await page.reload();
  await expect(page.getByTestId("claim-meta")).toContainText("Verdict proposed");

  // Another editor, behind neither act, approves.
  await editorPage.goto(claim.url);
  await editorPage.getByTestId("approve-form").getByRole("button", { name: "Approve verdict" }).click();
  await expect(editorPage.getByTestId("claim-meta")).toContainText("Approved");
  await editorPage.context().close();
});

test("unknown API paths answer a JSON 404 and an oversized server action a 413, in the error shape", async ({ request }) => {
  for (const [method, path] of [
    ["GET", "/api/v1/nothing-here"],
    ["POST", "/api/v1/claims/abc/nothing"],
    ["DELETE", "/api/v1/claims"],
  ] as const) {
    const response = await request.fetch(path, { method });
    // The proxy skips /api/v1: the API's own policy, also on Next's 405 (next.config.js).
    expect(response.headers()["content-security-policy"], `${method} ${path}`).toBe("default-src 'none'; frame-ancestors 'none'");
    if (method === "DELETE") {
      // An existing route without that method: not a 404 page either.
      expect(response.status()).toBe(405);
      continue;
    }
    expect(response.status()).toBe(404);
    expect(response.headers()["content-type"]).toMatch(/^application\/json/);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(Object.keys(body)).toEqual(["error"]);
    expect(body.error.code).toBe("NOT_FOUND");
  }

  const oversized = await request.post("/articles/new", {
    headers: { "Next-Action": "0".repeat(40), "Content-Type": "text/plain;charset=UTF-8" },
    data: "x".repeat(3 * 1024 * 1024 + 1),
  });
  expect(oversized.status()).toBe(413);
  const body = (await oversized.json()) as { error: { code: string; message: string } };
  expect(body.error).toEqual({ code: "PAYLOAD_TOO_LARGE", message: expect.stringMatching(/larger than the 3 MiB/) });
});
