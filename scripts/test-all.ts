/**
 * npm test — the whole suite on embedded SQLite: type check, unit tests, integration tests, a
 * production build and the Playwright end-to-end specs in Chromium. Stops at the first failing layer
 * and ends with one summary line ("tests: N passed, N failed").
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
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
if (!step("Type check", bin("tsc"), ["--noEmit", "-p", "."])) finish(false);

const unitReport = path.join(reports, "unit.json");
const unitOk = step("Unit tests (vitest)", bin("vitest"), ["run", "--project", "unit", "--reporter=default", "--reporter=json", `--outputFile.json=${unitReport}`]);
countVitest(unitReport);
if (!unitOk) finish(false);

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
