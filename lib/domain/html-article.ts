/**
 * HTML → readable article text and metadata, with Mozilla's Readability (the Firefox reader view)
 * over linkedom's DOM. Paragraph structure is kept as blank-line-separated text.
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

export interface ReadableArticle {
  title: string | null;
  author: string | null;
  outlet: string | null;
  publishedAt: string | null;
  text: string;
}

const BLOCKS = new Set(["P", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "BLOCKQUOTE", "PRE", "FIGCAPTION", "TR", "DT", "DD"]);

function meta(document: Document, ...names: string[]): string | null {
  for (const name of names) {
    const el = document.querySelector(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`);
    const content = el?.getAttribute("content")?.trim();
    if (content) return content;
  }
  return null;
}

function blockText(root: Element): string {
  const parts: string[] = [];
  const walk = (node: Element) => {
    for (const child of Array.from(node.children)) {
      if (BLOCKS.has(child.tagName)) {
        const text = (child.textContent ?? "").replace(/\s+/g, " ").trim();
        if (text) parts.push(text);
      } else {
        walk(child);
      }
    }
  };
  walk(root);
  if (parts.length === 0) {
    const text = (root.textContent ?? "").replace(/[ \t]+/g, " ").trim();
    if (text) parts.push(text);
  }
  return parts.join("\n\n");
}

export function extractReadableArticle(html: string): ReadableArticle {
  const { document } = parseHTML(html);
  const title = meta(document as unknown as Document, "og:title", "twitter:title") ?? document.querySelector("title")?.textContent?.trim() ?? null;
  const author = meta(document as unknown as Document, "author", "article:author", "parsely-author");
  const outlet = meta(document as unknown as Document, "og:site_name", "application-name", "publisher");
  const publishedAt = meta(document as unknown as Document, "article:published_time", "datePublished", "pubdate", "date", "dc.date");
  const parsed = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
  let text = "";
  if (parsed?.content) {
    const { document: contentDoc } = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`);
    text = blockText(contentDoc.body as unknown as Element);
  }
  return {
    title: parsed?.title?.trim() || title,
    author: parsed?.byline?.trim() || author,
    outlet: parsed?.siteName?.trim() || outlet,
    publishedAt: parsed?.publishedTime?.trim() || publishedAt,
    text,
  };
}
