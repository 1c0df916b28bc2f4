// No zod here: the import form (a client component) imports this, and zod probes `new Function` when
// it loads, which the pages' Content-Security-Policy reports as a violation.
import { formatByteSize } from "@/lib/domain/evidence-file";
import { utf8ByteLength } from "./form-size";

/**
 * The largest article text, in bytes of UTF-8 (2 MB, as "MB" is counted for files: 2 × 1,024 × 1,024),
 * whichever way it comes: pasted, uploaded (the same as the file limit, MAX_FETCH_BYTES), fetched or
 * through `POST /api/v1/articles`. Counted in bytes, not characters, so the limit means the same for
 * every script (a Chinese or Hindi character takes 3 bytes) and a pasted text that passes it always
 * fits the import form's request (SERVER_ACTION_BODY_LIMIT_BYTES, 3 MB).
 */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

/** The message for an article text over MAX_ARTICLE_BYTES (it names the text's own size), or null when it fits. */
export function articleTextSizeError(text: string): string | null {
  const bytes = utf8ByteLength(text);
  return bytes > MAX_ARTICLE_BYTES ? `Article text must be at most 2 MB; this text is ${formatByteSize(bytes)}. Split it, or import only the part to check.` : null;
}
