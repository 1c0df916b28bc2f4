import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";

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

export async function signIn(page: Page, user: E2EUser, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: /My claims|All claims/ })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
}
