import Link from "next/link";
import { segmentText } from "@/lib/domain/text-span";

export interface HighlightSpan {
  id: string;
  start: number;
  end: number;
  title?: string;
}

/**
 * The article snapshot with claim spans highlighted (code-point offsets). The focused claim gets its
 * own colour and an anchor the page scrolls to.
 */
export function ArticleText({ text, spans, focusId }: { text: string; spans: HighlightSpan[]; focusId?: string }) {
  const segments = segmentText(text, spans);
  return (
    <div className="article-text" data-testid="article-text">
      {segments.map((segment, i) => {
        if (segment.spanIndex === null) return <span key={i}>{segment.text}</span>;
        const span = spans[segment.spanIndex]!;
        const focus = span.id === focusId;
        return (
          <mark
            key={i}
            id={focus ? "focused-claim" : undefined}
            className={focus ? "focus" : undefined}
            data-claim-id={span.id}
            title={span.title}
          >
            {focus ? segment.text : <Link href={`/claims/${span.id}`}>{segment.text}</Link>}
          </mark>
        );
      })}
    </div>
  );
}
