import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { formatDate } from "@/components/status-badge";
import { listArticles } from "@/lib/server/articles";
import { getCurrentUser } from "@/lib/server/auth";

export const metadata: Metadata = { title: "Articles" };

export default async function ArticlesPage() {
  const actor = await getCurrentUser();
  if (!actor) redirect("/login?callbackUrl=/articles");
  const articles = await listArticles(actor);
  return (
    <>
      <h1>Articles</h1>
      {articles.length === 0 ? (
        <p className="panel muted">No articles yet.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>Title</th>
              <th>Outlet</th>
              <th>Published</th>
              <th>Claims</th>
            </tr>
          </thead>
          <tbody>
            {articles.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link href={`/articles/${a.id}`}>{a.title}</Link>
                </td>
                <td>{a.outlet}</td>
                <td>{formatDate(a.publishedAt)}</td>
                <td>{a._count.claims}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
