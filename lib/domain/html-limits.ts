/**
 * Limits on HTML an import may parse, measured before any parsing. The import builds a DOM with
 * linkedom and reads it with Readability; both cost far more per node than the markup does per byte:
 * a DOM parser and Readability walk the element tree recursively and re-scan ancestors, so a page of
 * deeply nested elements (a 17 KB upload of 1,500 nested `<div>`s) costs time far beyond its size;
 * every element, text node and comment is a heavy object (an event target, a linked-list entry), so
 * 1.9 MB of 136,000 `<span>`s took 24 s to read at load average 13 on 2 cores; and attributes are
 * looked up one by one in a list, so one element with 50,000 attributes (0.5 MB) took 4 s. A page past
 * a limit is refused at once instead of holding a worker until the pool's time limit.
 *
 * Everything is measured in one linear pass of htmlparser2's tokenizer and tree rules — the parser
 * linkedom builds its DOM with, called with the options linkedom gives it — so what is counted is what
 * the import's tree would hold. A hand-written tag scanner measured another tree: tag names such as
 * `<d_>`, `<div/>` (the slash means nothing on an HTML element that is not void), and elements inside
 * `<noscript>`, `<iframe>`, `<noembed>` or `<noframes>` (which this parser reads as markup) all nested
 * without being counted.
 */
import { Parser } from "htmlparser2";

/** Deepest element nesting an imported page may have (real news pages stay well under 100). */
export const MAX_HTML_DEPTH = 256;

/*
 * The other limits were chosen from CPU time measured reading pages of one shape each with
 * extractReadableArticle (scripts/bench-pages.ts --only hostile, and by hand at load average 12–14 on
 * 2 cores): 30,000 `<span>`s 3.2 s, 30,000 `<div>`s 4.4 s, 60,000 character references 1.3 s,
 * 120,000 attributes on 12,000 elements 4.2 s, 12,500 `<div>`s in chains 250 deep (1.6 million
 * levels in all) 7.8 s, while the same 12,500 `<div>`s 10 deep took 2.2 s. The largest real news pages
 * have about 5,000–15,000 elements, about as many text runs, 2–4 attributes an element and an average
 * depth of 10–30 (estimates: no page that large is among the test fixtures): each limit is at least
 * twice that.
 */

/** Elements an imported page may have, void ones included (2× the largest real pages' 15,000). */
export const MAX_HTML_ELEMENTS = 30_000;

/**
 * Text pieces an imported page may have: runs of text, comments, and each character reference
 * (`&amp;`, `&#65;`), which the parser hands over — and the DOM keeps — as a text node of its own.
 * 60,000 (real pages: about as many as elements, plus their references).
 */
export const MAX_HTML_TEXT_PIECES = 60_000;

/** Attributes an imported page may have in all (real pages: 2–4 per element, ≤ 60,000). 100,000. */
export const MAX_HTML_ATTRIBUTES = 100_000;

/**
 * Attributes one element may have. A real element has a few, rarely a few dozen (`data-*` tracking
 * attributes); one with thousands is an attack on the DOM's attribute lookup, which scans a list
 * (one element with 50,000 attributes, 0.5 MB, took 4 s). 100.
 */
export const MAX_HTML_ATTRIBUTES_PER_ELEMENT = 100;

/**
 * Nesting in all: the sum over elements of their depth (each element counts every element it sits
 * in). Readability measures each `<div>`, list and table by querying its whole subtree, so its time
 * grows with this sum, not with the number of elements: pages of deep chains under the depth limit
 * cost ten times what the same elements cost side by side. 1,000,000 (real pages: at most
 * 15,000 elements × 30 levels on average, 450,000).
 */
export const MAX_HTML_NESTING_TOTAL = 1_000_000;

/** The limits one measurement checks, by name (see the constants above for each figure's source). */
export interface HtmlLimits {
  depth: number;
  nestingTotal: number;
  elements: number;
  textPieces: number;
  attributes: number;
  attributesPerElement: number;
}

/** The limits of an import (MAX_HTML_DEPTH, MAX_HTML_ELEMENTS…). */
export const HTML_IMPORT_LIMITS: HtmlLimits = {
  depth: MAX_HTML_DEPTH,
  nestingTotal: MAX_HTML_NESTING_TOTAL,
  elements: MAX_HTML_ELEMENTS,
  textPieces: MAX_HTML_TEXT_PIECES,
  attributes: MAX_HTML_ATTRIBUTES,
  attributesPerElement: MAX_HTML_ATTRIBUTES_PER_ELEMENT,
};

/** What one pass found: each figure as `HtmlLimits` names it (`attributesPerElement`: the most on one element). */
export type HtmlShape = HtmlLimits;

/** The shape of a page and the first limit it broke (null when none), as `measureHtml` returns it. */
export interface HtmlMeasurement {
  shape: HtmlShape;
  /** The limit passed first, in reading order; the pass stops there, so later figures are partial. */
  broken: keyof HtmlLimits | null;
}

