import sanitize from "sanitize-filename";

/**
 * Files attached as evidence (issue 16): which types are accepted, judged by the file's CONTENT (its
 * magic bytes, detected with the `file-type` package on the server), never by its name or the MIME
 * type the client sent; how the uploaded name is kept; and the headers a download is served with.
 */

/** Archive states of a URL's archived copy (Evidence.archiveStatus; null = not tried yet). */
export const ARCHIVE_STATUSES = ["ARCHIVED", "FAILED", "CHANGED", "GONE"] as const;

/** An accepted type: the MIME type served back, a short label for people, and the usual extension. */
export interface EvidenceFileType {
  mime: string;
  label: string;
  ext: string;
}

/**
 * Accepted types, keyed by the MIME type `file-type` reports: PDF, raster images and office documents
 * (OOXML and OpenDocument, RTF). Nothing a browser would render as a page or run (HTML, SVG, XML,
 * JavaScript) is on the list; those have no magic bytes and are refused as unrecognised or markup.
 */
export const EVIDENCE_FILE_TYPES: readonly EvidenceFileType[] = [
  { mime: "application/pdf", label: "PDF", ext: "pdf" },
  { mime: "image/png", label: "PNG image", ext: "png" },
  { mime: "image/jpeg", label: "JPEG image", ext: "jpg" },
  { mime: "image/gif", label: "GIF image", ext: "gif" },
  { mime: "image/webp", label: "WebP image", ext: "webp" },
  { mime: "image/tiff", label: "TIFF image", ext: "tif" },
  { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", label: "Word document (.docx)", ext: "docx" },
  { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", label: "Excel workbook (.xlsx)", ext: "xlsx" },
  { mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", label: "PowerPoint presentation (.pptx)", ext: "pptx" },
  { mime: "application/vnd.oasis.opendocument.text", label: "OpenDocument text (.odt)", ext: "odt" },
  { mime: "application/vnd.oasis.opendocument.spreadsheet", label: "OpenDocument spreadsheet (.ods)", ext: "ods" },
  { mime: "application/vnd.oasis.opendocument.presentation", label: "OpenDocument presentation (.odp)", ext: "odp" },
  { mime: "application/rtf", label: "RTF document", ext: "rtf" },
];

/** Default upload cap in bytes (20 MiB); EVIDENCE_FILE_MAX_BYTES overrides it. */
export const DEFAULT_EVIDENCE_FILE_MAX_BYTES = 20 * 1024 * 1024;

/** "PDF, PNG image, …" — the accepted types for messages. */
export function acceptedTypesText(): string {
  return EVIDENCE_FILE_TYPES.map((t) => t.label).join(", ");
}

/** The accepted type for a detected MIME type, or undefined. */
export function acceptedFileType(mime: string | undefined): EvidenceFileType | undefined {
  return mime ? EVIDENCE_FILE_TYPES.find((t) => t.mime === mime) : undefined;
}

/**
 * What a file without recognised magic bytes looks like, from its first bytes: markup (HTML, SVG,
 * XML — anything starting with "<" after optional BOM and white space), plain text (UTF-8 without
 * control characters other than tab, CR, LF), or unrecognised binary.
 */
export function describeUnrecognised(head: Uint8Array): string {
  if (head.length === 0) return "an empty file";
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, Math.min(head.length, 1024)));
  } catch {
    // A cut multi-byte character at the end of the sample is not binary.
    text = new TextDecoder("utf-8").decode(head.subarray(0, Math.min(head.length, 1024)));
    if ((text.match(/\uFFFD/g) ?? []).length > 1) return "unrecognised binary data";
  }
  const start = text.replace(/^\uFEFF/, "").trimStart().slice(0, 512).toLowerCase();
  if (start.startsWith("<")) {
    if (/<svg[\s>]/.test(start)) return "an SVG image (XML markup)";
    if (/<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<script[\s>]|<iframe[\s>]/.test(start)) return "an HTML page";
    return "HTML or XML markup";
  }
  // eslint-disable-next-line no-control-regex
  if (!/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(text)) return "plain text";
  return "unrecognised binary data";
}

/**
 * The message refusing a file whose content is not an accepted type. `detected` is what `file-type`
 * found (undefined when nothing), `head` the file's first bytes (to name text and markup).
 */
export function refusedTypeMessage(detected: { mime: string; ext: string } | undefined, head: Uint8Array): string {
  const what = detected ? `a file of type ${detected.ext.toUpperCase()} (${detected.mime})` : describeUnrecognised(head);
  return `This file's content is ${what}, which cannot be attached as evidence, whatever its name says. Accepted: ${acceptedTypesText()}.`;
}

/** Longest kept name, in UTF-16 code units (sanitize-filename cuts at 255 UTF-8 bytes as well). */
const MAX_NAME_CHARS = 200;

/**
 * The uploaded file's name as kept and shown: Unicode NFC, no path (the part after the last / or \),
 * no control, reserved (<>:"/\|?*) or bidi-control characters, not a reserved Windows name, at most
 * 200 characters; the detected type's extension is added when the name does not end with it (so a
 * PNG named "photo.html" downloads as "photo.html.png"). An empty result becomes "evidence.<ext>".
 */
export function sanitiseFileName(raw: string, type: EvidenceFileType): string {
  const base = raw.normalize("NFC").split(/[\\/]/).pop() ?? "";
  const cleaned = sanitize(base.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ""), { replacement: "" })
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MAX_NAME_CHARS);
  const name = cleaned.replace(/^\.+/, "");
  if (!name) return `evidence.${type.ext}`;
  const lower = name.toLowerCase();
  const same = lower.endsWith(`.${type.ext}`) || (type.ext === "jpg" && lower.endsWith(".jpeg")) || (type.ext === "tif" && lower.endsWith(".tiff"));
  return same ? name : `${name}.${type.ext}`;
}

/** A byte count for people: "812 bytes", "1.4 MB" (powers of 1,024, labelled KB/MB like most file managers). */
export function formatByteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The refusal of a file over the cap. */
export function tooLargeMessage(maxBytes: number): string {
  return `The file is larger than the ${formatByteSize(maxBytes)} an evidence file may be; nothing was saved.`;
}
