import Link from "next/link";
import type { AlignedRow, StoryCell, StoryComparison } from "@/lib/domain/story/types";
import { StatusBadge } from "../status-badge";
import { UserText } from "../user-text";

type StoryArticle = StoryComparison["articles"][number];

/** A claim's verdict as the comparison carries it: its scale label and its state, or a dash. */
function VerdictCell({ verdict }: { verdict: StoryCell["claims"][number]["verdict"] }) {
  if (!verdict) return <span className="muted">no verdict</span>;
  return (
    <span className="badge" data-testid="story-verdict" data-rating={verdict.rating}>
      {verdict.label} · {verdict.state.toLowerCase()}
    </span>
  );
}

/**
 * The claims of one cell (one article's wording of one cluster, or its outlet-only claims): each
 * links to its claim page with claimant, status and verdict. An empty cell says the outlet does not
 * assert it.
 */
export function StoryClaimList({ cell, testId }: { cell: StoryCell; testId: string }) {
  if (cell.claims.length === 0) return <p className="muted">Not asserted.</p>;
  return (
    <ul className="story-claims">
      {cell.claims.map((c) => (
        <li key={c.id} data-testid={testId} data-claim-id={c.id}>
          <Link href={`/claims/${c.id}`}>
            <UserText>{c.text}</UserText>
          </Link>
          <div className="row">
            <span className="muted">
              Claimed by: <UserText>{c.claimant ?? "not recorded"}</UserText>
            </span>
            <StatusBadge status={c.status} />
            <VerdictCell verdict={c.verdict} />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** The column heading of one article: its outlet, then its title. */
function ArticleHeading({ article }: { article: StoryArticle }) {
  return (
    <>
      <UserText>{article.outlet}</UserText>
      <span className="story-article-title">
        <UserText>{article.title}</UserText>
      </span>
    </>
  );
}

/**
 * Side by side: one row per claim cluster asserted by at least two articles of the story, one
 * column per article (in story order) with that outlet's wording, claimant, status and verdict.
 */
export function SideBySideTable({ articles, rows }: { articles: StoryArticle[]; rows: AlignedRow[] }) {
  if (rows.length === 0) {
    return <p className="muted" data-testid="aligned-empty">No claim is made by more than one article of this story yet (matched claims are aligned here).</p>;
  }
  return (
    <div className="table-scroll">
      <table className="data story-table" data-testid="aligned-table">
        <caption className="visually-hidden">Claims made by several articles of the story, one column per article</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            {articles.map((a) => (
              <th key={a.id} scope="col">
                <ArticleHeading article={a} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.clusterId} data-testid="aligned-row" data-cluster-id={row.clusterId}>
              <th scope="row">{i + 1}</th>
              {articles.map((a) => {
                const cell = row.cells.find((c) => c.articleId === a.id) ?? { articleId: a.id, claims: [] };
                return (
                  <td key={a.id} data-article-id={a.id}>
                    <StoryClaimList cell={cell} testId="aligned-claim" />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What each outlet alone asserts: one list per article, in story order. */
export function OutletOnlyLists({ articles, cells }: { articles: StoryArticle[]; cells: StoryCell[] }) {
  return (
    <div className="grid-2 story-columns">
      {articles.map((a) => {
        const cell = cells.find((c) => c.articleId === a.id) ?? { articleId: a.id, claims: [] };
        return (
          <section key={a.id} className="panel" data-testid="outlet-only" data-article-id={a.id} aria-label={`Only in ${a.outlet}: ${a.title}`}>
            <h3>
              Only in <UserText>{a.outlet}</UserText> ({cell.claims.length})
            </h3>
            <p className="muted">
              <UserText>{a.title}</UserText>
            </p>
            <StoryClaimList cell={cell} testId="outlet-only-claim" />
          </section>
        );
      })}
    </div>
  );
}
