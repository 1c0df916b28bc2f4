import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { extractClaims } from "@/lib/domain/extraction";
import { summarizeReport } from "@/lib/domain/report/model";
import { readPdf } from "@/lib/domain/report/pdf-test-helpers";
import { claimInput, entry, reportHeader } from "@/lib/domain/report/test-fixtures";
import { DEFAULT_VERDICT_SCALE } from "@/lib/domain/verdict-scale";
import { MAX_HTML_ATTRIBUTES_PER_ELEMENT, MAX_HTML_DEPTH, MAX_HTML_ELEMENTS, MAX_HTML_NESTING_TOTAL, MAX_HTML_TEXT_PIECES } from "@/lib/domain/html-limits";
import { MAX_TEXT_PARAGRAPHS, MAX_TEXT_PIECES } from "@/lib/domain/extraction/text-limits";
import { importArticle } from "../articles";
import { getDb } from "../db";
import { previewUploadedFile } from "../import-sources";
import { makeUser } from "../testing/factories";
import { runExtractionTask, warmExtractionPool } from "./run-task";

const pools = globalThis as unknown as { claimLedgerExtractionPool?: { destroy(): Promise<void> } };

/** Runs `work` with a new pool whose threads each wait `delayMs` before loading (worker.mjs test hook), then a normal new pool. */
async function withSlowStartingPool<T>(delayMs: number, work: () => Promise<T>): Promise<T> {
  const restart = async () => {
    await pools.claimLedgerExtractionPool?.destroy();
    delete pools.claimLedgerExtractionPool;
  };
  await restart();
  process.env.CLAIMLEDGER_EXTRACTION_TEST_START_DELAY_MS = String(delayMs);
  try {
    return await work();
  } finally {
    delete process.env.CLAIMLEDGER_EXTRACTION_TEST_START_DELAY_MS;
    await restart();
  }
}

const DEMO = readFileSync("prisma/seed/articles/000_a04bcc9c32dccfc7.txt", "utf8");

async function rowCounts() {
  const db = await getDb();
  const [articles, claims, audit] = await Promise.all([db.article.count(), db.claim.count(), db.auditEvent.count()]);
  return { articles, claims, audit };
}

/** Ticks of a 10 ms timer on this thread while `work` runs: the largest gap between ticks, in ms. */
async function largestTimerGap<T>(work: () => Promise<T>): Promise<{ result: T; gapMs: number; ticks: number; tookMs: number }> {
  let last = performance.now();
  let gapMs = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    gapMs = Math.max(gapMs, now - last);
    last = now;
    ticks++;
  }, 10);
  const t0 = performance.now();
  try {
    const result = await work();
    return { result, gapMs: Math.max(gapMs, performance.now() - last), ticks, tookMs: performance.now() - t0 };
  } finally {
    clearInterval(timer);
  }
}

/** Nice value of each thread of this process (Linux: field 19 of /proc/self/task/<tid>/stat), by thread id. */
function threadNiceValues(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync("/proc/self/task")) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
      // Fields after "(comm)": state is field 3, so nice (field 19) is index 16 of the rest.
      out.set(Number(tid), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]));
    } catch {
      // The thread ended meanwhile.
    }
  }
  return out;
}

