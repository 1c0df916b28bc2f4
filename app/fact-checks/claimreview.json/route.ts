import { renderClaimReviewDataFeed } from "@/lib/domain/public-fact-check";
import { serializeJsonLd } from "@/lib/domain/report";
import { publicSiteBaseUrlFor } from "@/lib/server/public-site/public-origin";
import { listClaimReviewFeed } from "@/lib/server/public-site/read-fact-checks";
import { feedPage, publicFeedHeaders } from "@/lib/server/public-site/feed-response";

export const dynamic = "force-dynamic";

/** The ClaimReview data feed (schema.org DataFeed) of live fact-checks, latest publication first, ?page=N. */
export async function GET(request: Request) {
  const page = feedPage(request);
  const baseUrl = await publicSiteBaseUrlFor(request);
  const feed = await listClaimReviewFeed(page, baseUrl);
  const body = serializeJsonLd(renderClaimReviewDataFeed({ deskName: feed.deskName, baseUrl, items: feed.items, page, hasNext: feed.hasNext }));
  return new Response(body, { headers: publicFeedHeaders("application/json; charset=utf-8") });
}
