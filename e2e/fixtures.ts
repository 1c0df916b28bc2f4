import { readFileSync } from "node:fs";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";

export interface E2EUser {
  id: string;
  email: string;
  name: string;
  role: string;
}

export interface E2EFixtures {
  password: string;
  users: Record<"admin" | "editor" | "editor2" | "reviewer" | "reviewer2" | "mfa" | "storyReviewer", E2EUser>;
  articles: { id: string; title: string; file: string }[];
  /** The demo story and its Hegseth-approval pair (assigned to storyReviewer by the seed). */
  story: { id: string; hegsethClaimIds: string[] };
}

/** Written by scripts/e2e-seed.ts during global setup. */
export function loadFixtures(): E2EFixtures {
  return JSON.parse(readFileSync("prisma/data/e2e-fixtures.json", "utf8")) as E2EFixtures;
}

/**
 * Signs `user` in through the real sign-in form (argon2 check on the server) and waits for the claims
 * list. The session cookie it gets is kept for this worker, so that signInReusing can open later
 * pages for the same user without a second form sign-in.
 */
export async function signIn(page: Page, user: E2EUser, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: /My claims|All claims/ })).toBeVisible();
  await keepSession(page.context(), user);
}

/**
 * How long a kept session is offered again, in ms: half of the server's REAUTH_MINUTES default (10,
 * lib/server/env.ts), so a spec that starts with a kept session still has at least 5 minutes in which
 * the session counts as recently signed in (token creation asks for the password again after that).
 */
const REUSE_MAX_MS = 5 * 60_000;

interface KeptSession {
  cookies: Awaited<ReturnType<BrowserContext["cookies"]>>;
  signedInAt: number;
}

/** Per worker process (globalThis, so every spec file of the worker sees the same map), by user id. */
function keptSessions(): Map<string, KeptSession> {
  const holder = globalThis as { __e2eKeptSessions?: Map<string, KeptSession> };
  holder.__e2eKeptSessions ??= new Map();
  return holder.__e2eKeptSessions;
}

async function keepSession(context: BrowserContext, user: E2EUser) {
  const baseURL = test.info().project.use.baseURL;
  keptSessions().set(user.id, { cookies: await context.cookies(baseURL), signedInAt: Date.now() });
}

/**
 * For specs that are not about signing in: opens the claims list as `user` with this worker's kept
 * session cookie (from an earlier form sign-in less than REUSE_MAX_MS ago) when the server still
 * takes it, and signs in through the form otherwise (no kept session, too old, or ended by a
 * sign-out, a role or password change or a deactivation: the server then sends the page to /login).
 * Either way the page ends on the claims list, signed in as `user`, as after signIn.
 */
export async function signInReusing(page: Page, user: E2EUser, password: string) {
  const kept = keptSessions().get(user.id);
  if (kept && Date.now() - kept.signedInAt < REUSE_MAX_MS) {
    await page.context().addCookies(kept.cookies);
    await page.goto("/claims");
    if (new URL(page.url()).pathname === "/claims") {
      await expect(page.getByRole("heading", { name: /My claims|All claims/ })).toBeVisible();
      return;
    }
    keptSessions().delete(user.id);
  }
  await signIn(page, user, password);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
}
