import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { formatDateTime } from "@/components/status-badge";
import { ContradictionList } from "@/components/story/contradictions";
import { OutletOnlyLists, SideBySideTable } from "@/components/story/side-by-side";
import { TonePanel } from "@/components/story/tone-panel";
import { VerdictConflictPanel } from "@/components/story/verdict-conflicts";
import { ANY_SCRIPT_CLASS, UserText } from "@/components/user-text";
import { AppError } from "@/lib/domain/errors";
import { getCurrentUser } from "@/lib/server/auth";
import { isEditor } from "@/lib/server/permissions";
import { getStoryComparison } from "@/lib/server/story/story-comparison";
import { StoryArticles } from "@/components/story/story-articles";
import { listStorylessArticles } from "@/lib/server/story/list-stories";
import { resolveVerdictConflictAction } from "./actions";
import { addStoryArticleAction, confirmStoryAction, removeStoryArticleAction, renameStoryAction, splitStoryAction } from "./manage-actions";

export const metadata: Metadata = { title: "Story" };

/**
 * One story across outlets: its articles, the claims they share side by side, what each alone
 * asserts, contradictions, verdict conflicts (the resolution form for editors) and tone.
 */
export default async function StoryPage({ params }: { params: Promise<{ storyId: string }> }) {
  const actor = await getCurrentUser();
  const { storyId } = await params;
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(`/stories/${storyId}`)}`);
  const view = await getStoryComparison(actor, storyId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { story, comparison, resolvedConflicts } = view;
  const editor = isEditor(actor);
  const base = `/stories/${story.id}`;
  const outlet = (articleId: string) => comparison.articles.find((a) => a.id === articleId)?.outlet ?? "another article";

  return (
    <div className={ANY_SCRIPT_CLASS}>
      <p className="muted">
        <Link href="/stories">Stories</Link>
      </p>
      <h1 data-testid="story-title">
        <UserText>{story.title}</UserText>
      </h1>
      <p className="row" data-testid="story-meta">
        <span className="badge">{story.status === "CONFIRMED" ? "Confirmed" : "Suggested"}</span>
        <span className="muted">
          {story.articles.length} {story.articles.length === 1 ? "article" : "articles"} · version {story.version}
        </span>
      </p>
      <nav className="row" aria-label="Export the comparison" data-testid="story-exports">
        <a href={`${base}/comparison.csv`}>CSV</a>
        <a href={`${base}/comparison.json`}>JSON</a>
        <Link href={`${base}/print`}>Printable page</Link>
        <a href={`${base}/comparison.pdf`}>PDF</a>
      </nav>

      <section className="panel" aria-labelledby="story-articles">
        <h2 id="story-articles">Articles</h2>
        <StoryArticles
          story={story}
          manage={
            editor
              ? {
                  confirm: confirmStoryAction,
                  rename: renameStoryAction,
                  split: splitStoryAction,
                  add: addStoryArticleAction,
                  remove: removeStoryArticleAction,
                  storyless: await listStorylessArticles(actor),
                }
              : undefined
          }
        />
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
          resolve={editor ? { action: resolveVerdictConflictAction, storyId: story.id, version: story.version } : undefined}
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
    </div>
  );
}
