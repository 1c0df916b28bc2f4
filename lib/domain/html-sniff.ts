/**
 * Whether a decoded document reads as HTML, without loading an HTML parser: the request thread
 * decides here which reader an upload goes to, and only the extraction pool loads linkedom and
 * Readability (lib/domain/html-article.ts). Importing that module here evaluated both on the request
 * thread at a server's first upload preview (~70 ms of CPU, longer under load).
 */

/** True when the string contains something that reads as an HTML tag, comment or doctype. */
export function looksLikeHtml(source: string): boolean {
  return /<(?:[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?|\/[a-z][a-z0-9-]*\s*|!--[\s\S]*?--|!doctype[^<>]*)>/i.test(source);
}
