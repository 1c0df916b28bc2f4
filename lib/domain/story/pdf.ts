/**
 * The story comparison as a PDF (pdfkit), built from the verdict report's PDF blocks
 * (lib/domain/report/pdf.ts and pdf-text.ts: embedded DejaVu with Noto fallbacks, bidi and line
 * breaking, margins, colours, "Page n of N" footers), so any script prints as selectable text.
 *
 * Layout (A4, one column): title and articles (outlet, title, date, claim count, URL); "Side by side":
 * per matched claim, each outlet's wording with claimant, status and verdict (or "not asserted");
 * "Only in one outlet" per article; "Contradictions" (message and both quotes); "Verdict conflicts";
 * "Tone" per outlet (words, loaded words, share, highlighted words) with the lexicon named and the
 * reminder that tone is a reading aid, never a verdict. Bookmarks for each section.
 */
import PDFDocument from "pdfkit";
import { PDF_COLORS, PDF_MARGIN, pdfBuffer, pdfStyle, writePageFooters, type PdfFonts } from "../report/pdf";
import { truncateText } from "../report/model";
import { sharedPdfFonts } from "../report/pdf-fonts";
import { PdfTextWriter, type PdfTextStyle } from "../report/pdf-text";
import { highlightedWords, type StoryExportHeader } from "./export";
import type { Contradiction, StoryCell, StoryComparison } from "./types";

/** Default title when the header gives none. */
export const STORY_PDF_TITLE = "Story comparison";

const KIND_LABEL: Record<Contradiction["kind"], string> = {
  QUANTITY: "Figures",
  DATE: "Dates",
  ATTRIBUTION: "Claimants",
  FIRST_REPORT: "Who reported first",
};

function isHttpUrl(url: string | null): url is string {
  return !!url && /^https?:\/\//i.test(url);
}

