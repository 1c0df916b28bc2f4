import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { formatDate } from "@/components/status-badge";
import { UserText } from "@/components/user-text";
import type { StoryDetail } from "@/lib/server/story/get-story";
import type { FormAction } from "@/lib/validation/action-state";
import { AddStoryArticleForm, RenameStoryForm, SplitStoryForm } from "./story-forms";

/** The editor's story steps, bound to their server actions (app/stories/[storyId]/manage-actions.ts). */
export interface StoryManageActions {
  confirm: FormAction;
  rename: FormAction;
  split: FormAction;
  add: FormAction;
  remove: FormAction;
  accept: FormAction;
  /** Articles in no story yet, offered to add. */
  storyless: { id: string; title: string; outlet: string }[];
}

/**
 * The story page's articles: outlet, publication date and claim count of each (a suggested one marked),
 * and for editors the steps on the story — confirm a suggestion, rename, remove an article, split,
 * add an article. Every form carries the story's version: a change made meanwhile is a visible conflict.
 */
export function StoryArticles({ story, manage }: { story: StoryDetail; manage?: StoryManageActions }) {
  const hidden = { storyId: story.id, expectedVersion: story.version };
  const pending = story.status === "SUGGESTED";
  return (
    <>
      {manage && pending && (
        <div className="row" data-testid="story-suggestion">
          <span className="muted">Suggested on import from shared matched claims and named entities. Confirm it, or split out what does not belong.</span>
          <ActionForm action={manage.confirm} hidden={hidden} submitLabel="Confirm story" testId="confirm-story-form" inline />
        </div>
      )}
      <table className="data" data-testid="story-articles">
        <thead>
          <tr>
            <th scope="col">Article</th>
            <th scope="col">Outlet</th>
            <th scope="col">Published</th>
            <th scope="col" className="num">
              Claims
            </th>
            {manage && <th scope="col">Change</th>}
          </tr>
        </thead>
        <tbody>
          {story.articles.map((a) => (
            <tr key={a.id} data-testid="story-article">
              <th scope="row">
                <Link href={`/articles/${a.id}`}>
                  <UserText>{a.title}</UserText>
                </Link>
                {a.suggested && (
                  <span className="badge" title={a.score === null ? undefined : `similarity ${a.score.toFixed(2)}`}>
                    suggested
                  </span>
                )}
              </th>
              <td>
                <UserText>{a.outlet}</UserText>
              </td>
              <td>{formatDate(a.publishedAt)}</td>
              <td className="num">{a.claimCount}</td>
              {manage && (
                <td>
                  <ActionForm action={manage.remove} hidden={{ ...hidden, articleId: a.id }} submitLabel="Remove" submitClass="secondary" testId="remove-story-article-form" inline />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {story.pendingArticles.length > 0 && (
        <div data-testid="story-pending">
          <h3>Suggested for this story</h3>
          <p className="muted">Imported since the story was confirmed and found to tell the same event; not compared until an editor accepts it.</p>
          <ul>
            {story.pendingArticles.map((a) => (
              <li key={a.id} data-testid="story-pending-article" className="row">
                <Link href={`/articles/${a.id}`}>
                  <UserText>{a.title}</UserText>
                </Link>
                <span className="muted">
                  — <UserText>{a.outlet}</UserText>, {formatDate(a.publishedAt)}, {a.claimCount} claims
                  {a.score !== null && `, similarity ${a.score.toFixed(2)}`}
                </span>
                {manage && (
                  <>
                    <ActionForm action={manage.accept} hidden={{ ...hidden, articleId: a.id }} submitLabel="Accept" testId="accept-story-article-form" inline />
                    <ActionForm action={manage.remove} hidden={{ ...hidden, articleId: a.id }} submitLabel="Not this story" submitClass="secondary" testId="reject-story-article-form" inline />
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {manage && (
        <details data-testid="story-manage">
          <summary>Rename, split or add articles</summary>
          <RenameStoryForm action={manage.rename} storyId={story.id} version={story.version} title={story.title} />
          {story.articles.length > 1 && <SplitStoryForm action={manage.split} storyId={story.id} version={story.version} articles={story.articles} />}
          <AddStoryArticleForm action={manage.add} storyId={story.id} version={story.version} articles={manage.storyless} />
        </details>
      )}
    </>
  );
}
