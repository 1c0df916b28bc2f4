/** Test helpers: read a PDF back with Mozilla's PDF.js (text per page, link targets, bookmarks, page count). */
import path from "node:path";
import type { PdfFonts } from "./pdf";
import { loadPdfFonts } from "./pdf-fonts";

export interface PdfContent {
  pages: string[];
  /** The URIs of the link annotations (clickable areas) as written, in page order; internal jumps are left out. */
  links: string[];
  outline: string[];
  title: string | undefined;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfContent> {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  const links: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    pages.push(
      content.items
        .map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : ""))
        .join("")
        .replace(/[ \t]+/g, " "),
    );
    // unsafeUrl is the URI as written: PDF.js leaves `url` empty for schemes it would not open (javascript:).
    for (const annotation of (await page.getAnnotations()) as { subtype?: string; url?: string; unsafeUrl?: string }[]) {
      const uri = annotation.unsafeUrl ?? annotation.url;
      if (annotation.subtype === "Link" && uri) links.push(uri);
    }
  }
  const outline = ((await pdf.getOutline()) ?? []).map((o) => o.title);
  const meta = (await pdf.getMetadata()).info as { Title?: string };
  await pdf.destroy();
  return { pages, links, outline, title: meta.Title };
}

/** The fonts the server embeds (DejaVu and the Noto fallbacks), read once from the installed packages. */
let fonts: Promise<PdfFonts> | undefined;
export function testPdfFonts(): Promise<PdfFonts> {
  fonts ??= loadPdfFonts(path.join(process.cwd(), "node_modules"));
  return fonts;
}
