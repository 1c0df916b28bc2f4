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

export interface PdfFonts {
  regular: Uint8Array;
  bold: Uint8Array;
  italic: Uint8Array;
  /** For code in rationales. */
  mono: Uint8Array;
}

/** Reports with at least this many claims get a table of contents. */
export const PDF_TOC_MIN_ENTRIES = 4;

const MARGIN = { top: 56, bottom: 64, left: 56, right: 56 };
const INK = "#1c2330";
const MUTED = "#5b6675";
const LINK = "#1f5fbf";
const DANGER = "#b42318";
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
  doc.registerFont("regular", fonts.regular);
  doc.registerFont("bold", fonts.bold);
  doc.registerFont("italic", fonts.italic);
  doc.registerFont("mono", fonts.mono);
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const bottom = () => doc.page.height - MARGIN.bottom;

  // ---- Title page: title, scope, work-in-progress notice, summary by verdict
  doc.font("bold").fontSize(20).fillColor(INK).text(header.title);
  doc.moveDown(0.3);
  doc.font("regular").fontSize(10).fillColor(MUTED);
  doc.text(`${header.desk.name}${header.desk.url ? ` · ${header.desk.url}` : ""}`);
  doc.text(`Generated ${dateTime(header.generatedAt)}`);
  for (const line of header.scope) doc.text(line);
  if (header.includesWorkInProgress) {
    doc.moveDown(0.6);
    doc.font("bold").fontSize(11).fillColor(DANGER).text(`${WORK_IN_PROGRESS_LABEL}: this report includes claims whose verdict is not approved yet; each is marked.`);
  }
  doc.moveDown(1);
  doc.font("bold").fontSize(14).fillColor(INK).text("Summary");
  doc.moveDown(0.3);
  const summaryRows: [string, string][] = summary.byVerdict.map((v) => [v.label, String(v.count)]);
  summaryRows.push(["Claims in this report", String(summary.total)]);
  if (header.includesWorkInProgress) summaryRows.push(["Of which work in progress", String(summary.workInProgress)]);
  for (const [label, count] of summaryRows) {
    const y = doc.y;
    doc.font("regular").fontSize(11).fillColor(INK).text(label, MARGIN.left, y, { width: width - 80 });
    doc.text(count, MARGIN.left + width - 80, y, { width: 80, align: "right" });
    doc.x = MARGIN.left;
  }
  if (entries.length === 0) {
    doc.moveDown(1);
    doc.font("italic").fontSize(11).fillColor(MUTED).text("No claims match this report.");
  }

  // ---- Reserve the table of contents
  const withToc = entries.length >= PDF_TOC_MIN_ENTRIES;
  let tocFirstPage = -1;
  let tocFirstY = 0;
  const tocRowsPerPage: number[] = [];
  if (withToc) {
    doc.addPage();
    tocFirstPage = currentPage(doc);
    doc.font("bold").fontSize(14).fillColor(INK).text("Contents");
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
    renderEntry(doc, entry, index, width);
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
        doc.font("regular").fontSize(10).fillColor(entry.workInProgress ? DANGER : INK);
        const label = fitText(doc, `${row + 1}. ${entry.workInProgress ? "[WIP] " : ""}${entry.claim}`, width - 50);
        doc.text(label, MARGIN.left, y, { width: width - 50, lineBreak: false, goTo: destination(row) });
        doc.fillColor(INK).text(pageLabel, MARGIN.left + width - 40, y, { width: 40, align: "right", lineBreak: false, goTo: destination(row) });
      }
    });
  }

  // ---- Page numbers (written into the bottom margin, which must not start a new page)
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN.bottom + 24;
    doc.font("regular").fontSize(8).fillColor(MUTED);
    doc.text(truncateText(header.title, 70), MARGIN.left, y, { width: width - 90, lineBreak: false });
    doc.text(`Page ${i + 1} of ${range.count}`, MARGIN.left + width - 90, y, { width: 90, align: "right", lineBreak: false });
    doc.page.margins.bottom = saved;
  }
  doc.end();
  return doc;
}

function currentPage(doc: PDFKit.PDFDocument): number {
  const range = doc.bufferedPageRange();
  return range.start + range.count - 1;
}

function destination(index: number): string {
  return `claim-${index + 1}`;
}

/** Shortens a text with an ellipsis until it fits one line of the given width in the current font. */
function fitText(doc: PDFKit.PDFDocument, text: string, maxWidth: number): string {
  let length = 120;
  let label = truncateText(text, length);
  while (length > 8 && doc.widthOfString(label) > maxWidth) {
    length -= 4;
    label = truncateText(text, length);
  }
  return label;
}

