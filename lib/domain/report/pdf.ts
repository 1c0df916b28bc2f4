/**
 * The report as a PDF (pdfkit): real text in an embedded Unicode font (selectable and searchable),
 * a title page with the summary by verdict, a table of contents with page numbers and links for
 * long reports, one block per claim, bookmarks, and "Page n of N" on every page.
 *
 * The table of contents comes before the claims, so its pages are reserved first and filled in once
 * the claims are laid out and their pages are known (pdfkit buffers the pages for this).
 */
import PDFDocument from "pdfkit";
import { parseMarkdownBlocks, type TextBlock, type TextRun } from "./markdown-blocks";
import { WORK_IN_PROGRESS_LABEL, describeProposals, truncateText, type ReportDocument, type ReportEntry } from "./model";
import { PdfTextWriter, type PdfFonts, type PdfFontStyle, type PdfTextStyle } from "./pdf-text";

export type { PdfFonts } from "./pdf-text";

/** Reports with at least this many claims get a table of contents. */
export const PDF_TOC_MIN_ENTRIES = 4;

/** Page margins of the PDF documents (points, A4). */
export const PDF_MARGIN = { top: 56, bottom: 64, left: 56, right: 56 } as const;
/** Colours of the PDF documents: text, secondary text, links, warnings. */
export const PDF_COLORS = { ink: "#1c2330", muted: "#5b6675", link: "#1f5fbf", danger: "#b42318" } as const;
const MARGIN = PDF_MARGIN;
const INK = PDF_COLORS.ink;
const MUTED = PDF_COLORS.muted;
const LINK = PDF_COLORS.link;
const DANGER = PDF_COLORS.danger;
const TOC_ROW = 16;
/** Indentation per list or quote level of a rationale; list markers sit in this gutter. */
const BLOCK_INDENT = 18;

const STANCE_COLORS: Record<string, string> = { SUPPORTS: "#1a7f37", REFUTES: DANGER, CONTEXT: MUTED };

function isHttpUrl(url: string | null): url is string {
  return !!url && /^https?:\/\//i.test(url);
}

function day(iso: string | null): string {
  return iso ? iso.slice(0, 10) : "—";
}

function dateTime(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

/** A text style: font, size in points, colour. */
export function pdfStyle(font: PdfFontStyle, size: number, color: string): PdfTextStyle {
  return { font, size, color };
}
const style = pdfStyle;

export function renderReportPdf(report: ReportDocument, fonts: PdfFonts): PDFKit.PDFDocument {
  const { header, summary, entries } = report;
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    pdfVersion: "1.7",
    lang: "en",
    displayTitle: true,
    info: { Title: header.title, Author: header.desk.name, Subject: header.scope.join("; "), Creator: "ClaimLedger" },
  });
  const writer = new PdfTextWriter(doc, fonts);
  doc.font("regular#0");
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const bottom = () => doc.page.height - MARGIN.bottom;
  const line = (text: string, style: PdfTextStyle) => writer.paragraph([{ text, style }], { x: MARGIN.left, width });

  // ---- Title page: title, scope, work-in-progress notice, summary by verdict
  line(header.title, style("bold", 20, INK));
  doc.moveDown(0.3);
  line(`${header.desk.name}${header.desk.url ? ` · ${header.desk.url}` : ""}`, style("regular", 10, MUTED));
  line(`Generated ${dateTime(header.generatedAt)}`, style("regular", 10, MUTED));
  for (const scope of header.scope) line(scope, style("regular", 10, MUTED));
  if (header.includesWorkInProgress) {
    doc.moveDown(0.6);
    line(`${WORK_IN_PROGRESS_LABEL}: this report includes claims whose verdict is not approved yet; each is marked.`, style("bold", 11, DANGER));
  }
  doc.moveDown(1);
  line("Summary", style("bold", 14, INK));
  doc.moveDown(0.3);
  const summaryRows: [string, string][] = summary.byVerdict.map((v) => [v.label, String(v.count)]);
  summaryRows.push(["Claims in this report", String(summary.total)]);
  if (header.includesWorkInProgress) summaryRows.push(["Of which work in progress", String(summary.workInProgress)]);
  for (const [label, count] of summaryRows) {
    const y = doc.y;
    writer.paragraph([{ text: label, style: style("regular", 11, INK) }], { x: MARGIN.left, width: width - 80, direction: "ltr" });
    const below = doc.y;
    doc.y = y;
    writer.paragraph([{ text: count, style: style("regular", 11, INK) }], { x: MARGIN.left + width - 80, width: 80, align: "end" });
    doc.y = Math.max(below, doc.y);
    doc.x = MARGIN.left;
  }
  if (entries.length === 0) {
    doc.moveDown(1);
    line("No claims match this report.", style("italic", 11, MUTED));
  }

  // ---- Reserve the table of contents
  const withToc = entries.length >= PDF_TOC_MIN_ENTRIES;
  let tocFirstPage = -1;
  let tocFirstY = 0;
  const tocRowsPerPage: number[] = [];
  if (withToc) {
    doc.addPage();
    tocFirstPage = currentPage(doc);
    line("Contents", style("bold", 14, INK));
    doc.moveDown(0.5);
    tocFirstY = doc.y;
    let left = entries.length;
    let capacity = Math.floor((bottom() - tocFirstY) / TOC_ROW);
    for (;;) {
      tocRowsPerPage.push(Math.min(left, capacity));
      left -= capacity;
      if (left <= 0) break;
      doc.addPage();
      capacity = Math.floor((bottom() - MARGIN.top) / TOC_ROW);
    }
  }

  // ---- The claims
  const claimPages: number[] = [];
  if (entries.length > 0) doc.addPage();
  entries.forEach((entry, index) => {
    if (index > 0 && doc.y > bottom() - 140) doc.addPage();
    claimPages.push(currentPage(doc));
    doc.addNamedDestination(destination(index));
    doc.outline.addItem(`${index + 1}. ${truncateText(entry.claim, 80)}`);
    renderEntry(doc, writer, entry, index, width);
  });

  // ---- Fill in the table of contents
  if (withToc) {
    let row = 0;
    tocRowsPerPage.forEach((rows, p) => {
      doc.switchToPage(tocFirstPage + p);
      let y = p === 0 ? tocFirstY : MARGIN.top;
      for (let i = 0; i < rows; i++, row++, y += TOC_ROW) {
        const entry = entries[row]!;
        const pageLabel = String(claimPages[row]! + 1);
        const goTo = destination(row);
        const label = `${row + 1}. ${entry.workInProgress ? "[WIP] " : ""}${truncateText(entry.claim, 120)}`;
        doc.y = y;
        writer.paragraph([{ text: label, style: { ...style("regular", 10, entry.workInProgress ? DANGER : INK), goTo } }], {
          x: MARGIN.left,
          width: width - 50,
          singleLine: true,
          direction: "ltr",
        });
        doc.y = y;
        writer.paragraph([{ text: pageLabel, style: { ...style("regular", 10, INK), goTo } }], { x: MARGIN.left + width - 40, width: 40, align: "end", singleLine: true });
      }
    });
  }

  writePageFooters(doc, writer, header.title);
  doc.end();
  return doc;
}

