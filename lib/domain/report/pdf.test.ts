import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_VERDICT_SCALE } from "../verdict-scale";
import { summarizeReport, type ReportDocument, type ReportEntry } from "./model";
import { PDF_TOC_MIN_ENTRIES, renderReportPdf } from "./pdf";
import { readPdf, testPdfFonts } from "./pdf-test-helpers";
import { claimInput, entry, reportHeader } from "./test-fixtures";

const fontsPromise = testPdfFonts();
// Reading the ~500 font files once takes a few seconds on a loaded machine; not part of any test's time.
beforeAll(async () => {
  await fontsPromise;
}, 60_000);

async function pdfBytes(report: ReportDocument): Promise<Buffer> {
  const doc = renderReportPdf(report, await fontsPromise);
  const chunks: Buffer[] = [];
  for await (const chunk of doc) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function documentOf(entries: ReportEntry[], includesWorkInProgress = false): ReportDocument {
  return { header: reportHeader({ includesWorkInProgress }), summary: summarizeReport(entries, DEFAULT_VERDICT_SCALE), entries };
}

/** Text with all whitespace collapsed, so wrapped lines still match. */
const flat = (text: string) => text.replace(/\s+/g, " ");
const squeeze = (text: string) => text.replace(/\s+/g, "");

describe("renderReportPdf", () => {
  it("is a PDF whose text (claim, verdict, rationale, evidence, people) can be extracted", async () => {
    const bytes = await pdfBytes(documentOf([entry()]));
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pdf = await readPdf(bytes);
    expect(pdf.title).toBe("Verdict report");
    const all = flat(pdf.pages.join("\n"));
    for (const text of [
      "Verdict report",
      "More than 3,000 missiles were delivered",
      "Verdict: Mostly false",
      "Numbers differ.",
      "Refutes:",
      "Ministry data — Ministry",
      "https://a.example/1",
      "Reviewer: Rita Reviewer · Approver: Ed Editor",
      "Test Desk",
    ]) {
      expect(all).toContain(text);
    }
    // The summary counts by verdict.
    expect(all).toMatch(/Mostly false\s*1/);
    expect(all).toMatch(/Claims in this report\s*1/);
  });

  it("keeps non-Latin text and markup-looking text as text", async () => {
    const text = "Ціни зросли на 5 % — </script><b>не</b> “quoted”";
    const pdf = await readPdf(await pdfBytes(documentOf([entry({ text })])));
    expect(flat(pdf.pages.join("\n"))).toContain(text);
  });

  it("numbers every page and gives long reports a table of contents with the right pages and bookmarks", async () => {
    const entries = Array.from({ length: 40 }, (_, i) =>
      entry({ id: `c${i}`, text: `Claim number ${i + 1} about the budget of year ${2000 + i}`, verdict: { ...claimInput().verdict!, rationale: "Long rationale. ".repeat(30) } }),
    );
    expect(entries.length).toBeGreaterThanOrEqual(PDF_TOC_MIN_ENTRIES);
    const pdf = await readPdf(await pdfBytes(documentOf(entries)));
    const total = pdf.pages.length;
    expect(total).toBeGreaterThan(5);
    pdf.pages.forEach((page, i) => expect(flat(page)).toContain(`Page ${i + 1} of ${total}`));
    expect(pdf.pages[1]).toContain("Contents");
    expect(pdf.outline).toHaveLength(40);
    expect(pdf.outline[0]).toBe("1. Claim number 1 about the budget of year 2000");
    // Each contents line names the page on which that claim's block starts.
    const contentsLines = pdf.pages.slice(1, 4).flatMap((page) => page.split("\n"));
    for (const i of [0, 17, 39]) {
      const line = contentsLines.find((l) => l.startsWith(`${i + 1}. Claim number ${i + 1} about`));
      expect(line, `contents line for claim ${i + 1}`).toBeDefined();
      const page = Number(/(\d+)\s*$/.exec(line!)![1]);
      expect(squeeze(pdf.pages[page - 1]!)).toContain(squeeze(`${i + 1}. Claim number ${i + 1} about the budget of year ${2000 + i}`));
    }
  });

  it("has no table of contents for a short report", async () => {
    const pdf = await readPdf(await pdfBytes(documentOf([entry(), entry({ id: "c2" })])));
    expect(pdf.pages.join("\n")).not.toContain("Contents");
    expect(pdf.outline).toHaveLength(2);
  });

  it("marks work in progress on the title page, in the contents and on the claim", async () => {
    const entries = [entry({ id: "w", status: "IN_REVIEW", verdict: null }), entry({ id: "a" }), entry({ id: "b" }), entry({ id: "c" })];
    const pdf = await readPdf(await pdfBytes(documentOf(entries, true)));
    expect(pdf.pages[0]).toContain("WORK IN PROGRESS");
    expect(pdf.pages[0]).toMatch(/Of which work in progress\s*1/);
    expect(pdf.pages[1]).toContain("[WIP]");
    expect(flat(pdf.pages.slice(2).join("\n"))).toContain("WORK IN PROGRESS — In review; not an approved verdict");
    expect(flat(pdf.pages.join("\n"))).toContain("No verdict yet");
  });

  it("is a valid one-page PDF for an empty report", async () => {
    const pdf = await readPdf(await pdfBytes(documentOf([])));
    expect(pdf.pages).toHaveLength(1);
    expect(flat(pdf.pages[0]!)).toContain("No claims match this report.");
    expect(flat(pdf.pages[0]!)).toContain("Page 1 of 1");
  });
});

describe("renderReportPdf, the rationale's Markdown", () => {
  const rationale = [
    "## Why *false*",
    "",
    "The **ministry's own figures** show 1,200 deliveries; see [the ministry report](https://ministry.example/report) and `table 4`.",
    "",
    "- first reason",
    "- second reason",
    "",
    "1. numbered step",
    "",
    "> quoted spokesperson",
    "",
    "Do not click [this trap](javascript:alert(1)) nor <b>raw html</b>.",
  ].join("\n");

  async function rationalePdf(text: string) {
    const verdict = { ...claimInput().verdict!, rationale: text };
    return readPdf(await pdfBytes(documentOf([entry({ verdict })])));
  }

  it("draws formatted text: no Markdown markers, all the words, bullets and numbers", async () => {
    const pdf = await rationalePdf(rationale);
    const all = flat(pdf.pages.join("\n"));
    for (const marker of ["**", "](", "## ", "- first", "> quoted", "`"]) expect(all).not.toContain(marker);
    for (const text of [
      "Why false",
      "The ministry's own figures show 1,200 deliveries; see the ministry report and table 4.",
      "first reason",
      "second reason",
      "numbered step",
      "quoted spokesperson",
      "Do not click this trap nor <b>raw html</b>.",
    ]) {
      expect(all).toContain(text);
    }
    expect(all).toMatch(/•\s*first reason/);
    expect(all).toMatch(/•\s*second reason/);
    expect(all).toMatch(/1\.\s*numbered step/);
  });

  it("makes http(s) links clickable and a javascript: link plain text", async () => {
    const pdf = await rationalePdf(rationale);
    expect(pdf.links).toContain("https://ministry.example/report");
    expect(pdf.links.filter((uri) => !/^https?:\/\//i.test(uri))).toEqual([]);
    expect(flat(pdf.pages.join("\n"))).toContain("this trap");
  });

  it("keeps a long numbered list whole across pages, each number beside its item", async () => {
    const items = Array.from({ length: 90 }, (_, i) => `${i + 1}. point ${i + 1} with **weight ${i + 1}**`).join("\n");
    const pdf = await rationalePdf(items);
    expect(pdf.pages.length).toBeGreaterThan(1);
    const all = flat(pdf.pages.join("\n"));
    for (const i of [1, 10, 45, 90]) expect(all).toMatch(new RegExp(`(^|\\s)${i}\\.\\s*point ${i} with weight ${i}\\b`));
    expect(all).not.toContain("**");
  });
});

describe("renderReportPdf, text in every script", { timeout: 60_000 }, () => {
  // The kind of lib/../shared/fixtures/real-world/scripts.txt: right-to-left runs with numbers and
  // punctuation inside an English sentence, scripts DejaVu lacks, emoji, characters no font has, and
  // long unbroken runs.
  const arabic = "الجيش أطلق ثلاثة آلاف صاروخ";
  const hebrew = "השר אמר שנורו 300 טילים";
  const chinese = "中国政府表示今年经济增长了百分之五点二左右而且没有任何空格的长句子会一直延续下去直到页面的边缘为止";
  const japanese = "東京都は本日発表しました";
  const korean = "정부는 오늘 발표했다";
  const devanagari = "भारत सरकार ने बताया";
  const thai = "รัฐบาลประกาศวันนี้";
  const emoji = "🚀";
  const privateUse = "\uE000";
  const longUrl = `https://example.org/${"segment".repeat(40)}`;
  const claims = [
    `The minister told the broadcaster that ${arabic} on Monday, claiming 3,000 missiles were fired at the city.`,
    `Residents said ${emoji} strikes hit more than 40 targets; ${hebrew}.`,
    `${chinese} ${japanese} ${korean}`,
    `${devanagari} — ${thai} — unknown ${privateUse} here`,
    `${"Unbroken".repeat(30)} ${longUrl}`,
  ];

  // One rendering shared by the tests below: loading the fallback fonts takes about a second, more
  // on a loaded machine.
  let rendered: ReturnType<typeof renderScriptsPdf> | undefined;
  function scriptsPdf() {
    rendered ??= renderScriptsPdf();
    return rendered;
  }

  async function renderScriptsPdf() {
    const entries = claims.map((text, i) =>
      entry({ id: `s${i}`, text, verdict: { ...claimInput().verdict!, rationale: `**${arabic}** (${hebrew}) ${chinese} ${longUrl}` } }),
    );
    return readPdf(await pdfBytes({ ...documentOf(entries), header: reportHeader({ title: `${"Title".repeat(30)} ${arabic}` }) }));
  }

  it("reads back every script in logical order, with the spaces around a right-to-left run", async () => {
    const pdf = await scriptsPdf();
    const all = flat(pdf.pages.join("\n"));
    const joined = squeeze(pdf.pages.join(""));
    expect(all).toContain(`that ${arabic} on Monday`);
    expect(all).toContain(hebrew);
    for (const text of [chinese, japanese, korean, devanagari, thai]) expect(joined).toContain(squeeze(text));
    expect(all).toContain(`said ${emoji} strikes`);
  });

  it("draws a visible, selectable placeholder for a character no font has", async () => {
    const pdf = await scriptsPdf();
    expect(flat(pdf.pages.join("\n"))).toMatch(/unknown\s*U\+E000\s*here/);
  });

  it("keeps every line, headings and unbroken runs included, inside the margins", async () => {
    const pdf = await scriptsPdf();
    expect(pdf.items.length).toBeGreaterThan(50);
    // Footer text sits in the bottom margin but inside the side margins, like everything else.
    for (const item of pdf.items) {
      expect(item.x, `left edge of "${item.str}"`).toBeGreaterThanOrEqual(56 - 0.5);
      expect(item.x + item.width, `right edge of "${item.str}"`).toBeLessThanOrEqual(item.pageWidth - 56 + 0.5);
    }
    expect(squeeze(pdf.pages.join(""))).toContain(squeeze(longUrl));
  });

  it("lays a right-to-left paragraph out from the right margin", async () => {
    const pdf = await readPdf(await pdfBytes(documentOf([entry({ text: `${arabic} 3,000 (${arabic})` })])));
    const first = pdf.items.find((item) => item.page === 2 && /[\u0600-\u06FF]/.test(item.str))!;
    const line = pdf.items.filter((item) => item.page === 2 && Math.abs(item.y - first.y) < 1);
    const right = Math.max(...line.map((item) => item.x + item.width));
    const left = Math.min(...line.map((item) => item.x));
    // The heading "1. <Arabic>" starts at the right margin, its number on the right.
    expect(line.find((item) => item.x + item.width === right)!.str).toMatch(/^1\.?$/);
    expect(left).toBeGreaterThan(56 + 20);
    expect(right).toBeGreaterThan(line[0]!.pageWidth - 56 - 2);
  });
});
