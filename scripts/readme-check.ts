/**
 * npm run test:readme — runs the README's documented commands, as a new user would, in a fresh clone
 * of this repository's HEAD (committed work only) under .tmp/readme-check/, and fails when one of them
 * fails or misleads:
 *   npm install · npm run demo (serves /login) · a second npm run demo (stops at once: already
 *   running) · npm run audit:verify (reads the demo's database) · npx prisma migrate deploy on a
 *   fresh clone · npm run user:create · npm run audit:verify (the real install) · npm run
 *   search:refold (twice) · npm start ·
 *   claims:extract · claims:score.
 * Not run here: `npm test` and `npm run test:*` (CI runs them in its own fresh clone), the bench:*,
 * train:* and eval:* commands (minutes each; their own scripts check their inputs).
 * Servers listen on 127.0.0.1 on free ports; every wait is bounded. Ends with
 * "readme commands: N passed, N failed".
 */
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

const root = process.cwd();
const work = path.join(root, ".tmp", "readme-check");
const clone = path.join(work, "clone");
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", npm_config_nodedir: process.env.npm_config_nodedir ?? "/usr" };
delete env.DATABASE_URL;
delete env.NEXTAUTH_SECRET;
delete env.NEXTAUTH_URL;
delete env.PORT;

let passed = 0;
let failed = 0;
const servers: ChildProcess[] = [];

function check(title: string, ok: boolean, detail = "") {
  if (ok) passed++;
  else failed++;
  console.log(`  ${ok ? "✓" : "✗"} ${title}${ok || !detail ? "" : `\n${detail.trim().split("\n").slice(-25).map((l) => `      ${l}`).join("\n")}`}`);
  return ok;
}

function sh(command: string, extraEnv: Record<string, string> = {}, timeoutMs = 600_000): SpawnSyncReturns<string> {
  return spawnSync("bash", ["-c", command], { cwd: clone, env: { ...env, ...extraEnv }, encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
}
const output = (r: SpawnSyncReturns<string>) => `${r.stdout ?? ""}\n${r.stderr ?? ""}`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts a long-running documented command in its own process group; its output goes to a log. */
function startServer(command: string, extraEnv: Record<string, string>): { child: ChildProcess; log: () => string } {
  let log = "";
  const child = spawn("bash", ["-c", command], { cwd: clone, env: { ...env, ...extraEnv }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  servers.push(child);
  return { child, log: () => log };
}

function stopServer(child: ChildProcess) {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {}
      resolve();
    }, 15_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-child.pid!, "SIGINT");
    } catch {
      resolve();
    }
  });
}

/** Polls `url` until it answers 200, the child exits, or `timeoutMs` passes. */
async function waitFor200(url: string, child: ChildProcess, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (res.status === 200) return true;
    } catch {}
    await new Promise((r) => setTimeout(r, 1_000));
  }
  return false;
}

