/**
 * Issue 12 (authentication side), in a real browser: no open redirect after sign-in, a nonce-based
 * CSP that every page works under (no inline script runs without the nonce), and TOTP two-factor
 * sign-in set up at /account/two-factor and asked for at the next sign-in.
 */
import { expect, test, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { loadFixtures, signIn } from "./fixtures";

const fx = loadFixtures();
const { reviewer, admin, mfa } = fx.users;

async function fillSignIn(page: Page, email: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(fx.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

for (const callbackUrl of ["/\t/evil.example/", "/\n/evil.example/", "/\\evil.example/", "//evil.example/", "https://evil.example/", "javascript:alert(1)"]) {
  test(`sign-in with callbackUrl ${JSON.stringify(callbackUrl)} stays on the app`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    const offsite: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(baseURL!)) offsite.push(request.url());
    });
    await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await fillSignIn(page, reviewer.email);
    await expect(page.getByRole("heading", { name: "My claims" })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    expect(new URL(page.url()).pathname).toBe("/claims");
    expect(offsite).toEqual([]);
    await context.close();
  });
}

test("a same-origin callbackUrl is still followed after sign-in", async ({ page }) => {
  await page.goto(`/login?callbackUrl=${encodeURIComponent("/reports")}`);
  await fillSignIn(page, reviewer.email);
  await expect(page).toHaveURL(/\/reports$/);
});