function percent(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)} %`;
}

/**
 * Lays out `c` as a PDF document (ended; read it as a stream or with `pdfBuffer`). `fonts` from
 * lib/domain/report/pdf-fonts.ts `loadPdfFonts`; `header.title` (default "Story comparison"),
 * `header.generatedAt` (ISO 8601, shown as "YYYY-MM-DD HH:MM UTC") and `header.storyId` are optional.
 * Throws only what pdfkit throws.
 */
export function renderStoryComparisonPdf(c: StoryComparison, fonts: PdfFonts, header: StoryExportHeader = {}): PDFKit.PDFDocument {
  const title = header.title?.trim() || STORY_PDF_TITLE;
  const doc = new PDFDocument({
    size: "A4",
    margins: PDF_MARGIN,
    bufferPages: true,
    pdfVersion: "1.7",
    lang: "en",
    displayTitle: true,
    info: { Title: title, Subject: `Comparison of ${c.articles.length} articles`, Creator: "ClaimLedger" },
  });
  const writer = new PdfTextWriter(doc, fonts);
  doc.font("regular#0");
  const left = PDF_MARGIN.left;
  const width = doc.page.width - PDF_MARGIN.left - PDF_MARGIN.right;
  const { ink, muted, link, danger } = PDF_COLORS;
  const para = (spans: { text: string; style: PdfTextStyle }[], indent = 0) => writer.paragraph(spans, { x: left + indent, width: width - indent });
  const line = (text: string, style: PdfTextStyle, indent = 0) => para([{ text, style }], indent);
  const outletOf = new Map(c.articles.map((a) => [a.id, a.outlet]));
  const outlet = (id: string) => outletOf.get(id) ?? id;
  const section = (name: string) => {
    if (doc.y > doc.page.height - PDF_MARGIN.bottom - 120) doc.addPage();
    doc.moveDown(0.8);
    doc.outline.addItem(name);
    line(name, pdfStyle("bold", 14, ink));
    doc.moveDown(0.3);
  };
  const claims = (cell: StoryCell, indent: number) => {
    if (cell.claims.length === 0) line("Not asserted", pdfStyle("italic", 9, muted), indent);
    for (const claim of cell.claims) {
      line(claim.text, pdfStyle("regular", 10, ink), indent);
      const verdict = claim.verdict ? `${claim.verdict.label} (${claim.verdict.state.toLowerCase()})` : "no verdict";
      line(`${claim.claimant ? `Claimed by ${claim.claimant} · ` : ""}${claim.status.toLowerCase().replace(/_/g, " ")} · ${verdict}`, pdfStyle("regular", 8, muted), indent);
      doc.moveDown(0.2);
    }
  };

  // ---- Title and articles
  line(title, pdfStyle("bold", 20, ink));
  doc.moveDown(0.3);
  if (header.storyId) line(`Story ${header.storyId}`, pdfStyle("regular", 10, muted));
  if (header.generatedAt) line(`Generated ${header.generatedAt.slice(0, 16).replace("T", " ")} UTC`, pdfStyle("regular", 10, muted));
  section("Articles");
  for (const a of c.articles) {
    para([
      { text: `${a.outlet}: `, style: pdfStyle("bold", 10, ink) },
      { text: `${a.title} — ${a.publishedAt ? a.publishedAt.slice(0, 10) : "date unknown"} · ${a.claimCount} claims`, style: pdfStyle("regular", 10, ink) },
    ]);
    if (isHttpUrl(a.url)) line(a.url, { ...pdfStyle("regular", 9, link), link: a.url, underline: true }, 12);
  }

  // ---- Side by side
  section(`Side by side (${c.aligned.length} matched ${c.aligned.length === 1 ? "claim" : "claims"})`);
  if (c.aligned.length === 0) line("No claim is made by more than one article of this story.", pdfStyle("italic", 10, muted));
  c.aligned.forEach((row, i) => {
    if (doc.y > doc.page.height - PDF_MARGIN.bottom - 80) doc.addPage();
    line(`Matched claim ${i + 1}`, pdfStyle("bold", 11, ink));
    for (const cell of row.cells) {
      line(outlet(cell.articleId), pdfStyle("bold", 9, muted), 8);
      claims(cell, 16);
    }
    doc.moveDown(0.3);
  });

  // ---- Outlet-only claims
  section("Only in one outlet");
  for (const cell of c.outletOnly) {
    line(`${outlet(cell.articleId)} alone (${cell.claims.length})`, pdfStyle("bold", 11, ink));
    claims(cell, 8);
    doc.moveDown(0.3);
  }

  // ---- Contradictions
  section(`Contradictions (${c.contradictions.length})`);
  if (c.contradictions.length === 0) line("None found.", pdfStyle("italic", 10, muted));
  for (const x of c.contradictions) {
    line(`${KIND_LABEL[x.kind]}: ${x.message}`, pdfStyle("bold", 10, danger));
    for (const side of [x.a, x.b]) {
      para(
        [
          { text: `${outlet(side.articleId)} — ${side.value}: `, style: pdfStyle("bold", 9, ink) },
          { text: `“${side.quote}”`, style: pdfStyle("italic", 9, muted) },
        ],
        8,
      );
    }
    doc.moveDown(0.3);
  }

  // ---- Verdict conflicts
  section(`Verdict conflicts (${c.verdictConflicts.length})`);
  if (c.verdictConflicts.length === 0) line("None: matched claims carry the same approved verdicts (or none yet).", pdfStyle("italic", 10, muted));
  const claimText = new Map(c.aligned.flatMap((r) => r.cells.flatMap((cell) => cell.claims.map((x) => [x.id, x.text] as const))));
  for (const conflict of c.verdictConflicts) {
    line(`Matched claims with different approved verdicts: ${truncateText(claimText.get(conflict.verdicts[0]?.claimId ?? "") ?? conflict.clusterId, 160)}`, pdfStyle("bold", 10, danger));
    for (const v of conflict.verdicts) line(`${outlet(v.articleId)}: ${v.label}`, pdfStyle("regular", 9, ink), 8);
    doc.moveDown(0.3);
  }

  // ---- Tone
  section("Tone (a reading aid, never a verdict)");
  for (const t of c.tone) {
    para([
      { text: `${t.outlet}: `, style: pdfStyle("bold", 10, ink) },
      { text: `${t.loaded} loaded of ${t.words} words (${percent(t.share)})`, style: pdfStyle("regular", 10, ink) },
    ]);
    const words = highlightedWords(t);
    if (words.length > 0) line(`Highlighted: ${words.join(", ")}`, pdfStyle("italic", 9, muted), 8);
  }
  doc.moveDown(0.3);
  const lex = c.lexicon;
  line(`Lexicon: ${lex.name} ${lex.version} — ${lex.source}; licence: ${lex.license}`, pdfStyle("regular", 9, muted));
  if (isHttpUrl(lex.url)) line(lex.url, { ...pdfStyle("regular", 9, link), link: lex.url, underline: true });

  writePageFooters(doc, writer, title);
  doc.end();
  return doc;
}

/**
 * The comparison as a finished PDF file (bytes). `options.fonts`: parsed fonts to use; by default the
 * report's fonts, read once per thread from node_modules (lib/domain/report/pdf-fonts.ts
 * `sharedPdfFonts`: ~30 MB, a few seconds the first time). Throws what `loadPdfFonts` (a font
 * package missing) or pdfkit throw. Meant for the extraction pool's worker threads (task
 * "renderStoryPdf" in lib/domain/extraction/tasks.ts), not a request thread.
 */
export async function storyComparisonPdf(c: StoryComparison, options: StoryExportHeader & { fonts?: PdfFonts } = {}): Promise<Buffer<ArrayBuffer>> {
  const { fonts, ...header } = options;
  return pdfBuffer(renderStoryComparisonPdf(c, fonts ?? (await sharedPdfFonts()), header));
}
