import type { ReactElement } from "react";
import { LRUCache } from "lru-cache";
import ReactMarkdown, { type Options } from "react-markdown";
import { markdownTooComplex } from "@/lib/domain/markdown-limits";

const OPTIONS: Omit<Options, "children"> = {
  skipHtml: true,
  components: {
    a: ({ href, children }) => (
      <a href={href} rel="noopener noreferrer nofollow" target="_blank">
        {children}
      </a>
    ),
    img: ({ alt }) => <span>[image: {alt}]</span>,
  },
};

/** Bytes an element of a parsed tree is counted as: measured 243 a node on Node 20 in a development build (5,001-node tree, heap difference), fewer in production. */
const BYTES_PER_ELEMENT = 256;

/** Elements and strings in a React element tree (through props.children), for the cache's size. */
function treeNodes(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((sum: number, child: unknown) => sum + treeNodes(child), 0);
  if (node && typeof node === "object" && "props" in node) return 1 + treeNodes((node.props as { children?: unknown }).children);
  return 1;
}

/**
 * Parsed texts kept by their source, at most 32 MB in all counted as the source (UTF-16 units × 2)
 * plus BYTES_PER_ELEMENT per element of its tree (a 5,000-character comment of short paragraphs is
 * 10 KB of source but ~280 KB of tree): a claim page of many long comments or a report of many
 * rationales is parsed once, not on every view (each text within the limits costs up to ~50–120 ms
 * to parse on this machine). react-markdown's synchronous component has no hooks, so its element
 * tree is a plain value any render may reuse. Per process and only a speed-up: a miss parses again.
 */
const parsed = new LRUCache<string, ReactElement>({
  maxSize: 32 * 1024 * 1024,
  sizeCalculation: (tree, source) => source.length * 2 + treeNodes(tree) * BYTES_PER_ELEMENT,
});

/** The React element tree of `source` rendered as Markdown with OPTIONS, from the cache when there. */
function parse(source: string): ReactElement {
  let tree = parsed.get(source);
  if (!tree) {
    tree = ReactMarkdown({ ...OPTIONS, children: source }) as ReactElement;
    parsed.set(source, tree);
  }
  return tree;
}

/**
 * User Markdown (rationales, comments, the corrections policy). react-markdown builds React elements
 * and never injects raw HTML; link and image URLs go through its URL filter, which drops javascript:,
 * data: and similar schemes. Text beyond the Markdown limits (lib/domain/markdown-limits.ts: deep
 * nesting or a great many emphasis marks, which cost seconds to render or overflow the stack) is shown
 * as plain text instead, so no saved text can slow or break the page it is on. A text's parse is
 * kept (`parse`), so showing it again costs next to nothing.
 */
export function Markdown({ source }: { source: string }) {
  if (markdownTooComplex(source, "This text")) {
    return (
      <div className="rationale" data-testid="markdown-as-text">
        <p style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{source}</p>
      </div>
    );
  }
  return <div className="rationale">{parse(source)}</div>;
}
