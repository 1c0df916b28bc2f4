import { accessSync, constants } from "node:fs";

/** Debian's old headless shell (package `chromium-headless-shell`): the tests' default browser. */
export const HEADLESS_SHELL = "/usr/bin/chromium-headless-shell";
/** Debian's full browser (package `chromium`): used when the headless shell is not installed. */
export const FULL_CHROMIUM = "/usr/bin/chromium";

/**
 * The Chromium the end-to-end tests drive: CHROMIUM_PATH when set, else the headless shell when it is
 * executable, else the full browser (scripts/ensure-chromium.ts installs or names what is missing).
 */
export function browserForTests(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  try {
    accessSync(HEADLESS_SHELL, constants.X_OK);
    return HEADLESS_SHELL;
  } catch {
    return FULL_CHROMIUM;
  }
}
