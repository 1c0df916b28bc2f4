import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { StoryComparisonSections } from "@/components/story/story-comparison-view";
import { ANY_SCRIPT_CLASS, UserText } from "@/components/user-text";
import { AppError } from "@/lib/domain/errors";
import { getCurrentUser } from "@/lib/server/auth";
import { isEditor } from "@/lib/server/permissions";
import { getStoryComparison } from "@/lib/server/story/story-comparison";
import { RefusedSubmission } from "@/components/refused-submission";
import { StoryArticles } from "@/components/story/story-articles";
import { listStorylessArticles } from "@/lib/server/story/list-stories";
import { resolveVerdictConflictAction } from "./actions";
import { acceptStoryArticleAction, addStoryArticleAction, confirmStoryAction, removeStoryArticleAction, renameStoryAction, splitStoryAction } from "./manage-actions";

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
  const { story } = view;
  const editor = isEditor(actor);
  const base = `/stories/${story.id}`;

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
      {/* A story step refused because the story changed meanwhile: its form may be gone from the refreshed page. */}
      <RefusedSubmission />
      <nav className="row" aria-label="Export the comparison" data-testid="story-exports">
        <a href={`${base}/comparison.csv`}>CSV</a>
        <a href={`${base}/comparison.json`}>JSON</a>
        <Link href={`${base}/print`}>Printable page</Link>
        <a href={`${base}/comparison.pdf`}>PDF</a>
      </nav>

      <StoryComparisonSections
        view={view}
        resolve={editor ? resolveVerdictConflictAction : undefined}
        articles={
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
                    accept: acceptStoryArticleAction,
                    storyless: await listStorylessArticles(actor),
                  }
                : undefined
            }
          />
        }
      />
    </div>
  );
}
