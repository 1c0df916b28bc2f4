import { describe, expect, it } from "vitest";
import { buildReportRows, neutralizeCsvCell, renderReportCsv, REPORT_COLUMNS, type ReportClaimInput, type ReportRow } from "./report";
import { DEFAULT_VERDICT_SCALE, type VerdictRating } from "./verdict-scale";

/** A strict RFC 4180 reader: CRLF between records, fields quoted when they hold , " CR or LF. */
function parseCsv(csv: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  for (;;) {
    let field = "";
    if (csv[i] === '"') {
      i++;
      for (;;) {
        if (i >= csv.length) throw new Error("unterminated quoted field");
        if (csv[i] === '"') {
          if (csv[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += csv[i++];
      }
    } else {
      while (i < csv.length && csv[i] !== "," && csv[i] !== "\r" && csv[i] !== "\n") {
        if (csv[i] === '"') throw new Error(`bare quote in unquoted field at ${i}`);
        field += csv[i++];
      }
    }
    record.push(field);
    if (csv[i] === ",") {
      i++;
      continue;
    }
    if (csv.startsWith("\r\n", i)) {
      records.push(record);
      record = [];
      i += 2;
      if (i === csv.length) return records;
      continue;
    }
    throw new Error(`expected , or CRLF at ${i}, found ${JSON.stringify(csv.slice(i, i + 5))}`);
  }
}

function row(overrides: Partial<ReportRow> = {}): ReportRow {
  return {
    claimId: "c1",
    article: "Article",
    outlet: "Outlet",
    claim: "Claim text",
    status: "Published",
    verdict: "False",
    verdictState: "Published",
    ratingValue: 1,
    rationale: "Because.",
    evidenceUrls: ["https://example.org/a"],
    reviewer: "Rita Reviewer",
    approver: "Ed Editor",
    proposedAt: "2026-01-02T03:04:05.000Z",
    approvedAt: "2026-01-03T03:04:05.000Z",
    updatedAt: "2026-01-04T03:04:05.000Z",
    ...overrides,
  };
}

const column = (key: keyof ReportRow) => REPORT_COLUMNS.findIndex((c) => c.key === key);

describe("neutralizeCsvCell", () => {
  it.each(["=1+1", "+1", "-1", "@SUM(A1)", "\t=cmd", "\r=cmd", '=HYPERLINK("http://evil","x")'])(
    "prefixes %j with an apostrophe",
    (value) => {
      expect(neutralizeCsvCell(value)).toBe(`'${value}`);
    },
  );

  it.each(["Hello", "", "1 = 1", "a-b", "e@mail", "'quoted", " =leading space", "https://example.org/?q=1"])(
    "leaves %j alone",
    (value) => {
      expect(neutralizeCsvCell(value)).toBe(value);
    },
  );
});

describe("renderReportCsv", () => {
  it("writes the header row and one CRLF-terminated record per row", () => {
    const csv = renderReportCsv([row({ claimId: "c1" }), row({ claimId: "c2" })]);
    expect(csv.startsWith("Claim ID,Article,Outlet,Claim,Status,Verdict,Verdict state,Rating value,Rationale,Evidence URLs,")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.split("\r\n")).toHaveLength(4); // header, two rows, trailing empty
    const records = parseCsv(csv);
    expect(records[0]).toEqual(REPORT_COLUMNS.map((c) => c.header));
    expect(records.slice(1).map((r) => r[column("claimId")])).toEqual(["c1", "c2"]);
    for (const r of records) expect(r).toHaveLength(REPORT_COLUMNS.length);
  });

  it("writes only the header for an empty report", () => {
    expect(parseCsv(renderReportCsv([]))).toEqual([REPORT_COLUMNS.map((c) => c.header)]);
  });

  it("quotes commas, doubles quotes, and keeps line breaks inside one quoted cell", () => {
    const rationale = 'He said "no", twice.\nSecond line\r\nThird line';
    const claim = "Prices rose 3%, then fell";
    const csv = renderReportCsv([
      row({ rationale, claim, evidenceUrls: ["https://example.org/a", "https://example.org/b?x=1,2"] }),
    ]);
    expect(csv).toContain('"He said ""no"", twice.\nSecond line\r\nThird line"');
    expect(csv).toContain(`"${claim}"`);
    const records = parseCsv(csv);
    expect(records).toHaveLength(2);
    expect(records[1]![column("rationale")]).toBe(rationale);
    expect(records[1]![column("claim")]).toBe(claim);
    expect(records[1]![column("evidenceUrls")]).toBe("https://example.org/a\nhttps://example.org/b?x=1,2");
  });

  it("neutralises formula-looking cells in every text column, not in normal ones", () => {
    const csv = renderReportCsv([
      row({ claim: "=cmd|' /C calc'!A0", rationale: "+SUM(1,2)", reviewer: "@admin", article: "-2+3", outlet: "\tTab" }),
    ]);
    const r = parseCsv(csv)[1]!;
    expect(r[column("claim")]).toBe("'=cmd|' /C calc'!A0");
    expect(r[column("rationale")]).toBe("'+SUM(1,2)");
    expect(r[column("reviewer")]).toBe("'@admin");
    expect(r[column("article")]).toBe("'-2+3");
    expect(r[column("outlet")]).toBe("'\tTab");
    expect(r[column("approver")]).toBe("Ed Editor");
    expect(r[column("ratingValue")]).toBe("1");
  });

  it("neutralises a cell starting with CR and still quotes it", () => {
    const r = parseCsv(renderReportCsv([row({ rationale: "\r=1+1" })]))[1]!;
    expect(r[column("rationale")]).toBe("'\r=1+1");
  });

  it("writes an empty cell for a missing rating value", () => {
    const r = parseCsv(renderReportCsv([row({ ratingValue: null })]))[1]!;
    expect(r[column("ratingValue")]).toBe("");
  });
});

describe("buildReportRows", () => {
  const base: ReportClaimInput = {
    id: "claim-1",
    text: "More than 3,000 missiles",
    status: "APPROVED",
    articleTitle: "The article",
    articleOutlet: "The outlet",
    articleUrl: "https://news.example/a",
    assigneeName: "Rita",
    updatedAt: new Date("2026-02-01T10:00:00Z"),
    verdict: {
      rating: "MOSTLY_FALSE",
      rationale: "Numbers differ.",
      state: "APPROVED",
      proposedByName: "Rita",
      approvedByName: "Ed",
      proposedAt: new Date("2026-01-30T09:00:00Z"),
      approvedAt: new Date("2026-01-31T09:00:00Z"),
    },
    evidence: [
      { url: "https://a.example/1", stance: "REFUTES" },
      { url: "https://b.example/2", stance: "CONTEXT" },
    ],
  };

  it("maps a claim with a verdict, taking the label and value from the scale", () => {
    const [r] = buildReportRows([base], DEFAULT_VERDICT_SCALE);
    expect(r).toEqual({
      claimId: "claim-1",
      article: "The article",
      outlet: "The outlet",
      claim: "More than 3,000 missiles",
      status: "Approved",
      verdict: "Mostly false",
      verdictState: "Approved",
      ratingValue: 2,
      rationale: "Numbers differ.",
      evidenceUrls: ["https://a.example/1", "https://b.example/2"],
      reviewer: "Rita",
      approver: "Ed",
      proposedAt: "2026-01-30T09:00:00.000Z",
      approvedAt: "2026-01-31T09:00:00.000Z",
      updatedAt: "2026-02-01T10:00:00.000Z",
    });
    const csvRow = parseCsv(renderReportCsv([r!]))[1]!;
    expect(csvRow[column("evidenceUrls")]).toBe("https://a.example/1\nhttps://b.example/2");
  });

  it("uses an edited scale's label", () => {
    const scale: VerdictRating[] = DEFAULT_VERDICT_SCALE.map((r) => (r.key === "MOSTLY_FALSE" ? { ...r, label: "Largely wrong" } : r));
    expect(buildReportRows([base], scale)[0]!.verdict).toBe("Largely wrong");
  });

  it("falls back to the stored key for a rating no longer on the scale", () => {
    const [r] = buildReportRows([{ ...base, verdict: { ...base.verdict!, rating: "RETIRED" } }], DEFAULT_VERDICT_SCALE);
    expect(r!.verdict).toBe("RETIRED");
    expect(r!.ratingValue).toBeNull();
  });

  it("maps a claim without a verdict to empty verdict cells and the assignee as reviewer", () => {
    const [r] = buildReportRows([{ ...base, status: "ASSIGNED", verdict: null, evidence: [] }], DEFAULT_VERDICT_SCALE);
    expect(r).toMatchObject({
      status: "Assigned",
      verdict: "",
      verdictState: "",
      ratingValue: null,
      rationale: "",
      evidenceUrls: [],
      reviewer: "Rita",
      approver: "",
      proposedAt: "",
      approvedAt: "",
    });
  });

  it("keeps the input order and one row per claim", () => {
    const rows = buildReportRows([{ ...base, id: "b" }, { ...base, id: "a" }], DEFAULT_VERDICT_SCALE);
    expect(rows.map((r) => r.claimId)).toEqual(["b", "a"]);
  });
});
