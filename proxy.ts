import { NextResponse, type NextRequest } from "next/server";
import { PUBLIC_SITE_HEADER } from "@/lib/domain/public-fact-check";

/**
 * Marks requests for the public fact-check site (/fact-checks…), so the root layout renders them
 * without reading the session: the pages are the same for every visitor, cacheable, and send no
 * cookie. A client sending the header itself elsewhere only hides its own navigation bar; every
 * desk page still checks the session on its own.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(PUBLIC_SITE_HEADER, "1");
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/fact-checks", "/fact-checks/:path*"] };
