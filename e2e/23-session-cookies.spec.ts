/**
 * Issue 13 reads the session cookie itself (lib/server/auth/session-token.ts, getSessionClaims)
 * instead of next-auth's getServerSession. A forged, tampered, expired or out-of-lifetime cookie must
 * open nothing, on pages and on route handlers, as before; a well-made one still works (so the
 * refusals below are the cookie's, not the test's). Cookies are made with next-auth's own `encode`
 * and the e2e server's secret (playwright.config.ts).
 */
import { expect, test, type Browser } from "@playwright/test";
import { decode, encode, type JWT } from "next-auth/jwt";
import { loadFixtures, signIn } from "./fixtures";

const fx = loadFixtures();
const { reviewer } = fx.users;
const SECRET = "e2e-secret-not-for-production-use";
const COOKIE = "next-auth.session-token";
/** The server's defaults (lib/server/env.ts): SESSION_MAX_HOURS 12, SESSION_IDLE_MINUTES 120. */
const MAX_SECONDS = 12 * 60 * 60;
const IDLE_SECONDS = 120 * 60;

/** What a context holding only `cookie` gets: the claims page's URL and the report export's status. */
async function openWith(browser: Browser, cookie: string) {
  const baseURL = test.info().project.use.baseURL!;
  const context = await browser.newContext({ baseURL });
  await context.addCookies([{ name: COOKIE, value: cookie, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
  const page = await context.newPage();
  await page.goto("/claims");
  const url = new URL(page.url()).pathname;
  const myClaims = await page.getByRole("heading", { name: "My claims" }).count();
  const csv = (await page.request.get(`/articles/${fx.articles[0]!.id}/report.csv`)).status();
  await context.close();
  return { url, myClaims, csv };
}

test("a forged, tampered, expired or out-of-lifetime session cookie opens no page and no download", async ({ browser, page }) => {
  await signIn(page, reviewer, fx.password);
  const real = (await page.context().cookies()).find((c) => c.name === COOKIE)!.value;
  const claims = (await decode({ token: real, secret: SECRET })) as JWT;
  expect(typeof claims.uid).toBe("string");
  const nowS = Math.floor(Date.now() / 1000);
  const { iat: _iat, exp: _exp, jti: _jti, ...kept } = claims;
  const make = (token: JWT, options: { secret?: string; maxAge?: number } = {}) => encode({ token, secret: options.secret ?? SECRET, maxAge: options.maxAge ?? IDLE_SECONDS });

  // Control: a cookie made the same way with the right secret and live claims is a session.
  const live = await openWith(browser, await make(kept));
  expect([live.url, live.myClaims]).toEqual(["/claims", 1]);
  // Signed in: the export answers (404 when the reviewer has no claim in that article), not 401.
  expect([200, 404]).toContain(live.csv);

  const parts = real.split(".");
  const flipped = parts[3]!.startsWith("A") ? `B${parts[3]!.slice(1)}` : `A${parts[3]!.slice(1)}`;
  const refused: Record<string, string> = {
    tampered: [...parts.slice(0, 3), flipped, parts[4]].join("."),
    "another secret": await make(kept, { secret: "another-secret-of-the-same-length-00" }),
    "idle expiry past": await make(kept, { maxAge: -60 }),
    "absolute lifetime past": await make({ ...kept, at: nowS - MAX_SECONDS - 60 }),
    "no session version": await make({ ...kept, sv: undefined }),
    "another session version": await make({ ...kept, sv: Number(claims.sv) + 1 }),
    "unknown user": await make({ ...kept, uid: "c0000000000000000000000000" }),
    "not a token": "not-a-jwe",
  };
  for (const [name, cookie] of Object.entries(refused)) {
    const seen = await openWith(browser, cookie);
    expect(seen, name).toEqual({ url: "/login", myClaims: 0, csv: 401 });
  }

  // A session that must set up two-factor first is sent there from any page.
  const pending = await openWith(browser, await make({ ...kept, mfa: 1 }));
  expect(pending.url).toBe("/account/two-factor");
  expect(pending.myClaims).toBe(0);
});
