import Link from "next/link";
import type { ClaimExcerpt } from "@/lib/domain/claim-excerpt";

/**
 * The claim inside its paragraph and the paragraphs around it (lib/domain/claim-excerpt.ts), with
 * the claim highlighted and anchored (#focused-claim, which the page scrolls to), and a link to the
 * whole article on the article page, scrolled to this claim. A handful of elements whatever the
 * article's length.
 */
export function ArticleExcerpt({ excerpt, claimId, articleId }: { excerpt: ClaimExcerpt; claimId: string; articleId: string }) {
  return (
    <>
      <div className="article-text" data-testid="article-text">
        {excerpt.clippedStart && "… "}
        {excerpt.before}
        <mark id="focused-claim" className="focus" data-claim-id={claimId}>
          {excerpt.quote}
        </mark>
        {excerpt.after}
        {excerpt.clippedEnd && " …"}
      </div>
      <p>
        <Link href={`/articles/${articleId}?claim=${claimId}#claim-${claimId}`} data-testid="whole-article-link">
          Read the whole article
        </Link>
      </p>
    </>
  );
}
