import type { ReactNode } from "react";
import type { StoryComparisonView } from "@/lib/server/story/story-comparison";
import type { FormAction } from "@/lib/validation/action-state";
import { formatDateTime } from "../status-badge";
import { UserText } from "../user-text";
import { ContradictionList } from "./contradictions";
import { OutletOnlyLists, SideBySideTable } from "./side-by-side";
import { StoryArticles } from "./story-articles";
import { TonePanel } from "./tone-panel";
import { VerdictConflictPanel } from "./verdict-conflicts";

/**
 * The body of a story's comparison, shared by the story page and its printable page: the articles
 * (outlet, date, claim count: components/story/story-articles.tsx), the claims side by side, what each outlet alone asserts,
 * contradictions, verdict conflicts (with the editor's resolution form when `resolve` is given, and
 * the resolved ones) and tone.
 */
export function StoryComparisonSections({
  view,
  resolve,
  articles,
}: {
  view: StoryComparisonView;
  resolve?: FormAction;
  /** The articles section's body when it differs from the read-only list (the story page's editor forms). */
  articles?: ReactNode;
}) {
  const { story, comparison, resolvedConflicts } = view;
  const outlet = (articleId: string) => comparison.articles.find((a) => a.id === articleId)?.outlet ?? "another article";
  return (
    <>
      <section className="panel" aria-labelledby="story-articles">
        <h2 id="story-articles">Articles</h2>
        {articles ?? <StoryArticles story={story} />}
      </section>

      <section className="panel" aria-labelledby="side-by-side">
        <h2 id="side-by-side">Side by side</h2>
        <p className="muted">Claims matched across outlets, one row per matched claim, each outlet&apos;s wording with its claimant, status and verdict.</p>
        <SideBySideTable articles={comparison.articles} rows={comparison.aligned} />
      </section>

      <section aria-labelledby="outlet-only">
        <h2 id="outlet-only">Only in one outlet</h2>
        <OutletOnlyLists articles={comparison.articles} cells={comparison.outletOnly} />
      </section>

      <section className="panel" aria-labelledby="contradictions" data-testid="contradictions">
        <h2 id="contradictions">Contradictions</h2>
        <ContradictionList articles={comparison.articles} contradictions={comparison.contradictions} />
      </section>

      <section className="panel" aria-labelledby="verdict-conflicts" data-testid="verdict-conflicts">
        <h2 id="verdict-conflicts">Verdict conflicts</h2>
        <VerdictConflictPanel
          articles={comparison.articles}
          conflicts={comparison.verdictConflicts}
          resolve={resolve ? { action: resolve, storyId: story.id, version: story.version } : undefined}
        />
        {resolvedConflicts.length > 0 && (
          <details data-testid="resolved-conflicts">
            <summary>Resolved ({resolvedConflicts.length})</summary>
            <ul>
              {resolvedConflicts.map(({ conflict, resolution }) => (
                <li key={resolution.id} data-testid="resolved-conflict">
                  {conflict.verdicts.map((v) => `${outlet(v.articleId)}: ${v.label}`).join(" vs ")} —{" "}
                  {resolution.resolution === "ALIGNED" ? "aligned" : "explained"}, {formatDateTime(resolution.createdAt)}
                  {resolution.note && (
                    <>
                      : <UserText>{resolution.note}</UserText>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>

      <section aria-labelledby="tone">
        <h2 id="tone">Tone</h2>
        <TonePanel comparison={comparison} />
      </section>
    </>
  );
}
