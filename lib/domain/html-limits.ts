/**
 * Limits on HTML an import may parse. A DOM parser and Readability walk the element tree
 * recursively and re-scan ancestors, so a page of deeply nested elements (a 17 KB upload of 1,500
 * nested `<div>`s) costs time far beyond its size; the depth is therefore measured first, in one
 * linear pass over the markup, and a page past the limit is refused before any parsing.
 */

/** Deepest element nesting an imported page may have (real news pages stay well under 100). */
export const MAX_HTML_DEPTH = 256;

/** Elements that never hold children (HTML Living Standard, "void elements"). */
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);
/** Elements whose content is raw text: tags inside them are not elements. */
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"]);

/** Open elements an opening tag closes implicitly (HTML's optional end tags: `<li>` after `<li>`, …). */
const CLOSES: Record<string, readonly string[]> = {
  li: ["li"],
  dt: ["dt", "dd"],
  dd: ["dt", "dd"],
  tr: ["tr", "td", "th"],
  td: ["td", "th"],
  th: ["td", "th"],
  option: ["option"],
};
/** Block elements that close an open `<p>`. */
const CLOSES_P = new Set(["p", "div", "ul", "ol", "dl", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section", "article", "aside", "header", "footer", "nav", "figure", "form", "hr", "main"]);

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*?(\/?)>|<!--[\s\S]*?-->|<![^>]*>/g;

/**
 * The deepest element nesting in `html`, counting open tags not yet closed (void and self-closing
 * elements do not nest; optional end tags are implied as parsers do — `<li>` after `<li>`, a block
 * after `<p>` — and a closing tag closes back to its matching open element). Linear in the input's length (UTF-16 code units).
 * Stops early and returns a value above `stopAt` once that depth is passed.
 */
export function htmlNestingDepth(html: string, stopAt = Number.POSITIVE_INFINITY): number {
  const stack: string[] = [];
  let max = 0;
  const lower = html.toLowerCase();
  TAG.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TAG.exec(html))) {
    const name = m[2]?.toLowerCase();
    if (!name) continue; // comment or doctype
    if (m[1]) {
      const at = stack.lastIndexOf(name);
      if (at >= 0) stack.length = at;
      continue;
    }
    if (VOID.has(name) || m[3]) continue;
    if (RAW_TEXT.has(name)) {
      const close = lower.indexOf(`</${name}`, TAG.lastIndex);
      TAG.lastIndex = close < 0 ? html.length : close;
      continue;
    }
    const implied = CLOSES[name];
    while (stack.length && (implied?.includes(stack[stack.length - 1]!) || (stack[stack.length - 1] === "p" && CLOSES_P.has(name)))) stack.pop();
    stack.push(name);
    if (stack.length > max) {
      max = stack.length;
      if (max > stopAt) break;
    }
  }
  return max;
}
