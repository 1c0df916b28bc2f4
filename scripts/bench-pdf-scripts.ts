/**
 * PDF report benchmark (issue 16, text in every script): renders the same number of claims with
 * Latin-only text and with mixed scripts (Arabic, Hebrew, Chinese, Korean, Devanagari, Thai, emoji,
 * a character no font has, a long URL), alternating the two (A/B then B/A) so load on the shared
 * machine hits both alike, and prints per kind the median time, pages and bytes, and the ratio
 * mixed/Latin. Also the one-off cost of loading the fonts (time, heap + external memory growth).
 *
 *   npm run bench:pdf-scripts [-- --claims 50] [--runs 6]
 *
 * In process, no server and no database; every loop is bounded by --claims (≤ 500) and --runs (≤ 20).
 */
import { DEFAULT_VERDICT_SCALE } from "../lib/domain/verdict-scale";
import { summarizeReport, type ReportEntry } from "../lib/domain/report/model";
import { renderReportPdf } from "../lib/domain/report/pdf";
import { loadPdfFonts } from "../lib/domain/report/pdf-fonts";
import { claimInput, entry, reportHeader } from "../lib/domain/report/test-fixtures";

function option(name: string, fallback: number, max: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`--${name} must be an integer from 1 to ${max}`);
  return value;
}

const claims = option("claims", 50, 500);
const runs = option("runs", 6, 20);

const MIXED = [
  "The minister told the broadcaster that الجيش أطلق ثلاثة آلاف صاروخ on Monday, claiming 3,000 missiles.",
  "Residents said 🚀 strikes hit 40 targets; השר אמר שנורו 300 טילים (בערך).",
  "中国政府表示今年经济增长了百分之五点二左右 한국 정부는 오늘 발표했다 भारत सरकार ने बताया รัฐบาลประกาศวันนี้ \uE000",
];
const LATIN = "The minister told the broadcaster that the army fired three thousand missiles on Monday, claiming 3,000 missiles.";

function entries(mixed: boolean): ReportEntry[] {
  return Array.from({ length: claims }, (_, i) =>
    entry({
      id: `c${i}`,
      text: mixed ? MIXED[i % MIXED.length]! : LATIN,
      verdict: { ...claimInput().verdict!, rationale: mixed ? `${MIXED[(i + 1) % MIXED.length]} https://example.org/${"x".repeat(120)}` : `${LATIN} https://example.org/${"x".repeat(120)}` },
    }),
  );
}

async function render(list: ReportEntry[], fonts: Awaited<ReturnType<typeof loadPdfFonts>>) {
  const started = performance.now();
  const doc = renderReportPdf({ header: reportHeader(), summary: summarizeReport(list, DEFAULT_VERDICT_SCALE), entries: list }, fonts);
  const chunks: Buffer[] = [];
  for await (const chunk of doc) chunks.push(chunk as Buffer);
  const pdf = Buffer.concat(chunks);
  // pdfkit writes page dictionaries uncompressed: "/Type /Page" (not "/Pages") once per page.
  const pages = pdf.toString("latin1").match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
  return { ms: performance.now() - started, bytes: pdf.length, pages };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const before = process.memoryUsage();
const loadStart = performance.now();
const fonts = await loadPdfFonts();
const loadMs = performance.now() - loadStart;
const after = process.memoryUsage();
console.log(`fonts: loaded in ${loadMs.toFixed(0)} ms; heap + external +${((after.heapUsed + after.external - before.heapUsed - before.external) / 1e6).toFixed(1)} MB`);

const latinList = entries(false);
const mixedList = entries(true);
// Warm-up: the first use of each font parses its tables.
await render(mixedList.slice(0, 3), fonts);
await render(latinList.slice(0, 3), fonts);
const results = { latin: [] as Awaited<ReturnType<typeof render>>[], mixed: [] as Awaited<ReturnType<typeof render>>[] };
for (let run = 0; run < runs; run++) {
  const order = run % 2 === 0 ? (["latin", "mixed"] as const) : (["mixed", "latin"] as const);
  for (const kind of order) results[kind].push(await render(kind === "latin" ? latinList : mixedList, fonts));
}
for (const kind of ["latin", "mixed"] as const) {
  const r = results[kind];
  console.log(`${kind}: ${claims} claims, ${r[0]!.pages} pages, ${(r[0]!.bytes / 1024).toFixed(0)} KiB, median ${median(r.map((x) => x.ms)).toFixed(0)} ms (${runs} runs)`);
}
const ratios = results.latin.map((l, i) => results.mixed[i]!.ms / l.ms);
console.log(`mixed/latin time ratio (median of paired runs): ${median(ratios).toFixed(2)}`);
console.log(`rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
