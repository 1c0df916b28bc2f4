import Link from "next/link";
import { segmentText } from "@/lib/domain/text-span";

export interface HighlightSpan {
  id: string;
  start: number;
  end: number;
  title?: string;
  /** Check-worthiness 0..1: the highlight is shaded by it. */
  score?: number;
}

function shade(score: number | undefined): { backgroundColor: string } | undefined {
  if (score === undefined) return undefined;
  const alpha = 0.12 + 0.6 * Math.max(0, Math.min(1, score));
  return { backgroundColor: `rgba(255, 196, 0, ${alpha.toFixed(2)})` };
}

/**
 * The article snapshot with claim spans highlighted (code-point offsets). The focused claim gets its
 * own colour and an anchor the page scrolls to; every other highlighted claim the anchor
 * `claim-<id>`.
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
            // The claim page's "Read the whole article" link lands on #claim-<id>.
            id={focus ? "focused-claim" : `claim-${span.id}`}
            className={focus ? "focus" : undefined}
            data-claim-id={span.id}
            data-score={span.score?.toFixed(2)}
            title={span.title}
            style={focus ? undefined : shade(span.score)}
          >
            {focus ? segment.text : <Link href={`/claims/${span.id}`}>{segment.text}</Link>}
          </mark>
        );
      })}
    </div>
  );
}
