/** Test helpers: read a PDF back with Mozilla's PDF.js (text per page, link targets, bookmarks, page count). */
import path from "node:path";
import type { PdfFonts } from "./pdf";
import { loadPdfFonts } from "./pdf-fonts";

export interface PdfTextItem {
  page: number;
  str: string;
  /** Left edge and width in points; pageWidth is the page's width in points. */
  x: number;
  width: number;
  pageWidth: number;
  /** Baseline, points from the page's bottom. */
  y: number;
}

export interface PdfContent {
  pages: string[];
  /** Every text item PDF.js finds (its `str` in logical order, as PDF.js's own bidi reorders it). */
  items: PdfTextItem[];
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
  const items: PdfTextItem[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    const pageWidth = page.view[2]! - page.view[0]!;
    for (const item of content.items) {
      if ("str" in item && item.str.trim()) items.push({ page: n, str: item.str, x: item.transform[4] as number, width: item.width, pageWidth, y: item.transform[5] as number });
    }
    // Text items joined as PDF.js gives them; like PDF.js's own fake spaces for a gap to the right, a
    // step to the left on the same baseline (the next word of a right-to-left run, each drawn on
    // its own in logical order) reads as a space.
    let text = "";
    let previous: { x: number; y: number } | null = null;
    for (const item of content.items) {
      if (!("str" in item)) continue;
      const x = item.transform[4] as number;
      const y = item.transform[5] as number;
      if (previous && item.str && Math.abs(y - previous.y) < 1 && x + item.width <= previous.x + 0.5) text += " ";
      text += item.str + (item.hasEOL ? "\n" : "");
      previous = item.str ? { x, y } : previous;
    }
    pages.push(text.replace(/[ \t]+/g, " "));
    // unsafeUrl is the URI as written: PDF.js leaves `url` empty for schemes it would not open (javascript:).
    for (const annotation of (await page.getAnnotations()) as { subtype?: string; url?: string; unsafeUrl?: string }[]) {
      const uri = annotation.unsafeUrl ?? annotation.url;
      if (annotation.subtype === "Link" && uri) links.push(uri);
    }
  }
  const outline = ((await pdf.getOutline()) ?? []).map((o) => o.title);
  const meta = (await pdf.getMetadata()).info as { Title?: string };
  await pdf.destroy();
  return { pages, items, links, outline, title: meta.Title };
}

/** The fonts the server embeds (DejaVu and the Noto fallbacks), read once from the installed packages. */
let fonts: Promise<PdfFonts> | undefined;
export function testPdfFonts(): Promise<PdfFonts> {
  fonts ??= loadPdfFonts(path.join(process.cwd(), "node_modules"));
  return fonts;
}
