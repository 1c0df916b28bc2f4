import Link from "next/link";
import type { Contradiction, StoryComparison } from "@/lib/domain/story/types";
import { UserText } from "../user-text";

/** How each kind of contradiction is named in the list. */
export const CONTRADICTION_KIND_LABELS: Record<Contradiction["kind"], string> = {
  QUANTITY: "Quantities differ",
  DATE: "Dates differ",
  ATTRIBUTION: "Attributions differ",
  FIRST_REPORT: "Who reported first",
};

type Side = Contradiction["a"];

function SideValue({ side, outlet }: { side: Side; outlet: string }) {
  return (
    <div className="contradiction-side">
      <strong>
        <UserText>{outlet}</UserText>: <UserText>{side.value}</UserText>
      </strong>
      <blockquote>
        <UserText>{side.quote}</UserText>
      </blockquote>
      {side.claimId && <Link href={`/claims/${side.claimId}`}>Open the claim</Link>}
    </div>
  );
}

/**
 * Contradictions between the story's articles: quantities, dates or attributions of matched claims
 * that disagree, and story-level source conflicts (who reported first), each with both values and
 * the passages they were read from.
 */
export function ContradictionList({ articles, contradictions }: { articles: StoryComparison["articles"]; contradictions: Contradiction[] }) {
  if (contradictions.length === 0) return <p className="muted" data-testid="contradictions-empty">No contradiction found between these articles.</p>;
  const outlet = (articleId: string) => articles.find((a) => a.id === articleId)?.outlet ?? "another article";
  return (
    <ul className="contradictions">
      {contradictions.map((c, i) => (
        <li key={`${c.kind}-${c.clusterId ?? "story"}-${i}`} data-testid="contradiction" data-kind={c.kind}>
          <p>
            <span className="badge">{CONTRADICTION_KIND_LABELS[c.kind]}</span> <UserText>{c.message}</UserText>
          </p>
          <div className="grid-2">
            <SideValue side={c.a} outlet={outlet(c.a.articleId)} />
            <SideValue side={c.b} outlet={outlet(c.b.articleId)} />
          </div>
        </li>
      ))}
    </ul>
  );
}
