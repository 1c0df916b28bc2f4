import "server-only";
import { AppError } from "@/lib/domain/errors";
import { runExtractionTask } from "./extraction-pool/run-task";
import { fetchPublicDocument, MAX_FETCH_BYTES } from "./fetch-url";
import { assertEditor, type Actor } from "./permissions";

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

/** Parsing and Readability run in the extraction pool, within its depth and time limits. */
async function fromHtml(html: string, url = ""): Promise<ArticlePreview> {
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
  const normalized = text.replace(/\r\n?/g, "\n").trim();
  if (!normalized) throw new AppError("VALIDATION", "The file or page is empty.");
  const firstLine = normalized.split("\n", 1)[0]!.replace(/^#+\s*/, "").trim();
  return { title: firstLine.length <= 200 ? firstLine : "", outlet: url ? new URL(url).hostname.replace(/^www\./, "") : "", author: "", url, publishedAt: "", text: normalized };
}

/** Reads an uploaded .txt, .md or .html file (UTF-8, at most 2 MB, not binary). */
export async function previewUploadedFile(actor: Actor, file: File): Promise<ArticlePreview> {
  assertEditor(actor, "import articles");
  if (file.size === 0) throw new AppError("VALIDATION", "The file is empty.");
  if (file.size > MAX_FETCH_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The file is larger than 2 MB.");
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? "";
  if (!["txt", "md", "markdown", "html", "htm"].includes(extension)) {
    throw new AppError("VALIDATION", "Upload a .txt, .md or .html file.");
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.includes(0)) throw new AppError("VALIDATION", "This looks like a binary file, not text.");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("VALIDATION", "The file is not UTF-8 text. Save it as UTF-8 and try again.");
  }
  return extension === "html" || extension === "htm" ? fromHtml(text) : fromPlain(text);
}

/** Fetches a public page and reduces it to its readable text, with the metadata found. */
export async function previewUrl(actor: Actor, url: string): Promise<ArticlePreview> {
  assertEditor(actor, "import articles");
  const doc = await fetchPublicDocument(url);
  return doc.contentType === "text/html" || doc.contentType === "application/xhtml+xml" ? fromHtml(doc.body, doc.url) : fromPlain(doc.body, doc.url);
}
