import { describe, expect, it } from "vitest";
import { DEFAULT_VERDICT_SCALE } from "../verdict-scale";
import { createReportStreamWriter } from "./formats";
import { renderNdjsonLines } from "./json";
import { entry, reportHeader } from "./test-fixtures";

function writeAll(format: "json" | "ndjson" | "claimreview" | "csv", batches: ReturnType<typeof entry>[][], header = reportHeader()) {
  const writer = createReportStreamWriter(format, header, DEFAULT_VERDICT_SCALE);
  return writer.start() + batches.map((b) => writer.write(b)).join("") + writer.end();
}

describe("NDJSON", () => {
  it("writes exactly one line per claim, each a JSON object, even with line breaks and separators in the text", () => {
    const tricky = "Line one\nline two\r\nthree\u2028four\u2029five";
    const text = renderNdjsonLines([entry({ id: "a", text: tricky }), entry({ id: "b" })], reportHeader());
    expect(text.endsWith("\n")).toBe(true);
    const lines = text.slice(0, -1).split("\n");
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).not.toMatch(/[\r\u2028\u2029]/);
    const first = JSON.parse(lines[0]!);
    expect(first).toMatchObject({ id: "a", text: tricky, url: "https://app.example/claims/a/report", workInProgress: false });
    expect(JSON.parse(lines[1]!).id).toBe("b");
  });

  it("writes nothing for an empty report and the same lines whatever the batches", () => {
    expect(writeAll("ndjson", [])).toBe("");
    const entries = [entry({ id: "a" }), entry({ id: "b" }), entry({ id: "c" })];
    expect(writeAll("ndjson", [entries.slice(0, 1), [], entries.slice(1)])).toBe(writeAll("ndjson", [entries]));
  });
});

describe("JSON", () => {
  it("is one valid document: header, claims in order, summary at the end", () => {
    const wip = entry({ id: "w", status: "IN_REVIEW", verdict: null });
    const doc = JSON.parse(writeAll("json", [[entry({ id: "a" })], [], [wip, entry({ id: "b" })]], reportHeader({ includesWorkInProgress: true })));
    expect(doc.report).toMatchObject({ title: "Verdict report", includesWorkInProgress: true, desk: { name: "Test Desk" } });
    expect(doc.report.baseUrl).toBeUndefined();
    expect(doc.claims.map((c: { id: string }) => c.id)).toEqual(["a", "w", "b"]);
    expect(doc.claims[1]).toMatchObject({ workInProgress: true, verdict: null, status: "IN_REVIEW" });
    expect(doc.claims[0].evidence[0]).toEqual({
      url: "https://a.example/1",
      title: "Ministry data",
      publisher: "Ministry",
      quote: "Only 1,200.",
      stance: "REFUTES",
      stanceLabel: "Refutes",
      archivedAt: null,
      sha256: null,
      file: null,
    });
    expect(doc.summary).toMatchObject({ total: 3, workInProgress: 1 });
  });

  it("is a valid empty report when nothing matches", () => {
    const doc = JSON.parse(writeAll("json", [[], []]));
    expect(doc.claims).toEqual([]);
    expect(doc.summary).toEqual({ total: 0, workInProgress: 0, byVerdict: [] });
  });
});
