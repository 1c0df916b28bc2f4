/** Test helpers: locating the seed articles (repo copy first, shared data second). */
import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT, SHARED_DIR } from "./shared-paths";

const CANDIDATE_DIRS = [
  path.join(REPO_ROOT, "prisma", "seed", "articles"),
  path.join(SHARED_DIR, "articles"),
];

/** Reads a seed article by file name; throws (failing the test) when it cannot be found. */
export function readSeedArticle(name: string): string {
  for (const dir of CANDIDATE_DIRS) {
    const p = path.join(dir, name);
    if (fs.existsSync(p)) return fs.readFileSync(p, "utf8");
  }
  throw new Error(`seed article ${name} not found in ${CANDIDATE_DIRS.join(" or ")}`);
}

export const ARTICLE_000 = "000_a04bcc9c32dccfc7.txt";
export const ARTICLE_003 = "003_bd337583015ffe6b.txt";

/** Code-point slice, computed independently of the module under test. */
export function cpSlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join("");
}

/** Reads one of the sample articles written for the ranker's checks (lib/domain/extraction/sample-articles). */
export function readSampleArticle(name: string): string {
  return fs.readFileSync(path.join(REPO_ROOT, "lib", "domain", "extraction", "sample-articles", name), "utf8");
}
