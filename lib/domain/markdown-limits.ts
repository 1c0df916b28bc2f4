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
 * and every list item costs 0.15–0.4 ms (3,000 items three deep: 1.2 s). Within all three limits the
 * worst texts found render in under ~70 ms (400 one-level list items 68 ms, 16 levels × 25 lines 64 ms,
 * 300 emphasis runs 18–39 ms; same machine, load ~4).
 * Real fact-check writing nests a quote or list a few levels and emphasises a few dozen phrases.
 */

/** Most container levels (block quotes and list items, one counted per 2 columns of indentation before a list marker or `>`) on one line. */
export const MARKDOWN_MAX_NESTING = 16;
/** Most container levels opened in one text (MARKDOWN_MAX_NESTING's count, summed over its lines): list items cost ~0.15–0.4 ms each to render (2,000 one-level items 294 ms; 16 levels × 25 lines ~100 ms). */
export const MARKDOWN_MAX_CONTAINERS = 400;
/** Most runs of emphasis or code delimiters (`*`, `_`, `` ` ``, `~`) in one text. */
export const MARKDOWN_MAX_DELIMITER_RUNS = 300;

/** What `measureMarkdown` finds: the deepest line's container levels, the levels of all lines summed, and the delimiter runs in all. */
export interface MarkdownShape {
  nesting: number;
  containers: number;
  delimiterRuns: number;
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

/**
 * Measures `source` in one pass (linear in its length, code units): the deepest container nesting of
 * any line outside fenced code blocks, those lines' levels summed, and the runs of `*`, `_`, `` ` `` and `~` (a run of equal
 * characters counts once; inside fenced code too, a conservative count).
 */
export function measureMarkdown(source: string): MarkdownShape {
  let nesting = 0;
  let containers = 0;
  let fence: string | null = null;
  for (const line of source.split(/\r\n?|\n/)) {
    const fenceMark = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = null;
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      continue;
    }
    const levels = lineNesting(line);
    nesting = Math.max(nesting, levels);
    containers += levels;
  }
  let delimiterRuns = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if ((c === "*" || c === "_" || c === "`" || c === "~") && source[i - 1] !== c) delimiterRuns++;
  }
  return { nesting, containers, delimiterRuns };
}

/**
 * Why `source` is too complex to save or render as Markdown (a message for the field named `label`,
 * naming the limit), or null when it is within MARKDOWN_MAX_NESTING, MARKDOWN_MAX_CONTAINERS and
 * MARKDOWN_MAX_DELIMITER_RUNS.
 */
export function markdownTooComplex(source: string, label: string): string | null {
  const shape = measureMarkdown(source);
  if (shape.nesting > MARKDOWN_MAX_NESTING) {
    return `${label} nests quotes or lists ${shape.nesting.toLocaleString("en-US")} levels deep; at most ${MARKDOWN_MAX_NESTING} can be shown. Flatten them and try again.`;
  }
  if (shape.containers > MARKDOWN_MAX_CONTAINERS) {
    return `${label} has ${shape.containers.toLocaleString("en-US")} list items and quote levels; at most ${MARKDOWN_MAX_CONTAINERS} can be shown. Shorten the lists and try again.`;
  }
  if (shape.delimiterRuns > MARKDOWN_MAX_DELIMITER_RUNS) {
    return `${label} has ${shape.delimiterRuns.toLocaleString("en-US")} runs of emphasis or code marks (*, _, \`, ~); at most ${MARKDOWN_MAX_DELIMITER_RUNS} can be shown. Remove some and try again.`;
  }
  return null;
}