/**
 * Writes the title (cut to 70 characters) and "Page n of N" at the foot of every buffered page (the
 * document needs `bufferPages: true`), into the bottom margin, which must not start a new page.
 */
export function writePageFooters(doc: PDFKit.PDFDocument, writer: PdfTextWriter, title: string): void {
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN.bottom + 24;
    doc.y = y;
    writer.paragraph([{ text: truncateText(title, 70), style: style("regular", 8, MUTED) }], { x: MARGIN.left, width: width - 90, singleLine: true, direction: "ltr" });
    doc.y = y;
    writer.paragraph([{ text: `Page ${i + 1} of ${range.count}`, style: style("regular", 8, MUTED) }], { x: MARGIN.left + width - 90, width: 90, align: "end", singleLine: true });
    doc.page.margins.bottom = saved;
  }
}

/** The finished bytes of a pdfkit document on which `end()` was (or will be) called. */
export async function pdfBuffer(doc: PDFKit.PDFDocument): Promise<Buffer<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  return Buffer.concat(chunks);
}

function currentPage(doc: PDFKit.PDFDocument): number {
  const range = doc.bufferedPageRange();
  return range.start + range.count - 1;
}

function destination(index: number): string {
  return `claim-${index + 1}`;
}

function renderEntry(doc: PDFKit.PDFDocument, writer: PdfTextWriter, entry: ReportEntry, index: number, width: number) {
  const left = MARGIN.left;
  doc.x = left;
  const para = (spans: { text: string; style: PdfTextStyle }[], indent = 0) => writer.paragraph(spans, { x: left + indent, width: width - indent });
  const one = (text: string, s: PdfTextStyle, indent = 0) => para([{ text, style: s }], indent);
  one(`${index + 1}. ${entry.claim}`, style("bold", 12, INK));
  doc.moveDown(0.2);
  if (entry.workInProgress) one(`${WORK_IN_PROGRESS_LABEL} — ${entry.statusLabel}; not an approved verdict`, style("bold", 9, DANGER));
  const v = entry.verdict;
  if (v) {
    const value = v.ratingValue !== null ? ` · rating ${v.ratingValue}` : "";
    para([
      { text: `Verdict: ${v.label}`, style: style("bold", 10, v.color ?? MUTED) },
      { text: `${value} · ${v.stateLabel} · claim ${entry.statusLabel.toLowerCase()}`, style: style("regular", 10, MUTED) },
    ]);
  } else {
    one("No verdict yet", style("bold", 10, MUTED));
  }
  if (entry.claimant) one(`Claimed by ${entry.claimant.name} (${entry.claimant.kind === "PERSON" ? "person" : "organization"})`, style("regular", 9, INK));
  one(`${entry.article.title} — ${entry.article.outlet}, ${day(entry.article.publishedAt)}`, style("regular", 9, MUTED));
  if (isHttpUrl(entry.article.url)) one(entry.article.url, { ...style("regular", 9, LINK), link: entry.article.url, underline: true });
  doc.moveDown(0.3);

  // The quote in its context, "…prefix QUOTE suffix…", as one paragraph.
  const oneLine = (text: string) => text.replace(/\s+/g, " ");
  para([
    { text: `…${oneLine(entry.quote.prefix)}`, style: style("italic", 10, MUTED) },
    { text: oneLine(entry.quote.exact), style: style("bold", 10, INK) },
    { text: `${oneLine(entry.quote.suffix)}…`, style: style("italic", 10, MUTED) },
  ]);
  doc.moveDown(0.3);

  if (v) {
    one("Rationale", style("bold", 10, INK));
    drawMarkdown(doc, writer, v.rationale, width);
    doc.moveDown(0.3);
  }
  one(entry.evidence.length ? `Evidence (${entry.evidence.length})` : "Evidence: none", style("bold", 10, INK));
  for (const e of entry.evidence) {
    para(
      [
        { text: `• ${e.stanceLabel}: `, style: style("bold", 9, STANCE_COLORS[e.stance] ?? MUTED) },
        { text: `${e.title} — ${e.publisher}`, style: style("regular", 9, INK) },
      ],
      8,
    );
    if (e.quote) one(`“${e.quote}”`, style("italic", 9, MUTED), 16);
    if (isHttpUrl(e.url)) one(e.url, { ...style("regular", 9, LINK), link: e.url, underline: true }, 16);
    if (e.file) one(`File: ${e.file.name} · SHA-256 ${e.file.sha256}`, style("regular", 9, MUTED), 16);
    if (e.archivedAt) one(`Archived ${e.archivedAt.slice(0, 16).replace("T", " ")} UTC · SHA-256 ${e.sha256 ?? "—"}`, style("regular", 9, MUTED), 16);
  }
  doc.moveDown(0.3);
  one(`Reviewer: ${entry.reviewer ?? "—"} · Approver: ${entry.approver ?? "—"}`, style("regular", 9, MUTED));
  if (v) one(`Proposed ${day(v.proposedAt)} · Approved ${day(v.approvedAt)} · Published ${day(v.publishedAt)}`, style("regular", 9, MUTED));
  // A blind double review's two proposals, from the report model: each line, then its rationale.
  entry.proposals.forEach((p, i) => {
    if (i === 0) {
      doc.moveDown(0.3);
      one("Double review: both proposals", style("bold", 10, INK));
    }
    one(describeProposals({ proposals: [p] })[0]!, style("regular", 9, INK));
    drawMarkdown(doc, writer, p.rationale, width);
  });
  doc.moveDown(0.5);
  const y = doc.y;
  doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.5).strokeColor("#dde2ea").stroke();
  doc.moveDown(0.8);
}

