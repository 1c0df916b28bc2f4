/**
 * npm run test:pg — the integration suite against PostgreSQL (127.0.0.1:5432, trust auth; a fresh
 * database claimledger_it is created through the `test` database; TEST_PG_DATABASE_URL names another).
 * Arguments are passed to vitest: `npm run test:pg -- lib/server/import.test.ts` runs only those files.
 * Ends with "postgresql: N passed, N failed".
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const out = path.join(".tmp", "test-reports", "integration-postgresql.json");
mkdirSync(path.dirname(out), { recursive: true });
// A report left by an earlier run must not be read as this run's (a run killed before it writes one).
rmSync(out, { force: true });
const result = spawnSync(
  path.join("node_modules", ".bin", "vitest"),
  ["run", "--project", "integration", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...process.argv.slice(2)],
  { stdio: "inherit", env: { ...process.env, TEST_DATABASE: "postgresql" } },
);
let passed = 0;
let failed = 0;
if (existsSync(out)) {
  const report = JSON.parse(readFileSync(out, "utf8")) as { numPassedTests: number; numFailedTests: number };
  passed = report.numPassedTests;
  failed = report.numFailedTests;
}
console.log(`\npostgresql: ${passed} passed, ${failed} failed`);
process.exit(result.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
