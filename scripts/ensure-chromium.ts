/**
 * Playwright drives Debian's Chromium here (it cannot download its own browser offline). This makes
 * sure one is there before the end-to-end tests run:
 * - CHROMIUM_PATH set: it must point at an executable; nothing is installed.
 * - otherwise Debian's old headless shell, /usr/bin/chromium-headless-shell (package
 *   `chromium-headless-shell`): the whole Playwright suite ran in 436 s with it against 765 s with the
 *   full browser on this 2-core machine (2 December 2026), since the full browser's new headless mode
 *   is the whole browser. When it is missing and this process runs as root on a machine with apt-get,
 *   it is installed (`apt-get update`, then `apt-get install -y chromium-headless-shell`, about 40 s).
 * - no headless shell and nothing can install it (no apt-get, or not root): the full /usr/bin/chromium
 *   is used when it is there (slower; the package to install is named); otherwise it stops with the
 *   one command to run.
 * playwright.config.ts picks the same browser (browserForTests in scripts/lib/chromium-path.ts).
 * Exit code 0 when a Chromium is ready, 1 otherwise (with the reason and what to do).
 * For the tests only: APT_GET overrides the apt-get executable, CLAIMLEDGER_DEFAULT_CHROMIUM the
 * headless shell's path (the package installed is its file name) and CLAIMLEDGER_FALLBACK_CHROMIUM
 * the full browser's, so stand-ins can play the missing browser and its install.
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import path from "node:path";
import { FULL_CHROMIUM, HEADLESS_SHELL } from "./lib/chromium-path";

const DEBIAN_CHROMIUM = process.env.CLAIMLEDGER_DEFAULT_CHROMIUM ?? HEADLESS_SHELL;
const FALLBACK_CHROMIUM = process.env.CLAIMLEDGER_FALLBACK_CHROMIUM ?? FULL_CHROMIUM;
/** Debian's package that installs DEBIAN_CHROMIUM: its file name. */
const PACKAGE = path.basename(DEBIAN_CHROMIUM);

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
  fail([`CHROMIUM_PATH is set to ${explicit}, which is not an executable file.`, `Point it at an installed Chromium or Chrome, or unset it to use Debian's ${DEBIAN_CHROMIUM}.`]);
}
if (executable(DEBIAN_CHROMIUM)) process.exit(0);

const aptGet = onPath(process.env.APT_GET ?? "apt-get");
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
// Nothing can be installed here: the full browser, when it is there, runs the same tests (slower).
if ((!aptGet || !isRoot) && executable(FALLBACK_CHROMIUM)) {
  console.log(`▸ ${DEBIAN_CHROMIUM} is not installed: using ${FALLBACK_CHROMIUM}, the full browser (the end-to-end tests take about 1.7× as long; Debian's ${PACKAGE} package is the lighter one).`);
  process.exit(0);
}
if (!aptGet) {
  fail([
    `Chromium was not found at ${DEBIAN_CHROMIUM}, and this machine has no apt-get to install it.`,
    "Install Chromium or Chrome with your system's package manager and set CHROMIUM_PATH to its binary.",
  ]);
}
if (!isRoot) {
  fail([`Chromium was not found at ${DEBIAN_CHROMIUM}. Install it once with:`, "", `  sudo apt-get update && sudo apt-get install -y ${PACKAGE}`, "", "then run npm test again (or set CHROMIUM_PATH to another Chromium/Chrome binary)."]);
}

console.log(`▸ Chromium was not found at ${DEBIAN_CHROMIUM}: installing Debian's ${PACKAGE} package (apt-get, about a minute)…`);
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
for (const args of [["update", "-qq"], ["install", "-y", "-qq", PACKAGE]]) {
  const result = spawnSync(aptGet, args, { stdio: "inherit", env });
  if (result.status !== 0) {
    fail([`apt-get ${args.join(" ")} failed (exit ${result.status ?? result.signal}).`, `Install Chromium by hand (apt-get install -y ${PACKAGE}) or set CHROMIUM_PATH, then run npm test again.`]);
  }
}
if (!executable(DEBIAN_CHROMIUM)) fail([`apt-get finished, but ${DEBIAN_CHROMIUM} is still missing.`, "Set CHROMIUM_PATH to the installed Chromium binary."]);
console.log(`  Chromium installed at ${DEBIAN_CHROMIUM}.`);
