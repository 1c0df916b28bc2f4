import Link from "next/link";
import type { StoryComparison, VerdictConflict } from "@/lib/domain/story/types";
import type { FormAction } from "@/lib/validation/action-state";
import { UserText } from "../user-text";
import { ExplainConflictForm } from "./explain-conflict-form";

/**
 * Matched claims of the story whose approved or published verdicts differ. Shown to everyone who
 * may read the story; an editor (when `resolve` is given) aligns them on each claim's page (reopen
 * one, approve another verdict) or records why they differ.
 */
export function VerdictConflictPanel({
  articles,
  conflicts,
  resolve,
}: {
  articles: StoryComparison["articles"];
  conflicts: VerdictConflict[];
  resolve?: { action: FormAction; storyId: string; version: number };
}) {
  if (conflicts.length === 0) return <p className="muted" data-testid="verdict-conflicts-empty">No matched claims of this story carry different verdicts.</p>;
  const outlet = (articleId: string) => articles.find((a) => a.id === articleId)?.outlet ?? "another article";
  return (
    <ul className="contradictions">
      {conflicts.map((conflict) => (
        <li key={conflict.clusterId} data-testid="verdict-conflict" data-cluster-id={conflict.clusterId}>
          <p className="notice" role="status">
            Verdict conflict: the same claim carries {new Set(conflict.verdicts.map((v) => v.rating)).size} different verdicts across outlets.
          </p>
          <ul>
            {conflict.verdicts.map((v) => (
              <li key={v.verdictId} data-testid="conflict-verdict">
                <UserText>{outlet(v.articleId)}</UserText>: <strong>{v.label}</strong> — <Link href={`/claims/${v.claimId}`}>open the claim</Link>
              </li>
            ))}
          </ul>
          {resolve && (
            <>
              <p className="muted">
                To align them, open each claim: reopen the verdict that should change, then approve the new one. Or, if both verdicts stand, record why.
              </p>
              <ExplainConflictForm
                action={resolve.action}
                storyId={resolve.storyId}
                clusterId={conflict.clusterId}
                verdictIds={conflict.verdicts.map((v) => v.verdictId)}
                version={resolve.version}
              />
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
