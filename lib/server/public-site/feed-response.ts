import "server-only";
import { PUBLIC_MAX_PAGE } from "@/lib/domain/public-fact-check";

/** The feed page a request asks for (?page=N, 1…PUBLIC_MAX_PAGE; anything else is page 1). */
export function feedPage(request: Request): number {
  const raw = new URL(request.url).searchParams.get("page");
  const page = raw && /^\d{1,4}$/.test(raw) ? Number(raw) : 1;
  return page >= 1 && page <= PUBLIC_MAX_PAGE ? page : 1;
}

/** Headers of a public feed: cacheable by shared caches for a minute (browsers revalidate), never a cookie. */
export function publicFeedHeaders(contentType: string): HeadersInit {
  return { "Content-Type": contentType, "Cache-Control": "public, max-age=0, s-maxage=60, stale-while-revalidate=300" };
}
