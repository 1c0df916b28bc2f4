/**
 * npm run demo — migrate an embedded SQLite database, load the demo desk (first run only), build the
 * app if needed and start it on http://localhost:3000, printing the demo accounts.
 *   npm run demo -- --reset   start over with a fresh demo database
 * A second `npm run demo` while one runs, or a port taken by another program, stops at once with who
 * holds it (prisma/data/demo.pid records the running demo).
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { DEMO_ACCOUNTS } from "@/lib/server/seed/demo-data";
import { DEMO_DATABASE_URL } from "./lib/cli-database";
import { commandOf, portIsFree, portOwner, processAlive } from "./lib/port-owner";

const root = process.cwd();
const port = Number(process.env.PORT ?? 3000);
const dataDir = path.join(root, "prisma", "data");
mkdirSync(dataDir, { recursive: true });

const pidFile = path.join(dataDir, "demo.pid");
type DemoRun = { pid: number; port: number; startedAt: string };
function runningDemo(): DemoRun | null {
  if (!existsSync(pidFile)) return null;
  try {
    const run = JSON.parse(readFileSync(pidFile, "utf8")) as DemoRun;
    return processAlive(run.pid) && commandOf(run.pid).includes("demo") ? run : null;
  } catch {
    return null;
  }
}

const already = runningDemo();
if (already) {
  console.error(
    `✗ The demo is already running (pid ${already.pid}, started ${already.startedAt}) at http://localhost:${already.port}.\n` +
      `  Open it in a browser, or stop it first (Ctrl-C in its terminal, or kill ${already.pid}).`,
  );
  process.exit(1);
}
if (!(await portIsFree(port))) {
  const owner = portOwner(port);
  console.error(
    `✗ Port ${port} is already taken${owner ? ` by pid ${owner.pid} (${owner.command.slice(0, 120)})` : " by another program"}.\n` +
      `  Stop that program, or run the demo on another port: PORT=${port + 1} npm run demo`,
  );
  process.exit(1);
}
writeFileSync(pidFile, JSON.stringify({ pid: process.pid, port, startedAt: new Date().toISOString() } satisfies DemoRun));
process.on("exit", () => {
  if (runningDemo()?.pid === process.pid) rmSync(pidFile, { force: true });
});

if (process.argv.includes("--reset")) {
  for (const f of readdirSync(dataDir)) if (f.startsWith("demo.db")) rmSync(path.join(dataDir, f));
}

const secretFile = path.join(dataDir, "demo-secret");
if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString("hex"), { mode: 0o600 });
// The audit chain's HMAC key, kept outside the database like the session secret (issue 12).
const auditKeyFile = path.join(dataDir, "demo-audit-key");
if (!existsSync(auditKeyFile)) writeFileSync(auditKeyFile, randomBytes(32).toString("hex"), { mode: 0o600 });

const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? DEMO_DATABASE_URL,
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? readFileSync(secretFile, "utf8").trim(),
  AUDIT_KEY: process.env.AUDIT_KEY ?? readFileSync(auditKeyFile, "utf8").trim(),
  CLAIMLEDGER_DEMO: "1",
  NEXT_TELEMETRY_DISABLED: "1",
};

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`\n✗ ${path.basename(command)} ${args.join(" ")} failed (exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
}

const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function newestSourceMtime(dirs: string[]): number {
  let newest = 0;
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "node_modules" || entry.name === "generated" || entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  dirs.forEach((d) => walk(path.join(root, d)));
  for (const f of ["package.json", "next.config.js"]) newest = Math.max(newest, statSync(path.join(root, f)).mtimeMs);
  return newest;
}

console.log("▸ Migrating the demo database…");
run(bin("prisma"), ["migrate", "deploy"]);

console.log("▸ Loading demo data…");
run(bin("tsx"), ["--conditions=react-server", "scripts/seed-demo.ts"]);

const buildId = path.join(root, ".next", "BUILD_ID");
if (!existsSync(buildId) || statSync(buildId).mtimeMs < newestSourceMtime(["app", "components", "lib"])) {
  console.log("▸ Building the app (production build)…");
  run(bin("next"), ["build"]);
}

const accounts = DEMO_ACCOUNTS.map((a) => `  ${a.role.toLowerCase().padEnd(9)} ${a.email.padEnd(32)} ${a.password}`).join("\n");
console.log(`
ClaimLedger demo — http://localhost:${port}
Demo accounts (demo mode only; a real install creates users with npm run user:create):
${accounts}
Data: ${env.DATABASE_URL} (kept between runs; npm run demo -- --reset starts over). Ctrl-C stops.
`);

const server = spawn(bin("next"), ["start", "-p", String(port), "-H", "127.0.0.1"], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
