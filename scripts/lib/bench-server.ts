/**
 * What the server benchmarks share (bench:export, bench:pages): the production build, `next start`
 * on 127.0.0.1 with its process tree killed on exit (also on Ctrl-C and on error), the process tree's
 * memory, and signing in through next-auth's credentials callback as the login form does.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The machine's 1/5/15-minute load averages, printed beside the figures (the machine is shared). */
export const loadAverage = () => os.loadavg().map((x) => x.toFixed(2)).join(" / ");

/** `uptime`'s line (load averages), or the load averages when uptime is missing. */
export function uptimeLine(): string {
  const r = spawnSync("uptime", { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : `load average: ${loadAverage()}`;
}

/**
 * Runs `next build` unless `skipBuild`; with `skipBuild` an existing build (.next/BUILD_ID) is
 * required. Exits the process (status 1 or 2) when neither works.
 */
export function ensureProductionBuild(root: string, skipBuild: boolean): void {
  if (!skipBuild) {
    console.log("▸ next build");
    const build = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) process.exit(1);
  } else if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.error("--skip-build needs an existing production build (.next/)");
    process.exit(2);
  }
}

/** A free port on 127.0.0.1: `preferred` when given and free, else any (throws when `preferred` is taken). */
export function freePort(preferred = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(preferred, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** The process and all its descendants (next start may run its server in a child process). */
export function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length && i < 64; i++) {
    const taskDir = `/proc/${out[i]}/task`;
    if (!existsSync(taskDir)) continue;
    for (const tid of readdirSync(taskDir)) {
      try {
        for (const child of readFileSync(`${taskDir}/${tid}/children`, "utf8").trim().split(/\s+/)) if (child) out.push(Number(child));
      } catch {}
    }
  }
  return out;
}

/** A /proc/<pid>/status memory field in kB (0 when the process is gone). */
export function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Resident memory of the process tree, bytes. */
export const treeRss = (pid: number) => processTree(pid).reduce((s, p) => s + statusKb(p, "VmRSS"), 0) * 1024;

const running = new Set<ChildProcess>();

/** Kills a child started by startDetached with its whole process group (SIGTERM, then SIGKILL after `graceMs`). */
export function stopChild(child: ChildProcess, graceMs = 3000): void {
  running.delete(child);
  if (child.exitCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {}
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {}
  }, graceMs);
  timer.unref();
  child.once("exit", () => clearTimeout(timer));
}

let exitHooked = false;
/** Kills every child still running when this process ends: normal exit, error, Ctrl-C, SIGTERM. */
function hookExit() {
  if (exitHooked) return;
  exitHooked = true;
  const killAll = () => {
    for (const child of running) {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {}
    }
    running.clear();
  };
  process.on("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping the servers`);
      killAll();
      process.exit(130);
    });
  }
}

/** Spawns `command` in its own process group (so its whole tree can be killed) and remembers it for the exit hook. */
export function startDetached(command: string, args: string[], options: { cwd: string; env: Record<string, string | undefined> }): { child: ChildProcess; stderr: () => string } {
  hookExit();
  const child = spawn(command, args, { cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let stderr = "";
  // The last 4,000 characters the server wrote (its log goes to stdout, errors to stderr).
  const keep = (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return { child, stderr: () => stderr };
}

/** Polls `url` until it answers 2xx, the child exits (throws with its stderr) or `timeoutMs` passes (throws). */
export async function waitUntilUp(url: string, started: { child: ChildProcess; stderr: () => string }, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (started.child.exitCode !== null) throw new Error(`the server exited:\n${started.stderr()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`the server did not answer ${url} in ${timeoutMs / 1000} s:\n${started.stderr()}`);
    await sleep(250);
  }
}

/**
 * `next start` of the production build on 127.0.0.1:`port` (0 = any free one) with `env` added to
 * this process's environment; resolves once /login answers. The server is killed on exit.
 */
export async function startNextServer(root: string, port: number, env: Record<string, string>): Promise<{ child: ChildProcess; base: string; port: number; stderr: () => string }> {
  const chosen = await freePort(port);
  const base = `http://127.0.0.1:${chosen}`;
  const started = startDetached(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(chosen), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production" as const, NEXTAUTH_URL: base, NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "warn", ...env },
  });
  await waitUntilUp(`${base}/login`, started);
  return { child: started.child, base, port: chosen, stderr: started.stderr };
}

/**
 * Signs in through next-auth's credentials callback, as the login form does; returns the Cookie
 * header of the session. Throws when no session cookie comes back.
 */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  };
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const login = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookieHeader() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${base}/claims` }),
    redirect: "manual",
  });
  keep(login);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in of ${email} failed (HTTP ${login.status})`);
  return cookieHeader();
}
