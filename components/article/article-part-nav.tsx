import Link from "next/link";

/** Parts named around the current one before the list is shortened with "…". */
const AROUND = 3;

/**
 * Links between the parts of a long article (lib/domain/article-parts.ts): "Part 2 of 35", the
 * previous and next part, and the part numbers (the first, the last and those near the current
 * one). Nothing for an article of one part. `current` is 1-based; `range` is the part's code points.
 */
export function ArticlePartNav({
  articleId,
  current,
  count,
  range,
  testId,
}: {
  articleId: string;
  current: number;
  count: number;
  range: { start: number; end: number };
  testId: string;
}) {
  if (count <= 1) return null;
  const href = (n: number) => `/articles/${articleId}?part=${n}`;
  const shown = Array.from({ length: count }, (_, i) => i + 1).filter((n) => n === 1 || n === count || Math.abs(n - current) <= AROUND);
  return (
    <nav className="row part-nav" aria-label="Parts of the article" data-testid={testId}>
      <strong data-testid="part-position">
        Part {current} of {count}
      </strong>
      <span className="muted">
        (characters {(range.start + 1).toLocaleString("en-US")}–{range.end.toLocaleString("en-US")})
      </span>
      {current > 1 && (
        <Link href={href(current - 1)} rel="prev" data-testid="previous-part">
          ← Previous part
        </Link>
      )}
      {shown.map((n, i) => (
        <span key={n}>
          {i > 0 && n - shown[i - 1]! > 1 && "… "}
          {n === current ? <span aria-current="page">{n}</span> : <Link href={href(n)}>{n}</Link>}
        </span>
      ))}
      {current < count && (
        <Link href={href(current + 1)} rel="next" data-testid="next-part">
          Next part →
        </Link>
      )}
    </nav>
  );
}
