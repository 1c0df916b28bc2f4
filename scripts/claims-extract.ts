/**
 * Extracts check-worthy claims from an article text file.
 *
 *   npm run -s claims:extract -- FILE [--json] [--limit N] [--min-score X]
 *
 * With --json: a JSON array sorted by score of
 * { text, start, end, score, kind, reasons, quantities } (offsets in code points).
 * Without: a readable ranked list. Errors go to stderr with exit code 1.
 */
import { extractClaims } from "../lib/domain/extraction/extract";
import { InputError, readTextFile } from "../lib/domain/extraction/input";

function usage(): never {
  console.error("usage: npm run -s claims:extract -- FILE [--json] [--limit N] [--min-score X]");
  process.exit(1);
}

function main(): void {
  const args = process.argv.slice(2);
  let json = false;
  let limit: number | undefined;
  let minScore: number | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--json") json = true;
    else if (a === "--limit") limit = Number(args[++i]);
    else if (a === "--min-score") minScore = Number(args[++i]);
    else if (a === "-h" || a === "--help") usage();
    else if (a.startsWith("--")) {
      console.error(`claims:extract: unknown option ${a}`);
      usage();
    } else files.push(a);
  }
  if (files.length !== 1) usage();
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    console.error("claims:extract: --limit must be a non-negative integer");
    process.exit(1);
  }
  if (minScore !== undefined && !Number.isFinite(minScore)) {
    console.error("claims:extract: --min-score must be a number");
    process.exit(1);
  }
  let text: string;
  try {
    text = readTextFile(files[0]);
  } catch (e) {
    if (e instanceof InputError) {
      console.error(`claims:extract: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  const claims = extractClaims(text, { limit, minScore });
  if (json) {
    process.stdout.write(JSON.stringify(claims, null, 2) + "\n");
    return;
  }
  const lines: string[] = [];
  claims.forEach((c, i) => {
    lines.push(`${String(i + 1).padStart(3)}. [${c.score.toFixed(3)}] ${c.kind}  (${c.start}–${c.end})`);
    lines.push(`     ${c.text}`);
    if (c.reasons.length) lines.push(`     why: ${c.reasons.join(", ")}`);
    if (c.quantities.length) lines.push(`     quantities: ${c.quantities.map((q) => q.display).join("; ")}`);
  });
  if (claims.length === 0) lines.push("(no claims found)");
  process.stdout.write(lines.join("\n") + "\n");
}

main();
