/**
 * Limits on the shape of user Markdown (comments, verdict rationales, the corrections policy), checked
 * by one linear pass before it is saved and again before it is rendered.
 *
 * Why: react-markdown (micromark + mdast + React) renders ordinary text in linear time (~2.4 µs a
 * character; 5,500 characters of prose in 13 ms), but nested structure costs far more and crashes it:
 * measured on 2 December 2026 (2-core machine, warm), 1,000 nested block quotes (`>>>…x`) 82 ms and
 * 2,000 nested list items (`- - - …x`) a "Maximum call stack size exceeded" after seconds; a 5,000-character
 * comment of `>` made a claim page answer 500 for everyone, after 1.3 s of the request thread each
 * view. Emphasis runs grow faster than linearly (`*a *a … b***…`: 500 runs 81 ms, 1,000 254 ms, 2,000 2.4 s),
 * and every list item, heading, link or hard break costs 0.1–0.5 ms (3,000 items three deep: 1.2 s).
 * Within the limits below the worst texts found render in ~40–120 ms on a loaded 2-core machine.
 * Real fact-check writing nests a quote or list a few levels and emphasises a few dozen phrases.
 */

/** Most container levels (block quotes and list items, one counted per 2 columns of indentation before a list marker or `>`) on one line. */
export const MARKDOWN_MAX_NESTING = 16;
/**
 * Most block and link structures in one text: list items and quote levels (each line's levels), headings
 * (`#` lines and setext underlines), thematic breaks, hard line breaks and links (`](`, `][`). Each costs
 * ~0.1–0.5 ms to render, prose almost nothing (10,000 characters of prose 3.6 ms; 100 list items
 * 40–80 ms at load ~6, 200 headings, setext headings, links or hard breaks 37–58 ms).
 */
export const MARKDOWN_MAX_STRUCTURES = 100;
/** Most emphasis marks (`*`, `_`, unescaped) in one text: a wall of `*` nests one `<strong>` per two (`*`×2,497 + a + `*`×2,497 overflowed the stack). */
export const MARKDOWN_MAX_EMPHASIS_MARKS = 400;
/** Most runs of backticks (code span delimiters) in one text. */
export const MARKDOWN_MAX_CODE_RUNS = 300;

/** What `measureMarkdown` finds: the deepest line's container levels, the structures, the emphasis marks and the backtick runs. */
export interface MarkdownShape {
  nesting: number;
  structures: number;
  emphasisMarks: number;
  codeRuns: number;
}

const isSpace = (c: string | undefined) => c === " " || c === "\t";

/** Container levels that a line's start opens: indentation before the first marker (2 columns a level, a tab 4) plus each `>` or list marker that follows. */
function lineNesting(line: string): number {
  let i = 0;
  let indent = 0;
  while (isSpace(line[i])) indent += line[i++] === "\t" ? 4 : 1;
  let markers = 0;
  for (;;) {
    while (isSpace(line[i])) i++;
    const c = line[i];
    if (c === ">") {
      markers++;
      i++;
    } else if ((c === "-" || c === "*" || c === "+") && (i + 1 === line.length || isSpace(line[i + 1]))) {
      markers++;
      i++;
    } else if (c !== undefined && c >= "0" && c <= "9") {
      let j = i;
      while (j < line.length && j - i < 9 && line[j]! >= "0" && line[j]! <= "9") j++;
      if ((line[j] === "." || line[j] === ")") && (j + 1 === line.length || isSpace(line[j + 1]))) {
        markers++;
        i = j + 1;
      } else break;
    } else break;
  }
  return markers === 0 ? 0 : markers + Math.floor(indent / 2);
}

const HEADING_OR_RULE = /^[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$|(?:\*[ \t]*){3,}$|(?:_[ \t]*){3,}$)/;
const HARD_BREAK = /(?: {2,}|\\)$/;

/**
 * Measures `source` in one pass over its lines and one over its characters (linear in its length,
 * code units). Every line counts, code blocks too: a check that tried to follow fences could be told a
 * fence where CommonMark sees none ("```x`", a tab or a no-break space before it) and skip the rest.
 */
export function measureMarkdown(source: string): MarkdownShape {
  let nesting = 0;
  let structures = 0;
  for (const line of source.split(/\r\n?|\n/)) {
    const levels = lineNesting(line);
    nesting = Math.max(nesting, levels);
    structures += levels;
    if (HEADING_OR_RULE.test(line)) structures++;
    if (HARD_BREAK.test(line)) structures++;
  }
  let emphasisMarks = 0;
  let codeRuns = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      i++; // an escaped character is plain text
      continue;
    }
    if (c === "*" || c === "_") emphasisMarks++;
    else if (c === "`" && source[i - 1] !== "`") codeRuns++;
    else if (c === "]" && (source[i + 1] === "(" || source[i + 1] === "[")) structures++;
  }
  return { nesting, structures, emphasisMarks, codeRuns };
}

/**
 * Why `source` is too complex to save or render as Markdown (a message for the field named `label`,
 * naming the limit), or null when it is within MARKDOWN_MAX_NESTING, MARKDOWN_MAX_STRUCTURES,
 * MARKDOWN_MAX_EMPHASIS_MARKS and MARKDOWN_MAX_CODE_RUNS.
 */
export function markdownTooComplex(source: string, label: string): string | null {
  const shape = measureMarkdown(source);
  const n = (value: number) => value.toLocaleString("en-US");
  if (shape.nesting > MARKDOWN_MAX_NESTING) {
    return `${label} nests quotes or lists ${n(shape.nesting)} levels deep; at most ${MARKDOWN_MAX_NESTING} can be shown. Flatten them and try again.`;
  }
  if (shape.structures > MARKDOWN_MAX_STRUCTURES) {
    return `${label} has ${n(shape.structures)} list items, quote levels, headings, links and line breaks; at most ${MARKDOWN_MAX_STRUCTURES} can be shown. Shorten it or split it and try again.`;
  }
  if (shape.emphasisMarks > MARKDOWN_MAX_EMPHASIS_MARKS) {
    return `${label} has ${n(shape.emphasisMarks)} emphasis marks (* or _); at most ${MARKDOWN_MAX_EMPHASIS_MARKS} can be shown. Remove some, or write them as \\* and \\_ to show them as they are.`;
  }
  if (shape.codeRuns > MARKDOWN_MAX_CODE_RUNS) {
    return `${label} has ${n(shape.codeRuns)} runs of code marks (\`); at most ${MARKDOWN_MAX_CODE_RUNS} can be shown. Remove some and try again.`;
  }
  return null;
}
