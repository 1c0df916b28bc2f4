/**
 * Playwright drives Debian's Chromium here (it cannot download its own browser offline). This makes
 * sure one is there before the end-to-end tests run:
 * - CHROMIUM_PATH set: it must point at an executable; nothing is installed.
 * - otherwise /usr/bin/chromium; when it is missing and this process runs as root on a machine with
 *   apt-get, Debian's `chromium` package is installed (`apt-get update`, then `apt-get install -y
 *   chromium`, about 40 s); when not root, it stops with the one command to run.
 * Exit code 0 when a Chromium is ready, 1 otherwise (with the reason and what to do).
 * For the tests only: APT_GET overrides the apt-get executable and CLAIMLEDGER_DEFAULT_CHROMIUM the
 * default path, so a stand-in can play the missing browser and its install.
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import path from "node:path";

const DEBIAN_CHROMIUM = process.env.CLAIMLEDGER_DEFAULT_CHROMIUM ?? "/usr/bin/chromium";

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first `name` on PATH that is executable, or null. */
function onPath(name: string): string | null {
  if (name.includes("/")) return executable(name) ? name : null;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && executable(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

function fail(lines: string[]): never {
  console.error(`\n✗ ${lines.join("\n  ")}\n`);
  process.exit(1);
}

const explicit = process.env.CHROMIUM_PATH;
if (explicit) {
  if (executable(explicit)) process.exit(0);
  fail([`CHROMIUM_PATH is set to ${explicit}, which is not an executable file.`, "Point it at an installed Chromium or Chrome, or unset it to use Debian's /usr/bin/chromium."]);
}
if (executable(DEBIAN_CHROMIUM)) process.exit(0);

const aptGet = onPath(process.env.APT_GET ?? "apt-get");
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (!aptGet) {
  fail([
    `Chromium was not found at ${DEBIAN_CHROMIUM}, and this machine has no apt-get to install it.`,
    "Install Chromium or Chrome with your system's package manager and set CHROMIUM_PATH to its binary.",
  ]);
}
if (!isRoot) {
  fail([`Chromium was not found at ${DEBIAN_CHROMIUM}. Install it once with:`, "", "  sudo apt-get update && sudo apt-get install -y chromium", "", "then run npm test again (or set CHROMIUM_PATH to another Chromium/Chrome binary)."]);
}

console.log(`▸ Chromium was not found at ${DEBIAN_CHROMIUM}: installing Debian's chromium package (apt-get, about a minute)…`);
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
for (const args of [["update", "-qq"], ["install", "-y", "-qq", "chromium"]]) {
  const result = spawnSync(aptGet, args, { stdio: "inherit", env });
  if (result.status !== 0) {
    fail([`apt-get ${args.join(" ")} failed (exit ${result.status ?? result.signal}).`, "Install Chromium by hand (apt-get install -y chromium) or set CHROMIUM_PATH, then run npm test again."]);
  }
}
if (!executable(DEBIAN_CHROMIUM)) fail([`apt-get finished, but ${DEBIAN_CHROMIUM} is still missing.`, "Set CHROMIUM_PATH to the installed Chromium binary."]);
console.log(`  Chromium installed at ${DEBIAN_CHROMIUM}.`);
