import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { looksLikeHtml } from "./html-sniff";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

/**
 * The packages and project files reached by `entry`'s static value imports (type-only imports and
 * dynamic `import()` left out), following project files (`@/…` and relative paths) transitively.
 */
function staticImports(entry: string): Set<string> {
  const reached = new Set<string>();
  const queue = [path.join(ROOT, entry)];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const m of source.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm)) {
      const spec = m[1]!;
      const local = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(file), spec) : null;
      if (!local) {
        reached.add(spec);
        continue;
      }
      const resolved = [local, `${local}.ts`, `${local}.tsx`, path.join(local, "index.ts")].find((f) => existsSync(f) && f.match(/\.tsx?$/));
      if (resolved) {
        reached.add(path.relative(ROOT, resolved));
        queue.push(resolved);
      }
    }
  }
  return reached;
}

describe("looksLikeHtml", () => {
  it("tells tags, comments and doctypes from text with angle brackets", () => {
    expect(looksLikeHtml("<p>Hi</p>")).toBe(true);
    expect(looksLikeHtml("<!-- note -->")).toBe(true);
    expect(looksLikeHtml("<!DOCTYPE html>")).toBe(true);
    expect(looksLikeHtml('<a href="x">x</a>')).toBe(true);
    expect(looksLikeHtml("Just words, 3 < 4 and 5 > 2.")).toBe(false);
    expect(looksLikeHtml("a <- b and c -> d")).toBe(false);
  });
});

describe("the request thread's upload preview", () => {
  it("loads no HTML parser: linkedom and Readability are the extraction pool's", () => {
    const reached = staticImports("lib/server/import-sources.ts");
    expect(reached.has("lib/domain/html-sniff.ts")).toBe(true);
    for (const heavy of ["linkedom", "@mozilla/readability", "lib/domain/html-article.ts", "compromise"]) {
      expect(reached.has(heavy), `import-sources.ts reaches ${heavy}`).toBe(false);
    }
  });
});
