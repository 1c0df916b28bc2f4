/**
 * Creates the e2e desk (users with known test passwords, the two demo articles) in the server's
 * throwaway database, through the app's own use cases, and writes the ids the specs need.
 */
import { spawnSync } from "node:child_process";

export default function globalSetup() {
  const result = spawnSync("./node_modules/.bin/tsx", ["--conditions=react-server", "scripts/e2e-seed.ts"], {
    env: { ...process.env, DATABASE_URL: "file:./prisma/data/e2e.db", LOG_LEVEL: "warn" },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`e2e seed failed:\n${result.stdout}\n${result.stderr}`);
}
