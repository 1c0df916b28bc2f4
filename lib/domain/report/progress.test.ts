import { describe, expect, it } from "vitest";
import { DEFAULT_VERDICT_SCALE } from "../verdict-scale";
import { createReportStreamWriter } from "./formats";
import { createRowCounter, filenameFromDisposition } from "./progress";
import { entry, reportHeader } from "./test-fixtures";

function chunked(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

describe("createRowCounter", () => {
  const entries = [entry({ id: "a", text: 'Multi\nline, "quoted"\r\nclaim' }), entry({ id: "b" }), entry({ id: "c", text: "{braces}\n{more}" })];
  it.each(["csv", "ndjson", "json", "claimreview"] as const)("counts the claims of a %s download, whatever the chunking", (format) => {
    const writer = createReportStreamWriter(format, reportHeader(), DEFAULT_VERDICT_SCALE);
    const text = writer.start() + writer.write(entries) + writer.end();
    for (const size of [1, 7, 64, text.length]) {
      const counter = createRowCounter(format);
      for (const chunk of chunked(text, size)) counter.push(chunk);
      expect(counter.rows).toBe(3);
    }
  });

  it("counts nothing in an empty report and has no count for PDF", () => {
    const writer = createReportStreamWriter("csv", reportHeader(), DEFAULT_VERDICT_SCALE);
    const counter = createRowCounter("csv");
    counter.push(writer.start() + writer.end());
    expect(counter.rows).toBe(0);
    expect(createRowCounter("pdf").rows).toBeNull();
  });

  it("reads the file name of a download", () => {
    expect(filenameFromDisposition('attachment; filename="claimledger-report-x.csv"', "f")).toBe("claimledger-report-x.csv");
    expect(filenameFromDisposition(null, "fallback.csv")).toBe("fallback.csv");
  });
});
