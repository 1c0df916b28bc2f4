/**
 * Issue 5, the API: an admin creates a write token acting as a reviewer (the secret is shown once),
 * a program uses it to list claims, read one, add evidence and propose a verdict with If-Match (a
 * stale ETag is refused with 412), the admin sees its last use and revokes it, and it answers 401.
 */
import { expect, test } from "@playwright/test";
import { loadFixtures, signInReusing } from "./fixtures";
import { assignClaim, pageFor, takeUnassignedClaim } from "./helpers";

const fx = loadFixtures();
const { admin, editor, reviewer } = fx.users;
const article = fx.articles[1]!;

test("an admin's API token lists, reads and proposes with If-Match, then stops working once revoked", async ({ browser, page, request }) => {
  // An editor gives the reviewer a claim to work on.
  const editorPage = await pageFor(browser, editor, fx.password);
  const claim = await takeUnassignedClaim(editorPage, article.title);
  await assignClaim(editorPage, claim, reviewer);
  await editorPage.context().close();

  // The admin creates a token acting as the reviewer.
  await signInReusing(page, admin, fx.password);
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  const form = page.getByTestId("api-token-form");
  await form.getByLabel("Name").fill("E2E evidence bot");
  await form.getByLabel("Access").selectOption({ label: "Read and write" });
  await form.getByLabel("Acts as").selectOption(reviewer.id);
  await form.getByRole("button", { name: "Create token" }).click();
  const secretBox = page.getByTestId("new-token-value");
  await expect(secretBox).toHaveValue(/^clk_[A-Za-z0-9_-]{43}$/);
  const token = await secretBox.inputValue();
  const row = page.getByTestId("api-token-row").filter({ hasText: "E2E evidence bot" });
  await expect(row).toContainText("Read and write");
  await expect(row).toContainText(reviewer.name);
  await expect(row).toContainText(`by ${admin.name}`);
  await expect(row.getByTestId("token-status")).toHaveText("Active");
  await expect(row.getByTestId("token-last-used")).toHaveText("never");
  await expect(row).toContainText(token.slice(0, 10));

  // Shown once: after a reload the secret is nowhere on the page.
  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  expect(await page.content()).not.toContain(token);
  expect(await page.content()).not.toContain(token.slice(10));

  const auth = { Authorization: `Bearer ${token}` };

  // List: the reviewer's claims, with the assigned one in it.
  const list = await request.get("/api/v1/claims?limit=500", { headers: auth });
  expect(list.status()).toBe(200);
  const page1 = (await list.json()) as { data: { id: string; status: string; assignee: { id: string } | null }[]; nextCursor: string | null };
  expect(page1.data.map((c) => c.id)).toContain(claim.id);
  for (const c of page1.data) expect(c.assignee?.id).toBe(reviewer.id);

  // Read one: its ETag is its version.
  const read = await request.get(`/api/v1/claims/${claim.id}`, { headers: auth });
  expect(read.status()).toBe(200);
  const etag = read.headers()["etag"]!;
  expect(etag).toMatch(/^"v\d+"$/);
  expect(((await read.json()) as { data: { text: string } }).data.text).toBe(claim.text);

  // Evidence moves the claim into review, so the ETag read before is stale now.
  const evidence = await request.post(`/api/v1/claims/${claim.id}/evidence`, {
    headers: auth,
    data: { url: "https://www.example.org/api-source", title: "Source via API", publisher: "Example Wire", quote: "A passage.", stance: "REFUTES" },
  });
  expect(evidence.status()).toBe(201);
  const verdict = { rating: "FALSE", rationale: "Proposed **through the API**." };
  const missing = await request.post(`/api/v1/claims/${claim.id}/verdict`, { headers: auth, data: verdict });
  expect(missing.status()).toBe(428);
  expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("PRECONDITION_REQUIRED");
  const stale = await request.post(`/api/v1/claims/${claim.id}/verdict`, { headers: { ...auth, "If-Match": etag }, data: verdict });
  expect(stale.status()).toBe(412);
  const staleBody = (await stale.json()) as { error: { code: string; current: { etag: string; status: string } } };
  expect(staleBody.error.code).toBe("PRECONDITION_FAILED");
  expect(staleBody.error.current.status).toBe("IN_REVIEW");
  expect(staleBody.error.current.etag).not.toBe(etag);
  const proposed = await request.post(`/api/v1/claims/${claim.id}/verdict`, {
    headers: { ...auth, "If-Match": staleBody.error.current.etag },
    data: verdict,
  });
  expect(proposed.status()).toBe(200);
  expect(((await proposed.json()) as { data: { status: string } }).data.status).toBe("PROPOSED");

  // The desk sees the proposal like any other, made by the reviewer.
  await page.goto(claim.url);
  await expect(page.getByTestId("claim-meta")).toContainText("Verdict proposed");
  await expect(page.getByTestId("current-verdict")).toContainText("False");
  await expect(page.getByTestId("current-verdict")).toContainText(reviewer.name);

  // The token's last use is shown; then the admin revokes it and it stops working.
  await page.goto("/admin/tokens");
  const listed = page.getByTestId("api-token-row").filter({ hasText: "E2E evidence bot" });
  await expect(listed.getByTestId("token-last-used")).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
  await listed.getByRole("button", { name: "Revoke" }).click();
  await expect(listed.getByTestId("token-status")).toContainText("Revoked");
  await expect(listed.getByRole("button", { name: "Revoke" })).toHaveCount(0);

  const refused = await request.get("/api/v1/claims", { headers: auth });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["www-authenticate"]).toMatch(/^Bearer /);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");

  // The OpenAPI document is public.
  const openapi = await request.get("/api/v1/openapi.json");
  expect(openapi.status()).toBe(200);
  expect(((await openapi.json()) as { openapi: string }).openapi).toBe("3.1.0");
});

test("a read-only token cannot write, and non-admins have no token page", async ({ page, request, browser }) => {
  await signInReusing(page, admin, fx.password);
  await page.goto("/admin/tokens");
  const form = page.getByTestId("api-token-form");
  await form.getByLabel("Name").fill("E2E reader");
  await form.getByLabel("Acts as").selectOption(editor.id);
  await form.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByTestId("new-token-value").inputValue();
  const auth = { Authorization: `Bearer ${token}` };
  expect((await request.get("/api/v1/claims?limit=1", { headers: auth })).status()).toBe(200);
  const write = await request.post("/api/v1/articles", { headers: auth, data: { title: "x", outlet: "y", text: "z" } });
  expect(write.status()).toBe(403);
  expect(((await write.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");
  const tooLarge = await request.get("/api/v1/claims?limit=501", { headers: auth });
  expect(tooLarge.status()).toBe(400);
  expect(((await tooLarge.json()) as { error: { fields: Record<string, string[]> } }).error.fields.limit).toBeDefined();

  // A refused form keeps the typed input and explains itself.
  await form.getByLabel("Name").fill("");
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(form.getByTestId("field-error-name")).toBeVisible();
  await expect(page.getByTestId("new-token")).toHaveCount(0);

  const editorPage = await pageFor(browser, editor, fx.password);
  await expect(editorPage.getByRole("link", { name: "API tokens" })).toHaveCount(0);
  const response = await editorPage.goto("/admin/tokens");
  expect(response?.status()).toBe(404);
  await editorPage.context().close();
});
