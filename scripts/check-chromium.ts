/** Playwright drives Debian's Chromium here; stop early with the exact install command if it is missing. */
import { accessSync, constants } from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
try {
  accessSync(chromium, constants.X_OK);
} catch {
  console.error(`\n✗ Chromium was not found at ${chromium}.\n  Install it with:\n\n    sudo apt-get update && sudo apt-get install -y chromium\n\n  or point CHROMIUM_PATH at an installed Chromium/Chrome binary.\n`);
  process.exit(1);
}