const NO_LIMITS: HtmlLimits = {
  depth: Number.POSITIVE_INFINITY,
  nestingTotal: Number.POSITIVE_INFINITY,
  elements: Number.POSITIVE_INFINITY,
  textPieces: Number.POSITIVE_INFINITY,
  attributes: Number.POSITIVE_INFINITY,
  attributesPerElement: Number.POSITIVE_INFINITY,
};

/** htmlparser2's parser, with its own list of void elements (protected there) readable by the callbacks. */
class MeasuringParser extends Parser {
  isVoid(name: string): boolean {
    return this.isVoidElement(name);
  }
}

/** Thrown from the parser's callback to stop reading once a limit is passed (never escapes). */
const PAST_LIMIT = Symbol("past a limit");

/**
 * Measures `html` in one pass, linear in its length, as htmlparser2 (HTML mode, as linkedom calls it)
 * reads it:
 * - `depth`: elements open at once. Void elements (`<br>`, `<img>`) do not count; an element closed by
 *   a self-closing slash (inside SVG or MathML only) counts while open, as the leaf it is. Implied end
 *   tags (`<li>` after `<li>`, a block after `<p>`) and a closing tag closing back to its open match
 *   follow the parser; text inside `<script>`, `<style>`, `<title>`, `<textarea>` and `<xmp>` and
 *   comments hold no elements.
 * - `nestingTotal`: the sum of those depths over the elements that are not void (each counts itself and every element it sits in).
 * - `elements`: every element the parser opens, void and implied ones (`<p>` for a stray `</p>`) included.
 * - `textPieces`: the text pieces the parser emits, each a DOM node in linkedom: runs of text between
 *   tags, one per character reference, and one per comment or CDATA section.
 * - `attributes` (in all) and `attributesPerElement` (the most on one element), as written, duplicates included.
 * Stops reading as soon as a figure passes its limit in `limits` (default: none) and names it in `broken`.
 */
export function measureHtml(html: string, limits: HtmlLimits = NO_LIMITS): HtmlMeasurement {
  const shape: HtmlShape = { depth: 0, nestingTotal: 0, elements: 0, textPieces: 0, attributes: 0, attributesPerElement: 0 };
  let broken: keyof HtmlLimits | null = null;
  let depth = 0;
  let onThisElement = 0;
  const past = (limit: keyof HtmlLimits) => {
    if (shape[limit] > limits[limit]) {
      broken = limit;
      throw PAST_LIMIT;
    }
  };
  const parser: MeasuringParser = new MeasuringParser(
    {
      onopentagname() {
        shape.elements++;
        onThisElement = 0;
        past("elements");
      },
      onattribute() {
        shape.attributes++;
        onThisElement++;
        if (onThisElement > shape.attributesPerElement) shape.attributesPerElement = onThisElement;
        past("attributesPerElement");
        past("attributes");
      },
      onopentag(name) {
        if (parser.isVoid(name)) return;
        depth++;
        shape.nestingTotal += depth;
        past("nestingTotal");
        if (depth > shape.depth) {
          shape.depth = depth;
          past("depth");
        }
      },
      onclosetag(name) {
        if (!parser.isVoid(name)) depth--;
      },
      ontext() {
        shape.textPieces++;
        past("textPieces");
      },
      oncomment() {
        shape.textPieces++;
        past("textPieces");
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
  return { shape, broken };
}

/**
 * The deepest element nesting in `html` (`measureHtml`'s `depth`), reading no further once `stopAt` is
 * passed (then the result is `stopAt + 1`).
 */
export function htmlNestingDepth(html: string, stopAt = Number.POSITIVE_INFINITY): number {
  return measureHtml(html, { ...NO_LIMITS, depth: stopAt }).shape.depth;
}

const count = (n: number) => n.toLocaleString("en-US");

/** A user's words for each limit broken: what the page has more of than the limit allows. */
const REFUSALS: Record<keyof HtmlLimits, (limit: number) => string> = {
  depth: (n) => `This page nests its elements more than ${count(n)} levels deep`,
  nestingTotal: (n) => `This page nests its elements more than ${count(n)} levels in all (each element counts every element it sits in)`,
  elements: (n) => `This page has more than ${count(n)} HTML elements`,
  textPieces: (n) => `This page has more than ${count(n)} pieces of text (runs of text between tags, comments, and each character reference such as &amp; count one each)`,
  attributes: (n) => `This page has more than ${count(n)} attributes on its elements`,
  attributesPerElement: (n) => `An element of this page has more than ${count(n)} attributes`,
};

/**
 * Null when `html` is within `limits` (default HTML_IMPORT_LIMITS), else the refusal a user reads:
 * which limit, its figure, that nothing was imported and what to do (e.g. "This page has more than
 * 30,000 HTML elements (the limit for imported HTML); nothing was imported. Paste the article's text
 * instead."). One `measureHtml` pass.
 */
export function htmlLimitRefusal(html: string, limits: HtmlLimits = HTML_IMPORT_LIMITS): string | null {
  const { broken } = measureHtml(html, limits);
  return broken ? `${REFUSALS[broken](limits[broken])} (the limit for imported HTML); nothing was imported. Paste the article's text instead.` : null;
}
