import { Markdown } from "../markdown";
import { formatDateTime } from "../status-badge";

export interface CommentView {
  id: string;
  body: string;
  createdAt: Date;
  author: { name: string };
}

/** Comments as Markdown, rendered without raw HTML (components/markdown.tsx). */
export function CommentList({ comments }: { comments: CommentView[] }) {
  if (comments.length === 0) return <p className="muted">No comments yet.</p>;
  return (
    <ol className="comments" data-testid="comments">
      {comments.map((c) => (
        <li key={c.id} data-testid="comment">
          <div className="muted">
            <strong>{c.author.name}</strong> · {formatDateTime(c.createdAt)}
          </div>
          <Markdown source={c.body} />
        </li>
      ))}
    </ol>
  );
}
