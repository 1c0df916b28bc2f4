import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ArticleText } from "@/components/article-text";
import { ArticlePartNav } from "@/components/article/article-part-nav";
import { SelectableArticle } from "@/components/article/selectable-article";
import { SuggestionReview, type SuggestionView } from "@/components/article/suggestion-review";
import { kindLabel } from "@/lib/domain/claim-kind";
import { formatDate, StatusBadge } from "@/components/status-badge";
import { QuantityChips } from "@/components/quantity-chips";
import { MatchLinks } from "@/components/article/match-links";
import { articleParts, partIndexAt } from "@/lib/domain/article-parts";
import { AppError } from "@/lib/domain/errors";
import { parseQuantities } from "@/lib/domain/extraction";
import { getArticle } from "@/lib/server/articles";
import { getCurrentUser } from "@/lib/server/auth";
import { listMatches } from "@/lib/server/suggestions";
import { locateClaimSpan } from "@/lib/domain/text-span";
import { isEditor } from "@/lib/server/permissions";
import { articleViewSchema } from "@/lib/validation/articles";
import { parseSearchParams } from "@/lib/validation/common";
import { createClaimFromSelectionAction, reviewSuggestionsAction } from "./actions";

export const metadata: Metadata = { title: "Article" };

function parseReasons(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

export default async function ArticlePage({
  params,
  searchParams,
}: {
  params: Promise<{ articleId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await getCurrentUser();
  const { articleId } = await params;
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(`/articles/${articleId}`)}`);
  const notice = await searchParams;
  const article = await getArticle(actor, articleId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const editor = isEditor(actor);
  const matches = await listMatches(actor, article.claims);
  const matchViews = (id: string) => (matches.get(id) ?? []).map((m) => ({ id: m.id, articleTitle: m.articleTitle }));
  const view = (c: (typeof article.claims)[number]): SuggestionView => ({
    id: c.id,
    text: c.text,
    score: c.checkworthiness,
    kind: c.kind,
    reasons: parseReasons(c.reasons),
    quantities: parseQuantities(c.text, 0).map((q) => ({ display: q.display, kind: q.kind })),
    matches: matchViews(c.id),
    claimant: c.claimant,
  });
  const suggestions = article.claims.filter((c) => c.status === "SUGGESTED").sort((a, b) => b.checkworthiness - a.checkworthiness);
  const rejected = article.claims.filter((c) => c.status === "REJECTED");
  const claims = article.claims.filter((c) => c.status !== "SUGGESTED" && c.status !== "REJECTED");
  const spans = [...claims, ...(editor ? suggestions : [])].flatMap((c) => {
    const span = locateClaimSpan(article.text, c);
    return span ? [{ id: c.id, ...span, title: c.text, score: c.checkworthiness }] : [];
  });
  // A long article is shown one part at a time (lib/domain/article-parts.ts): the part asked for, or
  // the one holding the claim asked for, with the highlights that fall in it.
  const { filter: shown, reasons } = parseSearchParams(articleViewSchema, notice);
  const parts = articleParts(article.text);
  const claimSpan = shown.claim ? spans.find((s) => s.id === shown.claim) : undefined;
  const partIndex = claimSpan ? partIndexAt(parts, claimSpan.start) : Math.min(shown.part ?? 1, parts.length) - 1;
  const part = parts[partIndex]!;
  const partNotice = reasons.part
    ? `The part asked for was not understood (${reasons.part}); showing part 1.`
    : reasons.claim || (shown.claim && !claimSpan)
      ? "That claim is not highlighted in this article's text."
      : shown.part !== undefined && shown.part > parts.length
        ? `This article has ${parts.length} part${parts.length === 1 ? "" : "s"}; showing the last.`
        : null;
  const partSpans = spans.map((s) => ({ ...s, start: s.start - part.start, end: s.end - part.start }));
  const text = <ArticleText text={article.text.slice(part.unitStart, part.unitEnd)} spans={partSpans} focusId={claimSpan?.id} />;
  const partNav = (testId: string) => (
    <ArticlePartNav articleId={article.id} current={partIndex + 1} count={parts.length} range={part} testId={testId} />
  );

  return (
    <>
      {notice.imported && <p className="form-message ok">Article imported; its check-worthy claims are suggested below.</p>}
      {notice.existing && <p className="form-message ok" data-testid="already-imported">This text was already imported: here is the existing article.</p>}
      <h1>{article.title}</h1>
      <p className="muted">
        {article.outlet}
        {article.author && ` · ${article.author}`} · published {formatDate(article.publishedAt)} · imported {formatDate(article.importedAt)} · SHA-256{" "}
        <code title={article.contentHash}>{article.contentHash.slice(0, 12)}…</code>
        {article.url && (
          <>
            {" · "}
            <a href={article.url} rel="noopener noreferrer nofollow" target="_blank">
              original
            </a>
          </>
        )}
      </p>
      <p className="row">
        <Link className="button secondary" href={`/reports?articleId=${article.id}${editor ? "&includeWip=1" : ""}`} data-testid="export-article-report">
          Export report…
        </Link>
        <Link className="button secondary" href={`/reports/print?articleId=${article.id}${editor ? "&includeWip=1" : ""}`} data-testid="print-article-report">
          Printable report
        </Link>
        <a className="button secondary" href={`/articles/${article.id}/report.csv`} download data-testid="download-csv">
          Download CSV report
        </a>
      </p>
      <div className="grid-2">
        <section className="panel" aria-label="Article text">
          {partNotice && (
            <p className="form-message error" data-testid="part-notice">
              {partNotice}
            </p>
          )}
          {partNav("part-nav-top")}
          {editor ? (
            <>
              <p className="muted">Select a passage to create a claim from it. Highlights are shaded by check-worthiness.</p>
              <SelectableArticle articleId={article.id} action={createClaimFromSelectionAction} baseOffset={part.start}>
                {text}
              </SelectableArticle>
            </>
          ) : (
            text
          )}
          {partNav("part-nav-bottom")}
        </section>
        <div>
          {editor && suggestions.length > 0 && (
            <section className="panel" aria-label="Suggested claims">
              <h2>Suggested claims ({suggestions.length})</h2>
              <SuggestionReview articleId={article.id} suggestions={suggestions.map(view)} action={reviewSuggestionsAction} />
            </section>
          )}
          <section className="panel" aria-label="Claims">
            <h2>Claims ({claims.length})</h2>
            {claims.length === 0 && <p className="muted">No accepted claims yet.</p>}
            <ol data-testid="article-claims">
              {claims.map((c) => {
                const v = view(c);
                return (
                  <li key={c.id} style={{ marginBottom: "0.5rem" }} data-testid="article-claim">
                    <Link href={`/claims/${c.id}`}>{c.text}</Link>
                    <div className="row">
                      <StatusBadge status={c.status} />
                      <span className="muted">
                        score {c.checkworthiness.toFixed(2)} · {kindLabel(c.kind)} · {c.assignee?.name ?? "unassigned"}
                      </span>
                    </div>
                    {c.claimant && <div className="muted">Claimed by {c.claimant}</div>}
                    <QuantityChips items={v.quantities} />
                    <MatchLinks matches={v.matches ?? []} />
                  </li>
                );
              })}
            </ol>
          </section>
          {editor && rejected.length > 0 && (
            <section className="panel" aria-label="Rejected suggestions">
              <details>
                <summary>Rejected suggestions ({rejected.length})</summary>
                <SuggestionReview
                  articleId={article.id}
                  suggestions={rejected.map(view)}
                  action={reviewSuggestionsAction}
                  decisions={["restore"]}
                  testId="rejected-suggestions"
                />
              </details>
            </section>
          )}
        </div>
      </div>
    </>
  );
}
