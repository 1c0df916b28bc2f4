import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ArticleText } from "@/components/article-text";
import { formatDate, StatusBadge } from "@/components/status-badge";
import { AppError } from "@/lib/domain/errors";
import { getArticle } from "@/lib/server/articles";
import { getCurrentUser } from "@/lib/server/auth";

export const metadata: Metadata = { title: "Article" };

export default async function ArticlePage({ params }: { params: Promise<{ articleId: string }> }) {
  const actor = await getCurrentUser();
  const { articleId } = await params;
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(`/articles/${articleId}`)}`);
  const article = await getArticle(actor, articleId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <>
      <h1>{article.title}</h1>
      <p className="muted">
        {article.outlet}
        {article.author && ` · ${article.author}`} · published {formatDate(article.publishedAt)} · imported {formatDate(article.importedAt)}
        {article.url && (
          <>
            {" · "}
            <a href={article.url} rel="noopener noreferrer nofollow" target="_blank">
              original
            </a>
          </>
        )}
      </p>
      <p>
        <a className="button secondary" href={`/articles/${article.id}/report.csv`} download data-testid="download-csv">
          Download CSV report
        </a>
      </p>
      <div className="grid-2">
        <section className="panel" aria-label="Article text">
          <ArticleText text={article.text} spans={article.claims.map((c) => ({ id: c.id, start: c.start, end: c.end, title: c.text }))} />
        </section>
        <section className="panel" aria-label="Claims">
          <h2>Claims ({article.claims.length})</h2>
          <ol>
            {article.claims.map((c) => (
              <li key={c.id} style={{ marginBottom: "0.5rem" }}>
                <Link href={`/claims/${c.id}`}>{c.text}</Link>
                <div className="row">
                  <StatusBadge status={c.status} />
                  <span className="muted">score {c.checkworthiness.toFixed(2)}</span>
                  <span className="muted">{c.assignee?.name ?? "unassigned"}</span>
                </div>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </>
  );
}