async function main() {
  console.log(`▸ Fresh clone of HEAD in ${path.relative(root, clone)}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const cloned = spawnSync("git", ["clone", "--quiet", "--no-hardlinks", root, clone], { encoding: "utf8" });
  if (!check("git clone", cloned.status === 0, output(cloned))) return;
  // The shared folder sits beside the repository's root (../shared); give the clone the same neighbour.
  const shared = path.resolve(root, "..", "shared");
  if (existsSync(shared)) symlinkSync(shared, path.join(work, "shared"));

  console.log("▸ npm install");
  const install = sh("npm install --no-audit --no-fund", {}, 900_000);
  if (!check("npm install", install.status === 0, output(install))) return;

  console.log("▸ npm run demo");
  const port = await freePort();
  const demo = startServer("npm run demo", { PORT: String(port) });
  const up = await waitFor200(`http://127.0.0.1:${port}/login`, demo.child, 600_000);
  if (!check(`npm run demo serves http://127.0.0.1:${port}/login`, up, demo.log())) return;
  check("npm run demo prints the demo accounts", /riley@demo\.claimledger\.test/.test(demo.log()), demo.log());

  const started = Date.now();
  const second = sh("npm run demo", { PORT: String(port) }, 60_000);
  check(
    "a second npm run demo stops at once and says the demo is already running",
    second.status !== 0 && /already running \(pid \d+/.test(output(second)) && Date.now() - started < 30_000,
    output(second),
  );
  const otherPort = await freePort();
  const third = sh("npm run demo", { PORT: String(otherPort) }, 60_000);
  check("npm run demo on another port also says the demo is already running", third.status !== 0 && /already running/.test(output(third)), output(third));

  const verifyDemo = sh("npm run audit:verify");
  check(
    "npm run audit:verify after npm run demo reads the demo's database and verifies",
    verifyDemo.status === 0 && /^ok, \d+ events/m.test(verifyDemo.stdout) && /demo\.db/.test(verifyDemo.stderr),
    output(verifyDemo),
  );
  await stopServer(demo.child);
  check("stopping the demo removes its pid file", !existsSync(path.join(clone, "prisma", "data", "demo.pid")));

  console.log("▸ A real install");
  const blocker = createServer();
  const blockedPort = await freePort();
  await new Promise<void>((r) => blocker.listen(blockedPort, "127.0.0.1", r));
  const blocked = sh("npm run demo", { PORT: String(blockedPort) }, 60_000);
  blocker.close();
  check(`npm run demo on a taken port names the port and its owner`, blocked.status !== 0 && new RegExp(`Port ${blockedPort} is already taken by pid \\d+`).test(output(blocked)), output(blocked));

  const deploy = sh("npx prisma migrate deploy");
  check("npx prisma migrate deploy on a fresh clone", deploy.status === 0 && existsSync(path.join(clone, "prisma", "data", "claimledger.db")), output(deploy));
  const user = sh('npm run user:create -- --email ed@example.org --name "Ed Itor" --role EDITOR');
  check("npm run user:create prints a generated password once", user.status === 0 && /Password \(shown once\): \S{12,}/.test(user.stdout), output(user));
  const verifyReal = sh("npm run audit:verify");
  check("npm run audit:verify reads the real install", verifyReal.status === 0 && /^ok, 1 events/m.test(verifyReal.stdout) && /claimledger\.db/.test(verifyReal.stderr), output(verifyReal));
  const refold = sh("npm run search:refold");
  check("npm run search:refold folds the real install's claims, then says they are of this fold", refold.status === 0 && /^ok, 0 claims folded again/m.test(refold.stdout) && /already of this fold/.test(sh("npm run search:refold").stdout), output(refold));
  const verifyPg = sh("npm run audit:verify", { DATABASE_URL: "file:./prisma/data/nothing-here.db" });
  check("npm run audit:verify names a database that does not exist", verifyPg.status === 2 && /does not exist/.test(verifyPg.stderr), output(verifyPg));

  const startPort = await freePort();
  const start = startServer(`NEXTAUTH_SECRET=$(openssl rand -hex 32) NEXTAUTH_URL=http://localhost:${startPort} npm start -- -p ${startPort} -H 127.0.0.1`, {});
  check("npm start serves the real install", await waitFor200(`http://127.0.0.1:${startPort}/login`, start.child, 120_000), start.log());
  await stopServer(start.child);

  console.log("▸ Claim finding from the command line");
  const article = "prisma/seed/articles/003_bd337583015ffe6b.txt";
  const extract = sh(`npm run -s claims:extract -- ${article}`);
  check("npm run -s claims:extract -- FILE", extract.status === 0 && /3,000 extended-range missiles/.test(extract.stdout), output(extract));
  const tsv = path.join(work, "lines.tsv");
  writeFileSync(tsv, "1\tTRUMP\tWe have lost 70,000 factory jobs since 2016.\n2\tCLINTON\tThank you.\n");
  const score = sh(`npm run -s claims:score -- --format clef ${tsv}`);
  check("npm run -s claims:score -- --format clef FILE.tsv", score.status === 0 && /^1\t[0-9.]+\n2\t[0-9.]+/m.test(score.stdout), output(score));
}

try {
  await main();
} catch (error) {
  check("the check itself ran", false, String(error instanceof Error ? error.stack : error));
} finally {
  await Promise.all(servers.map(stopServer));
  console.log(`\nreadme commands: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}
