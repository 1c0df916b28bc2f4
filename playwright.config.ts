import { defineConfig, devices } from "@playwright/test";
import { browserForTests } from "./scripts/lib/chromium-path";

/**
 * End-to-end tests drive Debian's Chromium (its headless shell when installed; Playwright cannot download browsers here) against a
 * production build (`next build` first), served on 127.0.0.1 with a throwaway SQLite database.
 */
const PORT = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${PORT}`;
export const E2E_DATABASE_URL = "file:./prisma/data/e2e.db";
/** A fixture web server the URL-import spec starts on 127.0.0.1; only it is on the server's fetch allowlist. */
export const E2E_FIXTURE_PORT = PORT + 50;

export default defineConfig({
  testDir: "./e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  workers: 1,
  reporter: [["list"]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL,
    trace: "off",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: browserForTests(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `rm -f prisma/data/e2e.db prisma/data/e2e.db-wal prisma/data/e2e.db-shm prisma/data/e2e.db-audit-checkpoints.jsonl && mkdir -p prisma/data && ./node_modules/.bin/prisma migrate deploy && ./node_modules/.bin/next start -p ${PORT} -H 127.0.0.1`,
    url: `${baseURL}/login`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      DATABASE_URL: E2E_DATABASE_URL,
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: "e2e-secret-not-for-production-use",
      AUDIT_KEY: "e2e-audit-key-not-for-production-use-0001",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
      CLAIMLEDGER_FETCH_ALLOWLIST: `127.0.0.1:${E2E_FIXTURE_PORT}`,
    },
  },
});
