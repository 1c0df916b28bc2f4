/**
 * Scores every line of a CLEF-format transcript for check-worthiness.
 *
 *   npm run -s claims:score -- --format clef FILE.tsv
 *
 * Input: UTF-8 TSV `line_number<TAB>speaker<TAB>text[<TAB>label]`.
 * Output (stdout): `line_number<TAB>score` for every line, in input order.
 * Errors go to stderr with exit code 1.
 */
import { parseTranscript, TranscriptFormatError } from "../lib/domain/extraction/clef";
import { InputError, readTextFile } from "../lib/domain/extraction/input";
import { scoreLines } from "../lib/domain/extraction/ranker";

function usage(): never {
  console.error("usage: npm run -s claims:score -- --format clef FILE.tsv");
  process.exit(1);
}

function main(): void {
  const args = process.argv.slice(2);
  let format = "clef";
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--format") format = args[++i] ?? "";
    else if (a.startsWith("--format=")) format = a.slice("--format=".length);
    else if (a === "-h" || a === "--help") usage();
    else if (a.startsWith("--")) {
      console.error(`claims:score: unknown option ${a}`);
      usage();
    } else files.push(a);
  }
  if (format !== "clef") {
    console.error(`claims:score: unsupported format "${format}" (supported: clef)`);
    process.exit(1);
  }
  if (files.length !== 1) usage();
  try {
    const lines = parseTranscript(readTextFile(files[0]));
    if (lines.length === 0) throw new InputError(`${files[0]}: no transcript lines`);
    const scores = scoreLines(lines.map((l) => l.text));
    const out = lines.map((l, i) => `${l.lineNumber}\t${(scores[i] ?? 0).toFixed(6)}`).join("\n");
    process.stdout.write(out + "\n");
  } catch (e) {
    if (e instanceof InputError || e instanceof TranscriptFormatError) {
      console.error(`claims:score: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}

main();
