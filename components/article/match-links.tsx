import Link from "next/link";

/** "Also claimed in …": links to the same claim in other articles. */
export function MatchLinks({ matches }: { matches: { id: string; articleTitle: string }[] }) {
  if (matches.length === 0) return null;
  return (
    <span className="match-links" data-testid="match-links">
      Also claimed in:{" "}
      {matches.map((m, i) => (
        <span key={m.id}>
          {i > 0 && ", "}
          <Link href={`/claims/${m.id}`}>{m.articleTitle}</Link>
        </span>
      ))}
    </span>
  );
}
