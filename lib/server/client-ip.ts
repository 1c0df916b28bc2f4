import "server-only";

/**
 * The client's address as the reverse proxy in front of the app reports it (first X-Forwarded-For
 * entry, else X-Real-IP). Used only to key rate limits; "unknown" when no proxy header is present.
 */
export function clientIp(headers: unknown): string {
  const get = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const value = (headers as Record<string, string | string[] | undefined> | undefined)?.[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return get("x-forwarded-for")?.split(",")[0]?.trim() || get("x-real-ip") || "unknown";
}