describe("the extraction pool", () => {
  const nice = Number(process.env.CLAIMLEDGER_EXTRACTION_NICE ?? 10);
  it.runIf(process.platform === "linux" && nice > 0)("runs its worker threads at nice 10 (CLAIMLEDGER_EXTRACTION_NICE), leaving the process's main thread as it was", async () => {
    const mainBefore = threadNiceValues().get(process.pid);
    expect((await runExtractionTask("score", { text: "The council approved $4.5 million on Monday." })) > 0).toBe(true);
    const after = threadNiceValues();
    expect([...after.values()]).toContain(nice);
    expect(after.get(process.pid)).toBe(mainBefore);
    expect(mainBefore).not.toBe(nice);
  });

  it("gives the same claims as extracting on this thread", async () => {
    const pooled = await runExtractionTask("extractArticle", { text: DEMO, limit: 15 });
    expect(pooled.map(({ signature: _s, matchKeys: _k, ...c }) => c)).toEqual(extractClaims(DEMO, { suggestedOnly: true, limit: 15 }));
    expect(pooled.every((c) => c.matchKeys.length > 0)).toBe(true);
  });

  it("refuses a 17 KB upload of <div>s nested 1,500 deep at once, naming the limit", async () => {
    const editor = await makeUser("EDITOR");
    const bomb = `<html><body>${"<div>".repeat(1500)}<p>The council approved $4.5 million on Monday for the schools.</p>${"</div>".repeat(1500)}</body></html>`;
    const t0 = performance.now();
    await expect(previewUploadedFile(editor, new File([bomb], "bomb.html"))).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringContaining(`more than ${MAX_HTML_DEPTH} levels deep`),
    });
    // Refused by a linear pre-scan: far below the 18 s the parser took on this input.
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  // Pages that ran into the 30 s time limit (a worker held, the user waiting) before the one-pass limits.
  it.each<[string, string, string]>([
    ["HTML elements", "<span>a</span> ".repeat(MAX_HTML_ELEMENTS), "more than 30,000 HTML elements"],
    ["character references", `<p>${"&amp;".repeat(MAX_HTML_TEXT_PIECES)}</p>`, "more than 60,000 pieces of text"],
    ["attributes on one element", `<div ${Array.from({ length: MAX_HTML_ATTRIBUTES_PER_ELEMENT * 50 }, (_, i) => `a${i}="x"`).join(" ")}>x</div>`, "more than 100 attributes"],
    ["nesting in all", `${"<div>".repeat(250)}x${"</div>".repeat(250)}`.repeat(Math.ceil(MAX_HTML_NESTING_TOTAL / 30_000)), "more than 1,000,000 levels in all"],
  ])("refuses an upload past the limit on %s at once, naming the limit, and saves nothing", async (_what, body, words) => {
    const editor = await makeUser("EDITOR");
    const html = `<html><body><p>The council approved $4.5 million on Monday for the schools.</p>${body}</body></html>`;
    const before = await rowCounts();
    // The limit's own message, not the time limit's: refused by the one linear pass before any parsing.
    await expect(previewUploadedFile(editor, new File([html], "hostile.html"))).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringContaining(words),
    });
    expect(await rowCounts()).toEqual(before);
  });

  // Texts of tiny pieces that held a worker until the 30 s time limit at save time: previewed as the
  // import page does (HTML and Markdown become text), then saved; refused by the one counting pass.
  it.each<[string, string, string, string]>([
    ["tiny lines (.txt)", "hostile.txt", "Ab.\n".repeat(MAX_TEXT_PIECES + 1), "more than 60,000 sentences, lines or list items"],
    ["tiny Markdown paragraphs (.md)", "hostile.md", "# H\n\n* a\n\n".repeat(MAX_TEXT_PARAGRAPHS / 2 + 1), "more than 30,000 paragraphs"],
    ["one paragraph of tiny sentences (.html)", "hostile.html", `<html><body><p>${"Ab. ".repeat(MAX_TEXT_PIECES + 1)}</p></body></html>`, "more than 60,000 sentences"],
  ])("refuses saving %s past the text limits, naming the limit and what to do, and saves nothing", async (_what, fileName, content, words) => {
    const editor = await makeUser("EDITOR");
    const preview = await previewUploadedFile(editor, new File([content], fileName));
    const before = await rowCounts();
    await expect(importArticle(editor, { title: "Tiny pieces", outlet: "A", author: undefined, publishedAt: undefined, text: preview.text })).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(new RegExp(`^This text has ${words}.* nothing was imported\\. Split the document, or import only the part to check\\.$`)),
    });
    expect(await rowCounts()).toEqual(before);
  });

  it("stops a task past its time limit, terminating its worker, and the import saves nothing", async () => {
    const editor = await makeUser("EDITOR");
    const text = `${randomUUID()}\n\n${DEMO.repeat(20)}`;
    const before = await rowCounts();
    const previous = process.env.CLAIMLEDGER_EXTRACTION_TIME_LIMIT_MS;
    process.env.CLAIMLEDGER_EXTRACTION_TIME_LIMIT_MS = "50";
    try {
      await expect(importArticle(editor, { title: "Slow", outlet: "A", author: undefined, publishedAt: undefined, text })).rejects.toMatchObject({
        code: "VALIDATION",
        message: expect.stringContaining("longer than the 50 ms limit"),
      });
    } finally {
      if (previous === undefined) delete process.env.CLAIMLEDGER_EXTRACTION_TIME_LIMIT_MS;
      else process.env.CLAIMLEDGER_EXTRACTION_TIME_LIMIT_MS = previous;
    }
    expect(await rowCounts()).toEqual(before);
    // The pool still answers after the terminated worker.
    expect((await runExtractionTask("score", { text: "The council approved $4.5 million on Monday." })) > 0).toBe(true);
  });

  it("counts the run limit from the task's start, not a cold worker's start-up: a thread 4 s slow to start still runs a task under a 3 s limit", async () => {
    const t0 = performance.now();
    const score = await withSlowStartingPool(4_000, () => runExtractionTask("score", { text: "The council approved $4.5 million on Monday." }, { timeoutMs: 3_000 }));
    expect(score > 0).toBe(true);
    // The wait really was longer than the run limit.
    expect(performance.now() - t0).toBeGreaterThan(3_000);
  }, 60_000);

  it("refuses as busy (try again) a task no worker begins within the start limit, and the pool answers afterwards", async () => {
    const t0 = performance.now();
    await withSlowStartingPool(5_000, async () => {
      await expect(runExtractionTask("score", { text: "The council approved $4.5 million on Monday." }, { startLimitMs: 1_000 })).rejects.toMatchObject({
        code: "RATE_LIMITED",
        message: "The server is analysing many articles right now; try again in a few seconds.",
      });
      // Cancelled at the start limit, not after the slow thread had started and run it.
      expect(performance.now() - t0).toBeLessThan(5_000);
    });
    expect((await runExtractionTask("score", { text: "The council approved $4.5 million on Monday." })) > 0).toBe(true);
  }, 60_000);

  it("warms the pool: after warmExtractionPool the next task is begun within a 1 s start limit, though threads take 3 s to start", async () => {
    await withSlowStartingPool(3_000, async () => {
      await warmExtractionPool();
      const claims = await runExtractionTask("extractArticle", { text: DEMO, limit: 3 }, { startLimitMs: 1_000 });
      expect(claims.length).toBe(3);
    });
  }, 60_000);

  it("keeps this thread answering while a large article is analysed", async () => {
    const text = DEMO.repeat(12);
    const { result, gapMs, ticks, tookMs } = await largestTimerGap(() => runExtractionTask("extractArticle", { text, limit: 15 }));
    expect(result.length).toBe(15);
    // Extraction on this thread would block every tick until it finished (one gap as long as the task).
    expect(ticks).toBeGreaterThan(2);
    expect(gapMs).toBeLessThan(Math.max(250, tookMs / 2));
  });

  it("lays out a PDF report in the pool while this thread keeps answering, and refuses one past the time limit in PDF terms", async () => {
    const entries = Array.from({ length: 120 }, (_, i) => entry(claimInput({ id: `c${i}`, text: `Claim number ${i}: the council approved $${i}.5 million for the schools on Monday.` })));
    const document = { header: reportHeader(), summary: summarizeReport(entries, DEFAULT_VERDICT_SCALE), entries };
    const { result, gapMs, ticks, tookMs } = await largestTimerGap(() => runExtractionTask("renderPdf", { document }, { work: "pdf" }));
    const pdf = await readPdf(result);
    expect(pdf.pages.join(" ")).toContain("Claim number 119");
    // Rendering on this thread would block every tick until the PDF was finished.
    expect(ticks).toBeGreaterThan(2);
    expect(gapMs).toBeLessThan(Math.max(250, tookMs / 2));
    await expect(runExtractionTask("renderPdf", { document }, { work: "pdf", timeoutMs: 5 })).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringContaining("Laying out this PDF took longer than the 5 ms limit"),
    });
  }, 60_000);
});
