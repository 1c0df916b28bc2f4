/** Test helpers: read a PDF back with Mozilla's PDF.js (text per page, bookmarks, page count). */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { PdfFonts } from "./pdf";

export interface PdfContent {
  pages: string[];
  outline: string[];
  title: string | undefined;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfContent> {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    pages.push(
      content.items
        .map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : ""))
        .join("")
        .replace(/[ \t]+/g, " "),
    );
  }
  const outline = ((await pdf.getOutline()) ?? []).map((o) => o.title);
  const meta = (await pdf.getMetadata()).info as { Title?: string };
  await pdf.destroy();
  return { pages, outline, title: meta.Title };
}

/** The DejaVu fonts the server embeds, read from the installed package. */
export function testPdfFonts(): PdfFonts {
  const dir = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
  return {
    regular: readFileSync(path.join(dir, "DejaVuSans.ttf")),
    bold: readFileSync(path.join(dir, "DejaVuSans-Bold.ttf")),
    italic: readFileSync(path.join(dir, "DejaVuSans-Oblique.ttf")),
  };
}
