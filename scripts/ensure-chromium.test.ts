/**
 * `npm test` on a fresh machine installs Chromium itself (as root, with apt-get) or says exactly what
 * to do. A stand-in apt-get plays the install so the test runs anywhere.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const script = path.resolve("scripts/ensure-chromium.ts");
const tsx = path.resolve("node_modules/.bin/tsx");
let dir = "";

function run(env: Record<string, string | undefined>) {
  const clean = { ...process.env };
  delete clean.CHROMIUM_PATH;
  // No full browser to fall back on unless a test gives one.
  return spawnSync(tsx, [script], { env: { ...clean, CLAIMLEDGER_FALLBACK_CHROMIUM: path.join(dir, "no-full-chromium"), ...env }, encoding: "utf8" });
}

/** A stand-in apt-get that logs its arguments and, on `install`, creates the browser at `target`. */
function fakeAptGet(target: string, exitCode = 0) {
  const file = path.join(dir, "apt-get");
  writeFileSync(
    file,
    `#!/bin/sh\necho "$@" >> "${dir}/apt.log"\nif [ "$1" = install ]; then printf '#!/bin/sh\\n' > "${target}"; chmod +x "${target}"; fi\nexit ${exitCode}\n`,
  );
  chmodSync(file, 0o755);
  return file;
}

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("ensure-chromium", () => {
  const asRoot = typeof process.getuid === "function" && process.getuid() === 0;

  it.runIf(asRoot)("installs Debian's chromium with apt-get when it is missing and we are root", () => {
    dir = mkdtempSync(path.join(tmpdir(), "chromium-"));
    const target = path.join(dir, "chromium");
    const result = run({ APT_GET: fakeAptGet(target), CLAIMLEDGER_DEFAULT_CHROMIUM: target });
    expect(result.status).toBe(0);
    expect(readFileSync(path.join(dir, "apt.log"), "utf8").trim().split("\n")).toEqual(["update -qq", "install -y -qq chromium"]);
    expect(existsSync(target)).toBe(true);
    expect(result.stdout).toContain("installing Debian's chromium package");
  });

  it.runIf(asRoot)("stops with the reason when apt-get fails", () => {
    dir = mkdtempSync(path.join(tmpdir(), "chromium-"));
    const target = path.join(dir, "chromium");
    const result = run({ APT_GET: fakeAptGet(target, 100), CLAIMLEDGER_DEFAULT_CHROMIUM: target });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("apt-get update -qq failed (exit 100)");
  });

  it("does nothing when the browser is there", () => {
    dir = mkdtempSync(path.join(tmpdir(), "chromium-"));
    const target = path.join(dir, "chromium");
    writeFileSync(target, "#!/bin/sh\n");
    chmodSync(target, 0o755);
    const result = run({ APT_GET: fakeAptGet(path.join(dir, "other")), CLAIMLEDGER_DEFAULT_CHROMIUM: target });
    expect(result.status).toBe(0);
    expect(existsSync(path.join(dir, "apt.log"))).toBe(false);
  });

  it("names a wrong CHROMIUM_PATH instead of installing", () => {
    dir = mkdtempSync(path.join(tmpdir(), "chromium-"));
    const result = run({ CHROMIUM_PATH: path.join(dir, "nope"), APT_GET: fakeAptGet(path.join(dir, "x")) });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("CHROMIUM_PATH is set to");
    expect(existsSync(path.join(dir, "apt.log"))).toBe(false);
  });

  it("falls back on the full browser when the headless shell is missing and nothing can be installed", () => {
    dir = mkdtempSync(path.join(tmpdir(), "chromium-"));
    const full = path.join(dir, "chromium");
    writeFileSync(full, "#!/bin/sh\n");
    chmodSync(full, 0o755);
    const result = run({ APT_GET: path.join(dir, "no-apt-get"), CLAIMLEDGER_DEFAULT_CHROMIUM: path.join(dir, "chromium-headless-shell"), CLAIMLEDGER_FALLBACK_CHROMIUM: full });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`using ${full}`);
    expect(result.stdout).toContain("chromium-headless-shell");
  });

  it("says what to do when there is no apt-get", () => {
    dir = mkdtempSync(path.join(tmpdir(), "chromium-"));
    const result = run({ APT_GET: path.join(dir, "no-apt-get"), CLAIMLEDGER_DEFAULT_CHROMIUM: path.join(dir, "chromium") });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("no apt-get to install it");
  });
});
