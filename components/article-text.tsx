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
 * The article snapshot with claim spans highlighted (code-point offsets; a claim inside a longer
 * highlight is shown within it, lib/domain/text-span.ts). Each highlighted claim's first piece has the
 * anchor `claim-<id>` (the claim page's "Read the whole article" link lands on it); the focused claim
 * (`focusId`) gets its own colour and no link. Links inside highlights cannot be dragged, so a drag
 * that starts on one selects text as anywhere else.
 */
export function ArticleText({ text, spans, focusId }: { text: string; spans: HighlightSpan[]; focusId?: string }) {
  const segments = segmentText(text, spans);
  const anchored = new Set<string>();
  return (
    <div className="article-text" data-testid="article-text">
      {segments.map((segment, i) => {
        if (segment.spanIndex === null) return <span key={i}>{segment.text}</span>;
        const span = spans[segment.spanIndex]!;
        const focus = span.id === focusId;
        const first = !anchored.has(span.id);
        anchored.add(span.id);
        return (
          <mark
            key={i}
            id={first ? `claim-${span.id}` : undefined}
            className={focus ? "focus" : undefined}
            aria-current={focus && first ? "true" : undefined}
            data-claim-id={span.id}
            data-score={span.score?.toFixed(2)}
            title={span.title}
            style={focus ? undefined : shade(span.score)}
          >
            {focus ? (
              segment.text
            ) : (
              <Link href={`/claims/${span.id}`} draggable={false}>
                {segment.text}
              </Link>
            )}
          </mark>
        );
      })}
    </div>
  );
}
