import ReactMarkdown from "react-markdown";
import { markdownTooComplex } from "@/lib/domain/markdown-limits";

/**
 * User Markdown (rationales, comments, the corrections policy). react-markdown builds React elements
 * and never injects raw HTML; link and image URLs go through its URL filter, which drops javascript:,
 * data: and similar schemes. Text beyond the Markdown limits (lib/domain/markdown-limits.ts: deep
 * nesting or a great many emphasis marks, which cost seconds to render or overflow the stack) is shown
 * as plain text instead, so no saved text can slow or break the page it is on.
 */
export function Markdown({ source }: { source: string }) {
  if (markdownTooComplex(source, "This text")) {
    return (
      <div className="rationale" data-testid="markdown-as-text">
        <p style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{source}</p>
      </div>
    );
  }
  return (
    <div className="rationale">
      <ReactMarkdown
        skipHtml
        components={{
          a: ({ href, children }) => (
            <a href={href} rel="noopener noreferrer nofollow" target="_blank">
              {children}
            </a>
          ),
          img: ({ alt }) => <span>[image: {alt}]</span>,
        }}
      >
        {source}
      </ReactMarkdown>
    </div>
  );
}
