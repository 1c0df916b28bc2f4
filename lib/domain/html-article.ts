/**
 * HTML → readable article text and metadata, with Mozilla's Readability (the Firefox reader view)
 * over linkedom's DOM. The text keeps the page's layout boundaries: every element a browser lays out
 * as a block (paragraphs, headings, list items, table rows, `<div>`s, quotes…) becomes its own
 * blank-line-separated paragraph, table cells are separated by a tab (as `innerText` does), and a
 * `<br>` never glues two words or numbers together. Photo captions, datelines, bylines and "related"
 * boxes are not article text and are left out of the snapshot, so they are never suggested as claims.
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

export interface ReadableArticle {
  title: string | null;
  /** All authors, in page order, joined with ", " (null when none was found). */
  author: string | null;
  /** The same authors as a list (empty when none was found). */
  authors: string[];
  outlet: string | null;
  publishedAt: string | null;
  text: string;
}

/** Elements laid out as blocks by a browser's default style sheet (HTML Standard §15.3). */
const BLOCKS = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "BODY", "CAPTION", "CENTER", "DD", "DETAILS", "DIALOG", "DIR", "DIV", "DL", "DT",
  "FIELDSET", "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HGROUP", "HR", "LEGEND",
  "LI", "LISTING", "MAIN", "MENU", "NAV", "OL", "P", "PLAINTEXT", "PRE", "SECTION", "SUMMARY", "TABLE", "TBODY", "TFOOT", "THEAD",
  "TR", "UL", "XMP", "OPTION",
]);
const CELLS = new Set(["TD", "TH"]);
const SKIPPED = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "CANVAS", "IFRAME", "OBJECT", "EMBED", "HEAD", "TITLE", "BUTTON", "SELECT", "TEXTAREA"]);

/**
 * Page furniture that is not the article's text, by element or by class/id word: photo captions and
 * credits (`figcaption`, WordPress `wp-caption-text`, "cutline" as US papers call a caption), datelines,
 * bylines, "related"/"read more" boxes and asides.
 */
const FURNITURE_SELECTOR = "figcaption, aside, [role=complementary], [itemprop=author], [rel=author]";
const FURNITURE_WORD = /(?:^|[\s_-])(?:captions?|cutline|credits?|dateline|bylines?|related|read-?more|more-stories|wp-caption-text|photo-credit|image-credit|author-info|article-author)(?:$|[\s_-])/i;

/** A dateline: "KYIV, Ukraine (AP) —", "WASHINGTON —", "LONDON (Reuters) -". Never an author. */
const DATELINE = /^[\p{Lu}][\p{Lu}\p{M} .'’-]+(?:,\s*[\p{L}\p{M} .'’-]+)?\s*(?:\([^)]{1,40}\))?\s*[—–-]+\s*$|\((?:AP|AFP|Reuters|dpa|UPI|Xinhua|PA|ANSA|EFE|Bloomberg)\)\s*[—–-]*\s*$/u;

/** True when `text` reads as a dateline rather than a person's or desk's name. */
export function isDateline(text: string): boolean {
  return DATELINE.test(text.trim());
}

function metas(document: Document, ...names: string[]): string[] {
  const out: string[] = [];
  for (const el of Array.from(document.querySelectorAll("meta"))) {
    const key = el.getAttribute("property") ?? el.getAttribute("name") ?? el.getAttribute("itemprop") ?? "";
    if (!names.includes(key.toLowerCase())) continue;
    const content = el.getAttribute("content")?.replace(/\s+/g, " ").trim();
    if (content) out.push(content);
  }
  return out;
}

function meta(document: Document, ...names: string[]): string | null {
  for (const name of names) {
    const found = metas(document, name.toLowerCase())[0];
    if (found) return found;
  }
  return null;
}

