import { renderAtomFeed } from "@/lib/domain/public-fact-check";
import { publicSiteBaseUrlFor } from "@/lib/server/public-site/public-origin";
import { listFeedEntries } from "@/lib/server/public-site/read-fact-checks";
import { feedPage, publicFeedHeaders } from "@/lib/server/public-site/feed-response";

export const dynamic = "force-dynamic";

/** Atom feed of published, corrected and retracted fact-checks (newest change first, ?page=N). */
export async function GET(request: Request) {
  const page = feedPage(request);
  const [baseUrl, feed] = await Promise.all([publicSiteBaseUrlFor(request), listFeedEntries(page)]);
  const body = renderAtomFeed({ deskName: feed.deskName, baseUrl, entries: feed.entries, page, hasNext: feed.hasNext });
  return new Response(body, { headers: publicFeedHeaders("application/atom+xml; charset=utf-8") });
}