/** A rationale's Markdown as formatted text: one paragraph per block, styled runs, clickable safe links. */
function drawMarkdown(doc: PDFKit.PDFDocument, writer: PdfTextWriter, source: string, width: number) {
  doc.fontSize(10);
  for (const block of parseMarkdownBlocks(source)) drawBlock(doc, writer, block, width);
  doc.x = MARGIN.left;
}

function drawBlock(doc: PDFKit.PDFDocument, writer: PdfTextWriter, block: TextBlock, width: number) {
  const x = MARGIN.left + block.depth * BLOCK_INDENT;
  const blockWidth = width - block.depth * BLOCK_INDENT;
  // The marker and the block's first line must land on the same page.
  if (doc.y + writer.lineHeight(10) > doc.page.height - MARGIN.bottom) doc.addPage();
  const y = doc.y;
  if (block.marker) {
    // Right-aligned in the gutter by hand: a fixed width would wrap "10." at its dot.
    const marker = [{ text: block.marker, style: style("regular", 10, INK) }];
    writer.paragraph(marker, { x: x - 4 - writer.widthOf(marker), width: BLOCK_INDENT * 4, direction: "ltr" });
    doc.y = y;
  }
  const spans = block.runs.map((run) => ({
    text: run.text,
    style: { ...style(fontOf(run), 10, run.link ? LINK : INK), link: run.link, underline: run.link !== null },
  }));
  writer.paragraph(spans, { x, width: blockWidth });
  doc.moveDown(0.3);
}

/** DejaVu Sans has regular, bold and oblique here; bold wins over italic, code is monospace. */
function fontOf(run: TextRun): PdfFontStyle {
  if (run.code) return "mono";
  if (run.bold) return "bold";
  return run.italic ? "italic" : "regular";
}
