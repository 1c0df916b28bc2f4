/**
 * The claims page's search-capped notice: a search matching more than SEARCH_MATCH_LIMIT (1,000)
 * claims the user can see says that only its newest matches were read, and a narrower search does
 * not. The desk gets 1,001 matching claims from scripts/e2e-seed-search-capped.ts (the app's bulk
 * claim insert); this spec runs last (file order), so no other spec sees them in its lists.
 * The claims spell the word "Zéphyrine"; the searches spell it otherwise (lib/domain/search-fold.ts).
 */
import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { loadFixtures, signInReusing } from "./fixtures";

const fx = loadFixtures();

test("a search matching more than 1,000 claims says it read only the newest, a narrower one does not", async ({ page }) => {
  test.setTimeout(180_000);
  const seeded = spawnSync("./node_modules/.bin/tsx", ["--conditions=react-server", "scripts/e2e-seed-search-capped.ts"], {
    env: { ...process.env, DATABASE_URL: "file:./prisma/data/e2e.db", LOG_LEVEL: "warn" },
    encoding: "utf8",
    timeout: 150_000,
  });
  expect(seeded.status, `${seeded.stdout}\n${seeded.stderr}`).toBe(0);

  await signInReusing(page, fx.users.editor, fx.password);
  for (const q of ["zephyrine", "ZÉPHYRINE harbour"]) {
    await page.goto(`/claims?perPage=25&q=${encodeURIComponent(q)}`);
    const notice = page.getByTestId("search-capped");
    await expect(notice, q).toBeVisible();
    await expect(notice).toContainText("More than 1,000 claims you can see match this search");
    await expect(page.getByTestId("claim-count")).toContainText("More than 1,000 claims");
    await expect(page.getByTestId("claim-row")).toHaveCount(25);
  }
  // A phrase narrows it to one claim: no notice.
  await page.goto(`/claims?q=${encodeURIComponent('zephyrine "log 7"')}`);
  await expect(page.getByTestId("claim-row")).toHaveCount(1);
  await expect(page.getByTestId("claim-row")).toContainText("Zéphyrine lighthouse log 7: 21 ships");
  await expect(page.getByTestId("search-capped")).toHaveCount(0);
  // A repeated search is dropped and named, never read as one of its values.
  await page.goto(`/claims?q=zephyrine&q=harbour`);
  await expect(page.getByTestId("search-capped")).toHaveCount(0);
  await expect(page.getByTestId("ignored-filters")).toHaveText("Some filters were not understood and were ignored: q (Give the search (q) once: it was given more than once.).");
});