test("every page carries a nonce-based CSP, works under it, and runs no script without the nonce", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Refused to execute: CSP violation ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await signIn(page, admin, fx.password);
  const nonces = new Set<string>();
  for (const path of ["/claims", "/articles", "/articles/new", "/dashboard", "/workload", "/activity", "/reports", "/notifications", "/admin/tokens", "/admin/settings", "/account/two-factor", `/articles/${fx.articles[0]!.id}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    const csp = response!.headers()["content-security-policy"] ?? "";
    const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
    expect(nonce, `${path} has a script nonce`).toBeTruthy();
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    nonces.add(nonce!);
    // Every script element the server sent carries this response's nonce (scripts the client adds
    // later are allowed through 'strict-dynamic').
    const html = await response!.text();
    const tags = html.match(/<script\b[^>]*>/g) ?? [];
    expect(tags.length, path).toBeGreaterThan(0);
    for (const tag of tags) expect(tag, path).toContain(`nonce="${nonce}"`);
    await expect(page.locator("h1").first()).toBeVisible();
  }
  expect(nonces.size).toBeGreaterThan(1); // a new nonce per response
  expect(violations, "no CSP violation on any page").toEqual([]);
  // The client app is alive under the policy: a client-side navigation works.
  await page.goto("/claims");
  await page.getByRole("link", { name: "Reports" }).first().click();
  await expect(page).toHaveURL(/\/reports$/);
  // Inline script without the nonce is refused by the browser: here an injected inline event handler
  // (what an HTML injection would add; 'strict-dynamic' never allows these without 'unsafe-inline').
  const ran = await page.evaluate(async () => {
    const w = window as unknown as { injected?: boolean };
    const button = document.createElement("button");
    button.setAttribute("onclick", "window.injected = true");
    document.body.appendChild(button);
    button.click();
    await new Promise((resolve) => setTimeout(resolve, 100));
    return w.injected === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => violations.some((v) => /script-src/.test(v))).toBe(true);
});

test("TOTP two-factor: set up with the QR code's key, then asked for at sign-in; a wrong code is refused", async ({ page, browser, baseURL }) => {
  await signIn(page, mfa, fx.password);
  await page.goto("/account/two-factor");
  await expect(page.getByTestId("two-factor-state")).toHaveText("Two-factor sign-in is off.");
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  await expect(page.getByTestId("totp-qr").locator("svg")).toBeVisible();
  const key = ((await page.getByTestId("totp-manual-key").textContent()) ?? "").replaceAll(" ", "");
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  const totp = new TOTP({ secret: Secret.fromBase32(key), digits: 6, period: 30, algorithm: "SHA1" });
  const earlier = totp.generate({ timestamp: Date.now() - 30_000 });
  await page.getByLabel("Code from your app").fill("000000");
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByTestId("field-error-code")).toContainText("does not match");
  await page.getByLabel("Code from your app").fill(earlier);
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  const codes = page.getByTestId("recovery-codes").locator("li");
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.first().textContent())!.trim();
  // The session survives the set-up (its token is re-issued), and the page now says it is on.
  await page.getByRole("link", { name: /continue/ }).click();
  await expect(page.getByRole("heading", { name: "My claims" })).toBeVisible();
  await page.goto("/account/two-factor");
  await expect(page.getByTestId("two-factor-state")).toContainText("Two-factor sign-in is on");

  const other = await browser.newContext({ baseURL });
  const second = await other.newPage();
  await second.goto("/login");
  await fillSignIn(second, mfa.email);
  await expect(second.getByTestId("two-factor-prompt")).toBeVisible();
  await second.getByLabel("Two-factor code").fill("123456");
  await second.getByRole("button", { name: "Verify" }).click();
  await expect(second.getByTestId("login-error")).toContainText("not right");
  await second.getByLabel("Two-factor code").fill(totp.generate());
  await second.getByRole("button", { name: "Verify" }).click();
  await expect(second.getByRole("heading", { name: "My claims" })).toBeVisible();
  await other.close();

  // A recovery code signs in once.
  const third = await browser.newContext({ baseURL });
  const thirdPage = await third.newPage();
  await thirdPage.goto("/login");
  await fillSignIn(thirdPage, mfa.email);
  await thirdPage.getByLabel("Two-factor code").fill(recovery);
  await thirdPage.getByRole("button", { name: "Verify" }).click();
  await expect(thirdPage.getByRole("heading", { name: "My claims" })).toBeVisible();
  await third.close();
});

test("forwarded headers from a client that is not a trusted proxy are ignored: no HSTS for a claimed https, no escaping the sign-in limit", async ({ page, request }) => {
  const spoofed = await request.get("/login", { headers: { "X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example" } });
  expect(spoofed.status()).toBe(200);
  expect(spoofed.headers()["strict-transport-security"]).toBeUndefined();
  expect(spoofed.headers()["content-security-policy"]).toMatch(/script-src [^;]*'nonce-/);

  // Ten wrong passwords for one account from this browser, each claiming another address…
  const target = `limit-${Date.now()}@e2e.claimledger.test`;
  await page.goto("/login");
  for (let i = 0; i < 10; i++) {
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": `203.0.113.${i + 1}`, "X-Real-IP": `198.51.100.${i + 1}` });
    await page.getByLabel("Email").fill(target);
    await page.getByLabel("Password").fill(`wrong-guess-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("login-error")).toHaveText("Invalid email or password.");
  }
  // …are still counted against the real (socket) address: the eleventh is refused.
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "192.0.2.99" });
  await page.getByLabel("Password").fill("wrong-guess-again");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("login-error")).toContainText("Too many sign-in attempts");
});

test("an admin requires two-factor for a role: its people are sent to set it up from their next sign-in", async ({ page, browser, baseURL }) => {
  await signIn(page, admin, fx.password);
  const setRequirement = async (reviewersMust: boolean) => {
    await page.goto("/admin/settings");
    const form = page.getByTestId("mfa-roles-form");
    await form.getByLabel("Reviewers must use it").setChecked(reviewersMust);
    await form.getByRole("button", { name: "Save requirement" }).click();
    await expect(form.getByTestId("form-ok")).toContainText("Two-factor requirement saved");
  };
  await setRequirement(true);
  const context = await browser.newContext({ baseURL });
  try {
    const reviewerPage = await context.newPage();
    await reviewerPage.goto("/login");
    await fillSignIn(reviewerPage, fx.users.reviewer2.email);
    await expect(reviewerPage).toHaveURL(/\/account\/two-factor$/);
    await expect(reviewerPage.getByTestId("two-factor-required")).toBeVisible();
    // Every other page sends them back until they have set it up.
    await reviewerPage.goto("/claims");
    await expect(reviewerPage).toHaveURL(/\/account\/two-factor$/);
    await expect(reviewerPage.getByRole("button", { name: "Set up two-factor sign-in" })).toBeVisible();
  } finally {
    await context.close();
    await setRequirement(false);
  }
});
