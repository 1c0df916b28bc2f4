import ReactMarkdown from "react-markdown";

/**
 * User Markdown (rationales). react-markdown builds React elements and never injects raw HTML;
 * link and image URLs go through its URL filter, which drops javascript:, data: and similar schemes.
 */
export function Markdown({ source }: { source: string }) {
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
