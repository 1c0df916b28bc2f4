import "server-only";
import { AppError } from "@/lib/domain/errors";
import { looksLikeHtml } from "@/lib/domain/html-sniff";
import { decodeDocumentBytes, hasUtf16Bom } from "@/lib/domain/text-decoding";
import { articleTextSizeError } from "@/lib/validation/articles";
import { runExtractionTask } from "./extraction-pool/run-task";
import { withPoolSlot } from "./extraction-pool/user-slots";
import { fetchPublicDocument, MAX_FETCH_BYTES } from "./fetch-url";
import { assertEditor, type Actor } from "./permissions";
import { lineBreaksAsLf } from "@/lib/validation/common";

/** What an import form is pre-filled with; every field stays editable before the import. */
export interface ArticlePreview {
  title: string;
  outlet: string;
  author: string;
  url: string;
  publishedAt: string;
  text: string;
}

const MIN_TEXT = 40;

/**
 * The preview, refused (AppError VALIDATION, the import's own message) when its text is over the
 * article limit: a file within the 2 MB upload limit can decode to more UTF-8 than that (a legacy
 * single-byte charset's "€" becomes 3 bytes), and the import would refuse it after the preview.
 */
function withinArticleLimit(preview: ArticlePreview): ArticlePreview {
  const tooLarge = articleTextSizeError(preview.text);
  if (tooLarge) throw new AppError("VALIDATION", tooLarge);
  return preview;
}

/** Parsing and Readability run in the extraction pool, within its depth and time limits. */
async function fromHtml(html: string, url = ""): Promise<ArticlePreview> {
  // A .html file or text/html answer without a single tag is plain text under the wrong name.
  if (!looksLikeHtml(html)) return fromPlain(html, url);
  const readable = await runExtractionTask("readHtml", { html });
  if (readable.text.trim().length < MIN_TEXT) {
    throw new AppError("VALIDATION", "No readable article text was found in that page (it may be mostly script or navigation).");
  }
  return {
    title: readable.title ?? "",
    outlet: readable.outlet ?? (url ? new URL(url).hostname.replace(/^www\./, "") : ""),
    author: readable.author ?? "",
    url,
    publishedAt: readable.publishedAt && !Number.isNaN(Date.parse(readable.publishedAt)) ? new Date(readable.publishedAt).toISOString().slice(0, 10) : "",
    text: readable.text,
  };
}

function fromPlain(text: string, url = ""): ArticlePreview {
  const normalized = lineBreaksAsLf(text).trim();
  if (!normalized) throw new AppError("VALIDATION", "The file or page is empty.");
  const firstLine = normalized.split("\n", 1)[0]!.replace(/^#+\s*/, "").trim();
  return { title: firstLine.length <= 200 ? firstLine : "", outlet: url ? new URL(url).hostname.replace(/^www\./, "") : "", author: "", url, publishedAt: "", text: normalized };
}

/**
 * Reads an uploaded .txt, .md or .html file (at most 2 MB, not binary; encoding as `readDocument`
 * sniffs it). `file` is the form's field as received: anything but a File (text, or nothing, from a
 * hand-made request) is refused. Throws AppError FORBIDDEN, VALIDATION, PAYLOAD_TOO_LARGE.
 */
export async function previewUploadedFile(actor: Actor, file: unknown): Promise<ArticlePreview> {
  assertEditor(actor, "import articles");
  if (!(file instanceof File)) throw new AppError("VALIDATION", "Choose a file to upload.");
  if (file.size === 0) throw new AppError("VALIDATION", "The file is empty.");
  if (file.size > MAX_FETCH_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The file is larger than 2 MB.");
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? "";
  if (!["txt", "md", "markdown", "html", "htm"].includes(extension)) {
    throw new AppError("VALIDATION", "Upload a .txt, .md or .html file.");
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  return withPoolSlot(actor.id, "analysis", () => readDocument(bytes, { html: extension === "html" || extension === "htm" }));
}

/**
 * What an import of these bytes would save (title, outlet, author(s), published date as YYYY-MM-DD, snapshot
 * text), the one code path of uploads, URL imports' parsing and `npm run article:read`. `html` selects the
 * HTML reader (with WHATWG encoding sniffing; `contentType` is the HTTP header, if any); otherwise the
 * bytes are plain text or Markdown, kept as written (line endings normalised to \n).
 * Throws AppError VALIDATION for binary or undecodable bytes and pages without readable text.
 */
export async function readDocument(bytes: Uint8Array, { html, contentType, url = "" }: { html: boolean; contentType?: string; url?: string }): Promise<ArticlePreview> {
  if (bytes.length === 0) throw new AppError("VALIDATION", "The file is empty.");
  if (!hasUtf16Bom(bytes) && bytes.includes(0)) throw new AppError("VALIDATION", "This looks like a binary file, not text.");
  const decoded = decodeDocumentBytes(bytes, { html, contentType });
  if (!decoded.ok) {
    throw new AppError(
      "VALIDATION",
      decoded.encoding === "UTF-8"
        ? "The file is not UTF-8 text and declares no other encoding. Save it as UTF-8 (or declare its charset in the page) and try again."
        : decoded.encoding.toLowerCase() === "replacement"
          ? decoded.message
          : `The file is not valid ${decoded.encoding} text.`,
    );
  }
  return withinArticleLimit(html ? await fromHtml(decoded.text, url) : fromPlain(decoded.text, url));
}

/** Fetches a public page and reduces it to its readable text, with the metadata found. */
export async function previewUrl(actor: Actor, url: string): Promise<ArticlePreview> {
  assertEditor(actor, "import articles");
  const doc = await fetchPublicDocument(url);
  return withPoolSlot(actor.id, "analysis", async () => withinArticleLimit(doc.contentType === "text/html" || doc.contentType === "application/xhtml+xml" ? await fromHtml(doc.body, doc.url) : fromPlain(doc.body, doc.url)));
}