function cleanAuthor(raw: string): string | null {
  const text = raw.replace(/\s+/g, " ").replace(/^(?:by|written by|words by|reporting by)\s*[:\-–—]?\s*/i, "").trim();
  if (!text || isDateline(raw) || /^https?:\/\//i.test(text) || text.length > 200) return null;
  return text;
}

/** Authors in page order: every `<meta name="author">` (or article:author, parsely-author, dc.creator), else the page's first byline element. */
function findAuthors(document: Document): string[] {
  const out: string[] = [];
  const add = (list: string[]) => {
    for (const raw of list) {
      for (const part of raw.split(/\s*;\s*/)) {
        const name = cleanAuthor(part);
        if (name && !out.some((x) => x.toLowerCase() === name.toLowerCase())) out.push(name);
      }
    }
  };
  add(metas(document, "author", "article:author", "parsely-author", "dc.creator"));
  if (out.length === 0) {
    const byline = Array.from(document.querySelectorAll("[rel=author], [itemprop=author], .byline, .author, .byline-name"))
      .filter((el) => !/dateline/i.test(`${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`))
      .map((el) => (el.textContent ?? "").trim())
      .find(Boolean);
    if (byline) add([byline]);
  }
  return out;
}

function isFurniture(el: Element): boolean {
  if (el.matches(FURNITURE_SELECTOR)) return true;
  const words = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
  return FURNITURE_WORD.test(words);
}

/** Removes captions, datelines, bylines and related boxes (never `<html>`, `<body>` or the article root). */
function removeFurniture(root: Element): void {
  for (const el of Array.from(root.querySelectorAll("*"))) {
    if (el.tagName === "HTML" || el.tagName === "BODY" || el.tagName === "MAIN" || el.tagName === "ARTICLE") continue;
    if (el.isConnected !== false && isFurniture(el)) el.remove();
  }
}

/**
 * The text of `root` as a browser lays it out: blocks as blank-line-separated paragraphs, table cells
 * separated by a tab, one `<br>` as a space and two or more in a row as a paragraph break; runs of
 * white space inside a paragraph collapse to one space (`<pre>` keeps its lines).
 */
export function layoutText(root: Element): string {
  const paragraphs: string[] = [];
  let current = "";
  let brRun = 0;
  const flush = () => {
    const text = current.replace(/[ \n\r\f\v\u00a0]*\t[ \n\r\f\v\u00a0]*/g, "\t").replace(/[ \n\r\f\v]+/g, " ").replace(/^[\s]+|[\s]+$/g, "");
    if (text) paragraphs.push(text);
    current = "";
    brRun = 0;
  };
  const walk = (node: Node, pre: boolean) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) {
        const value = child.nodeValue ?? "";
        if (pre) {
          for (const [i, line] of value.split("\n").entries()) {
            if (i > 0) flush();
            current += line;
          }
        } else current += value;
        if (/\S/.test(value)) brRun = 0;
        continue;
      }
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      const tag = el.tagName.toUpperCase();
      if (SKIPPED.has(tag)) continue;
      if (tag === "BR") {
        brRun++;
        if (brRun >= 2) flush();
        else current += " ";
        continue;
      }
      if (tag === "IMG" || tag === "INPUT" || tag === "WBR") continue;
      if (CELLS.has(tag)) {
        if (current.trim()) current += "\t";
        walk(el, pre);
        current += " ";
        continue;
      }
      if (BLOCKS.has(tag)) {
        flush();
        walk(el, pre || tag === "PRE" || tag === "LISTING" || tag === "XMP" || tag === "PLAINTEXT");
        flush();
        continue;
      }
      walk(el, pre);
    }
  };
  walk(root, false);
  flush();
  return paragraphs.join("\n\n");
}

/** Re-exported from its own module (lib/domain/html-sniff.ts), which loads no HTML parser. */
export { looksLikeHtml } from "./html-sniff";

/**
 * Reads an HTML page or fragment into its readable article text and metadata.
 * `html`: the decoded page (any size the caller accepts; parsing is linear). A bare fragment without
 * `<html>`/`<body>` is read as the body of a page. Never throws on odd input: a page without readable
 * text gives `text: ""`, for the caller to refuse with a clear message.
 */
export function extractReadableArticle(html: string): ReadableArticle {
  const wrapped = /<body[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html.replace(/<\/?(?:html|head)(?:\s[^>]*)?>/gi, "")}</body></html>`;
  const { document: parsedDoc } = parseHTML(/<html[\s>]/i.test(wrapped) ? wrapped : `<!doctype html><html>${wrapped}</html>`);
  const document = parsedDoc as unknown as Document;
  const title = meta(document, "og:title", "twitter:title") ?? document.querySelector("title")?.textContent?.trim() ?? null;
  const authors = findAuthors(document);
  const outlet = meta(document, "og:site_name", "application-name", "publisher");
  const publishedAt = meta(document, "article:published_time", "datePublished", "pubdate", "date", "dc.date");
  if (document.body) removeFurniture(document.body as unknown as Element);
  let parsed: ReturnType<Readability<string>["parse"]> = null;
  try {
    parsed = new Readability(document.cloneNode(true) as Document, { charThreshold: 200 }).parse();
  } catch {
    parsed = null;
  }
  let text = "";
  if (parsed?.content) {
    const { document: contentDoc } = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`);
    text = layoutText(contentDoc.body as unknown as Element);
  }
  if (text.length < 40 && document.body) {
    // Readability gives up on short pages and bare fragments: fall back to the body's own layout.
    const body = document.body.cloneNode(true) as HTMLElement;
    for (const el of Array.from(body.querySelectorAll("nav, header, footer, form, menu"))) el.remove();
    const fallback = layoutText(body as unknown as Element);
    if (fallback.length > text.length) text = fallback;
  }
  const byline = parsed?.byline ? cleanAuthor(parsed.byline) : null;
  const allAuthors = authors.length > 0 ? authors : byline ? [byline] : [];
  return {
    title: parsed?.title?.trim() || title,
    author: allAuthors.length > 0 ? allAuthors.join(", ") : null,
    authors: allAuthors,
    outlet: parsed?.siteName?.trim() || outlet,
    publishedAt: parsed?.publishedTime?.trim() || publishedAt,
    text,
  };
}
