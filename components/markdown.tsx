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

/**
 * Parsed texts kept by their source, at most 8 MB of source in all (UTF-16 units × 2): a claim
 * page of many long comments or a report of many rationales is parsed once, not on every view (each
 * text within the limits costs up to ~50–120 ms to parse on this machine). react-markdown's
 * synchronous component has no hooks, so its element tree is a plain value any render may reuse.
 * Per process and only a speed-up: a miss parses again.
 */
const parsed = new LRUCache<string, ReactElement>({ maxSize: 8 * 1024 * 1024, sizeCalculation: (_, source) => Math.max(1, source.length * 2) });

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
