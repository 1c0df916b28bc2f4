/**
 * npm test — the whole suite on embedded SQLite: type check, unit tests, integration tests, a
 * production build and the Playwright end-to-end specs in Chromium. Stops at the first failing layer
 * and ends with one summary line ("tests: N passed, N failed"). The type check runs beside the unit
 * tests (its output is printed after theirs); vitest runs test files on CLAIMLEDGER_TEST_WORKERS
 * workers (default 2), each integration worker on its own database (vitest.config.ts).
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const bin = (name: string) => path.join("node_modules", ".bin", name);
const reports = path.join(".tmp", "test-reports");
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

let passed = 0;
let failed = 0;

function step(title: string, command: string, args: string[], extraEnv: Record<string, string> = {}) {
  const started = Date.now();
  console.log(`\n▸ ${title}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`  ${title}: ${result.status === 0 ? "ok" : "FAILED"} in ${seconds}s`);
  return result.status === 0;
}

function countVitest(file: string) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
}

function countPlaywright(file: string) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number } };
  passed += report.stats.expected + report.stats.flaky;
  failed += report.stats.unexpected;
}

function finish(ok: boolean): never {
  console.log(`\ntests: ${passed} passed, ${failed} failed`);
  process.exit(ok && failed === 0 ? 0 : 1);
}

if (!step("Chromium (installed if missing)", bin("tsx"), ["scripts/ensure-chromium.ts"])) finish(false);

// The type check (one core, mostly) runs beside the unit tests; its output goes to a file (a pipe
// would fill while spawnSync blocks this process) and is printed once both are done.
const typecheckLog = path.join(reports, "typecheck.log");
const typecheckFd = openSync(typecheckLog, "w");
const typecheckStarted = Date.now();
const typecheck = spawn(bin("tsc"), ["--noEmit", "-p", "."], { stdio: ["ignore", typecheckFd, typecheckFd], env });
const typecheckDone = new Promise<boolean>((resolve) => {
  typecheck.on("error", () => resolve(false));
  typecheck.on("exit", (code) => resolve(code === 0));
});
console.log("\n▸ Type check (tsc, beside the unit tests)");

const unitReport = path.join(reports, "unit.json");
const unitOk = step("Unit tests (vitest)", bin("vitest"), ["run", "--project", "unit", "--reporter=default", "--reporter=json", `--outputFile.json=${unitReport}`]);
countVitest(unitReport);
const typecheckOk = await typecheckDone;
closeSync(typecheckFd);
process.stdout.write(readFileSync(typecheckLog, "utf8"));
console.log(`  Type check: ${typecheckOk ? "ok" : "FAILED"} in ${((Date.now() - typecheckStarted) / 1000).toFixed(1)}s (beside the unit tests)`);
if (!unitOk || !typecheckOk) finish(false);

const integrationReport = path.join(reports, "integration-sqlite.json");
const integrationOk = step("Integration tests on SQLite (vitest)", bin("vitest"), [
  "run",
  "--project",
  "integration",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${integrationReport}`,
]);
countVitest(integrationReport);
if (!integrationOk) finish(false);

if (!step("Production build (next build)", bin("next"), ["build"])) finish(false);

const e2eReport = path.join(reports, "e2e.json");
const e2eOk = step("End-to-end tests (Playwright, Chromium)", bin("playwright"), ["test", "--reporter=list,json"], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport,
});
countPlaywright(e2eReport);
finish(e2eOk);
