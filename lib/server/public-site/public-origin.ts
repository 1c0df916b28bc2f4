import "server-only";
import { headers } from "next/headers";
import { publicBaseUrl } from "../report-export";
import { resolvePublicBaseUrl } from "./public-site-settings";

/**
 * The public site's base URL for the page being rendered: the desk's setting, else NEXTAUTH_URL's
 * origin, else the request's own origin (Host / X-Forwarded-Host).
 */
export async function publicSiteBaseUrl(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return resolvePublicBaseUrl(publicBaseUrl(`${proto}://${host}`));
}

/** The same for a route handler's request. */
export function publicSiteBaseUrlFor(request: Request): Promise<string> {
  return resolvePublicBaseUrl(publicBaseUrl(new URL(request.url).origin));
}
