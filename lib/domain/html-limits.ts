/**
 * Limits on HTML an import may parse. A DOM parser and Readability walk the element tree
 * recursively and re-scan ancestors, so a page of deeply nested elements (a 17 KB upload of 1,500
 * nested `<div>`s) costs time far beyond its size; linkedom's own tree building grows faster than the
 * input too (32,000 nested elements, 125 KB: seconds). The depth is therefore measured first, in one
 * linear pass over the markup without building a tree, and a page past the limit is refused before
 * any parsing.
 *
 * The pass is htmlparser2's tokenizer and tree rules — the parser linkedom builds its DOM with, called
 * with the options linkedom gives it — so the depth measured is the depth of the tree the import gets.
 * A hand-written tag scanner measured another tree: tag names such as `<d_>`, `<div/>` (the slash
 * means nothing on an HTML element that is not void), and elements inside `<noscript>`, `<iframe>`,
 * `<noembed>` or `<noframes>` (which this parser reads as markup) all nested without being counted.
 */
import { Parser } from "htmlparser2";

/** Deepest element nesting an imported page may have (real news pages stay well under 100). */
export const MAX_HTML_DEPTH = 256;

/** htmlparser2's parser, with its own list of void elements (protected there) readable by the callbacks. */
class DepthParser extends Parser {
  isVoid(name: string): boolean {
    return this.isVoidElement(name);
  }
}

/** Thrown from the parser's callback to stop reading once the limit is passed (never escapes). */
const PAST_LIMIT = Symbol("past the depth limit");

/**
 * The deepest element nesting in `html`: elements open at once in the tree htmlparser2 (HTML mode,
 * as linkedom calls it) builds from it. Void elements (`<br>`, `<img>`) do not count; an element
 * closed by a self-closing slash (inside SVG or MathML only) counts while open, as the leaf it is.
 * Implied end tags (`<li>` after `<li>`, a block after `<p>`) and a closing tag closing back to its
 * open match follow the parser; text inside `<script>`, `<style>`, `<title>`, `<textarea>` and
 * `<xmp>` and comments hold no elements. Linear in the input's length; stops reading and returns
 * `stopAt + 1` once that depth is passed.
 */
export function htmlNestingDepth(html: string, stopAt = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  const parser: DepthParser = new DepthParser(
    {
      onopentag(name) {
        if (parser.isVoid(name)) return;
        depth++;
        if (depth > max) {
          max = depth;
          if (max > stopAt) throw PAST_LIMIT;
        }
      },
      onclosetag(name) {
        if (!parser.isVoid(name)) depth--;
      },
    },
    { lowerCaseAttributeNames: false, decodeEntities: true, xmlMode: false },
  );
  try {
    parser.write(html);
    parser.end();
  } catch (error) {
    if (error !== PAST_LIMIT) throw error;
  }
  return max;
}
