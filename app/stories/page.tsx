import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { formatDate } from "@/components/status-badge";
import { CreateStoryForm } from "@/components/story/story-forms";
import { ANY_SCRIPT_CLASS, UserText } from "@/components/user-text";
import { getCurrentUser } from "@/lib/server/auth";
import { isEditor } from "@/lib/server/permissions";
import { listStories, listStorylessArticles } from "@/lib/server/story/list-stories";
import { createStoryAction } from "./actions";

export const metadata: Metadata = { title: "Stories" };

/**
 * Stories: articles of several outlets about one event, suggested on import or made by hand. Each row
 * names its outlets; suggested stories wait for an editor to confirm or split them.
 */
export default async function StoriesPage({ searchParams }: { searchParams: Promise<{ dissolved?: string }> }) {
  const actor = await getCurrentUser();
  if (!actor) redirect("/login?callbackUrl=/stories");
  const { dissolved } = await searchParams;
  const editor = isEditor(actor);
  const [stories, storyless] = await Promise.all([listStories(actor), editor ? listStorylessArticles(actor) : Promise.resolve([])]);
  return (
    <div className={ANY_SCRIPT_CLASS}>
      <h1>Stories</h1>
      <p className="muted">
        A story groups the articles of several outlets about the same event. Stories are suggested on import from shared matched claims and named
        entities; an editor confirms or splits them, or makes one by hand.
      </p>
      {dissolved === "1" && (
        <p className="panel" role="status" data-testid="story-dissolved">
          The story&apos;s last article was removed, so the story was dissolved (its steps stay in the audit log).
        </p>
      )}
      {stories.length === 0 ? (
        <p className="panel muted" data-testid="no-stories">
          No stories yet.
        </p>
      ) : (
        <table className="data" data-testid="stories">
          <thead>
            <tr>
              <th scope="col">Story</th>
              <th scope="col">State</th>
              <th scope="col">Outlets</th>
              <th scope="col">Last change</th>
            </tr>
          </thead>
          <tbody>
            {stories.map((s) => (
              <tr key={s.id} data-testid="story-row">
                <th scope="row">
                  <Link href={`/stories/${s.id}`}>
                    <UserText>{s.title}</UserText>
                  </Link>
                </th>
                <td>
                  <span className="badge">{s.status === "CONFIRMED" ? "Confirmed" : "Suggested"}</span>
                </td>
                <td>
                  {s.articles.map((a, i) => (
                    <span key={a.id}>
                      {i > 0 && ", "}
                      <UserText>{a.outlet}</UserText>
                      {a.publishedAt && <span className="muted"> ({formatDate(a.publishedAt)})</span>}
                      {a.suggested && s.status === "CONFIRMED" && <span className="badge">suggested, waiting</span>}
                    </span>
                  ))}
                </td>
                <td>{formatDate(s.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editor && (
        <section className="panel" aria-labelledby="make-story">
          <h2 id="make-story">Make a story</h2>
          <CreateStoryForm action={createStoryAction} articles={storyless} />
        </section>
      )}
    </div>
  );
}
