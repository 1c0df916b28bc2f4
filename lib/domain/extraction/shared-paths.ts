/**
 * Locating the project's shared read-only folder (`../shared` next to the
 * repository root: demo articles, CLEF-2019 training transcripts).
 * Used by training/evaluation scripts, benchmarks and tests only.
 */
import fs from "node:fs";
import path from "node:path";

/** Repository root: three levels above lib/domain/extraction. */
export const REPO_ROOT = path.resolve(import.meta.dirname, "../../..");

/** The shared folder, `../shared` relative to the repository root. */
export const SHARED_DIR = path.resolve(REPO_ROOT, "..", "shared");

/**
 * Absolute path of a folder inside the shared folder, e.g.
 * `sharedDir("data/clef2019-checkworthiness/train")`.
 * Throws an Error naming the expected folder when it does not exist.
 */
export function sharedDir(relative: string): string {
  const dir = path.join(SHARED_DIR, relative);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new Error(
      `expected folder ${dir} (../shared/${relative} relative to the repository root ${REPO_ROOT}) is missing; ` +
        "put the shared data folder next to the repository or pass the folder explicitly (--data DIR)",
    );
  }
  return dir;
}