function renderEntry(doc: PDFKit.PDFDocument, entry: ReportEntry, index: number, width: number) {
  const left = MARGIN.left;
  doc.x = left;
  doc.font("bold").fontSize(12).fillColor(INK).text(`${index + 1}. ${entry.claim}`, { width });
  doc.moveDown(0.2);
  if (entry.workInProgress) {
    doc.font("bold").fontSize(9).fillColor(DANGER).text(`${WORK_IN_PROGRESS_LABEL} — ${entry.statusLabel}; not an approved verdict`);
  }
  const v = entry.verdict;
  doc.font("bold").fontSize(10).fillColor(v?.color ?? MUTED).text(v ? `Verdict: ${v.label}` : "No verdict yet", { continued: !!v });
  if (v) {
    const value = v.ratingValue !== null ? ` · rating ${v.ratingValue}` : "";
    doc.font("regular").fillColor(MUTED).text(`${value} · ${v.stateLabel} · claim ${entry.statusLabel.toLowerCase()}`);
  }
  if (entry.claimant) doc.font("regular").fontSize(9).fillColor(INK).text(`Claimed by ${entry.claimant.name} (${entry.claimant.kind === "PERSON" ? "person" : "organization"})`);
  doc.font("regular").fontSize(9).fillColor(MUTED).text(`${entry.article.title} — ${entry.article.outlet}, ${day(entry.article.publishedAt)}`);
  if (isHttpUrl(entry.article.url)) doc.fillColor(LINK).text(entry.article.url, { link: entry.article.url, underline: true });
  doc.moveDown(0.3);

  // The quote in its context, "…prefix QUOTE suffix…", as one paragraph.
  const oneLine = (text: string) => text.replace(/\s+/g, " ");
  doc.font("italic").fontSize(10).fillColor(MUTED).text(`…${oneLine(entry.quote.prefix)}`, { continued: true, width });
  doc.font("bold").fillColor(INK).text(oneLine(entry.quote.exact), { continued: true });
  doc.font("italic").fillColor(MUTED).text(`${oneLine(entry.quote.suffix)}…`);
  doc.moveDown(0.3);

  if (v) {
    doc.font("bold").fontSize(10).fillColor(INK).text("Rationale");
    drawMarkdown(doc, v.rationale, width);
    doc.moveDown(0.3);
  }
  doc.font("bold").fontSize(10).fillColor(INK).text(entry.evidence.length ? `Evidence (${entry.evidence.length})` : "Evidence: none");
  for (const e of entry.evidence) {
    doc.font("bold").fontSize(9).fillColor(STANCE_COLORS[e.stance] ?? MUTED).text(`• ${e.stanceLabel}: `, { continued: true, indent: 8 });
    doc.font("regular").fillColor(INK).text(`${e.title} — ${e.publisher}`);
    if (e.quote) doc.font("italic").fillColor(MUTED).text(`“${e.quote}”`, { indent: 16 });
    if (isHttpUrl(e.url)) doc.font("regular").fillColor(LINK).text(e.url, { link: e.url, underline: true, indent: 16 });
    if (e.archivedAt) doc.font("regular").fillColor(MUTED).text(`Archived ${e.archivedAt.slice(0, 16).replace("T", " ")} UTC · SHA-256 ${e.sha256 ?? "—"}`, { indent: 16 });
  }
  doc.moveDown(0.3);
  doc.font("regular").fontSize(9).fillColor(MUTED);
  doc.text(`Reviewer: ${entry.reviewer ?? "—"} · Approver: ${entry.approver ?? "—"}`);
  if (v) doc.text(`Proposed ${day(v.proposedAt)} · Approved ${day(v.approvedAt)} · Published ${day(v.publishedAt)}`);
  // A blind double review's two proposals, from the report model: each line, then its rationale.
  entry.proposals.forEach((p, i) => {
    if (i === 0) doc.moveDown(0.3).font("bold").fontSize(10).fillColor(INK).text("Double review: both proposals");
    doc.font("regular").fontSize(9).fillColor(INK).text(describeProposals({ proposals: [p] })[0]!);
    drawMarkdown(doc, p.rationale, width);
  });
  doc.moveDown(0.5);
  const y = doc.y;
  doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.5).strokeColor("#dde2ea").stroke();
  doc.moveDown(0.8);
}

/** A rationale's Markdown as formatted text: one paragraph per block, styled runs, clickable safe links. */
function drawMarkdown(doc: PDFKit.PDFDocument, source: string, width: number) {
  doc.fontSize(10);
  for (const block of parseMarkdownBlocks(source)) drawBlock(doc, block, width);
  doc.x = MARGIN.left;
}

function drawBlock(doc: PDFKit.PDFDocument, block: TextBlock, width: number) {
  const x = MARGIN.left + block.depth * BLOCK_INDENT;
  const blockWidth = width - block.depth * BLOCK_INDENT;
  // The marker and the block's first line must land on the same page.
  if (doc.y + doc.currentLineHeight(true) > doc.page.height - MARGIN.bottom) doc.addPage();
  const y = doc.y;
  if (block.marker) {
    // Right-aligned in the gutter by hand: a fixed width would wrap "10." at its dot.
    doc.font("regular").fillColor(INK);
    doc.text(block.marker, x - 4 - doc.widthOfString(block.marker), y, { lineBreak: false });
  }
  if (block.runs.length === 0) {
    doc.y = y + doc.currentLineHeight(true);
  }
  block.runs.forEach((run, i) => {
    const last = i === block.runs.length - 1;
    const options: PDFKit.Mixins.TextOptions = { width: blockWidth, continued: !last, link: run.link, underline: run.link !== null };
    doc.font(fontOf(run)).fillColor(run.link ? LINK : INK);
    if (i === 0) doc.text(run.text, x, y, options);
    else doc.text(run.text, options);
  });
  doc.moveDown(0.3);
}

/** DejaVu Sans has regular, bold and oblique here; bold wins over italic, code is monospace. */
function fontOf(run: TextRun): string {
  if (run.code) return "mono";
  if (run.bold) return "bold";
  return run.italic ? "italic" : "regular";
}
