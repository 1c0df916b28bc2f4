import { describe, expect, it } from "vitest";
import { neutralizeCsvCell, renderCsvHeader, renderCsvRecords, renderReportCsv, REPORT_COLUMNS } from "./csv";
import { parseCsv } from "./csv-test-helpers";
import { entry } from "./test-fixtures";

const column = (header: string) => REPORT_COLUMNS.findIndex((c) => c.header === header);
const cell = (record: string[], header: string) => record[column(header)];

describe("neutralizeCsvCell", () => {
  it.each([
    "=1+1", "+1", "-1", "@SUM(A1)", "\t=cmd", "\r=cmd", '=HYPERLINK("http://evil","x")',
    // fullwidth, small and super/subscript compatibility forms (NFKC-equivalent) and the minus sign
    "＝1+1", "＋1", "－1", "＠SUM(A1)", "﹦1", "﹢1", "﹣1", "﹫x", "⁺1", "₊1", "⁼1", "₌1", "\u22121",
  ])("prefixes %j with an apostrophe", (value) => {
    expect(neutralizeCsvCell(value)).toBe(`'${value}`);
  });

  it.each(["Hello", "", "1 = 1", "a-b", "e@mail", "'quoted", " =leading space", "https://example.org/?q=1", "１＝１", "Ｈｅｌｌｏ", "😀=1"])("leaves %j alone", (value) => {
    expect(neutralizeCsvCell(value)).toBe(value);
  });
});

describe("renderReportCsv", () => {
  it("writes the header row and one CRLF-terminated record per claim", () => {
    const csv = renderReportCsv([entry({ id: "c1" }), entry({ id: "c2" })]);
    expect(csv.startsWith("Claim ID,Work in progress,Article,Outlet,Article URL,Claim,Status,Verdict,")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const records = parseCsv(csv);
    expect(records[0]).toEqual(REPORT_COLUMNS.map((c) => c.header));
    expect(records.slice(1).map((r) => r[0])).toEqual(["c1", "c2"]);
    for (const r of records) expect(r).toHaveLength(REPORT_COLUMNS.length);
  });

  it("writes only the header for an empty report", () => {
    expect(parseCsv(renderReportCsv([]))).toEqual([REPORT_COLUMNS.map((c) => c.header)]);
    expect(renderCsvRecords([])).toBe("");
  });

  it("is the same text whether written whole or batch by batch", () => {
    const entries = [entry({ id: "a" }), entry({ id: "b", text: 'Says "x", and\nmore' }), entry({ id: "c" })];
    expect(renderCsvHeader() + renderCsvRecords(entries.slice(0, 2)) + renderCsvRecords(entries.slice(2))).toBe(renderReportCsv(entries));
  });

  it("maps a published claim's verdict, evidence, people and dates", () => {
    const r = parseCsv(renderReportCsv([entry()]))[1]!;
    expect(cell(r, "Work in progress")).toBe("no");
    expect(cell(r, "Article URL")).toBe("https://news.example/a");
    expect(cell(r, "Status")).toBe("Published");
    expect(cell(r, "Verdict")).toBe("Mostly false");
    expect(cell(r, "Verdict state")).toBe("Published");
    expect(cell(r, "Rating value")).toBe("2");
    expect(cell(r, "Evidence URLs")).toBe("https://a.example/1\nhttps://b.example/2");
    expect(cell(r, "Evidence")).toBe("Refutes: Ministry data (Ministry)\nContext: Background (Wire)");
    expect(cell(r, "Reviewer")).toBe("Rita Reviewer");
    expect(cell(r, "Approver")).toBe("Ed Editor");
    expect(cell(r, "Approved at (UTC)")).toBe("2026-01-31T09:00:00.000Z");
    expect(cell(r, "Published at (UTC)")).toBe("2026-02-01T10:00:00.000Z");
  });

  it("marks work in progress and leaves verdict cells empty for a claim without a verdict", () => {
    const r = parseCsv(renderReportCsv([entry({ status: "ASSIGNED", verdict: null, evidence: [] })]))[1]!;
    expect(cell(r, "Work in progress")).toBe("yes");
    expect(cell(r, "Status")).toBe("Assigned");
    for (const h of ["Verdict", "Verdict state", "Rating value", "Rationale", "Evidence URLs", "Approver", "Proposed at (UTC)"]) expect(cell(r, h)).toBe("");
    expect(cell(r, "Reviewer")).toBe("Rita Reviewer");
  });

  it("quotes commas, doubles quotes, and keeps line breaks inside one quoted cell", () => {
    const rationale = 'He said "no", twice.\nSecond line\r\nThird line';
    const claim = "Prices rose 3%, then fell";
    const csv = renderReportCsv([entry({ text: claim, verdict: { ...claimVerdict(), rationale } })]);
    expect(csv).toContain('"He said ""no"", twice.\nSecond line\r\nThird line"');
    expect(csv).toContain(`"${claim}"`);
    const records = parseCsv(csv);
    expect(records).toHaveLength(2);
    expect(cell(records[1]!, "Rationale")).toBe(rationale);
    expect(cell(records[1]!, "Claim")).toBe(claim);
  });

  it("neutralises formula-looking cells in every text column, not in normal ones", () => {
    const csv = renderReportCsv([
      entry({
        text: "=cmd|' /C calc'!A0",
        verdict: { ...claimVerdict(), rationale: "+SUM(1,2)", proposedByName: "@admin" },
        article: { ...entry().article, title: "-2+3", outlet: "\tTab", publishedAt: null },
      }),
    ]);
    const r = parseCsv(csv)[1]!;
    expect(cell(r, "Claim")).toBe("'=cmd|' /C calc'!A0");
    expect(cell(r, "Rationale")).toBe("'+SUM(1,2)");
    expect(cell(r, "Reviewer")).toBe("'@admin");
    expect(cell(r, "Article")).toBe("'-2+3");
    expect(cell(r, "Outlet")).toBe("'\tTab");
    expect(cell(r, "Approver")).toBe("Ed Editor");
    expect(cell(r, "Rating value")).toBe("2");
    for (const record of parseCsv(csv)) for (const c of record) expect(c).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("neutralises fullwidth formula characters in report cells", () => {
    const r = parseCsv(renderReportCsv([entry({ text: "＝cmd|' /C calc'!A0", verdict: { ...claimVerdict(), rationale: "＠SUM(1,2)" } })]))[1]!;
    expect(cell(r, "Claim")).toBe("'＝cmd|' /C calc'!A0");
    expect(cell(r, "Rationale")).toBe("'＠SUM(1,2)");
  });

  it("neutralises a cell starting with CR and still quotes it", () => {
    const r = parseCsv(renderReportCsv([entry({ verdict: { ...claimVerdict(), rationale: "\r=1+1" } })]))[1]!;
    expect(cell(r, "Rationale")).toBe("'\r=1+1");
  });

  it("writes an empty rating value for a verdict without a number, and the label from the scale", () => {
    const r = parseCsv(renderReportCsv([entry({ verdict: { ...claimVerdict(), rating: "UNPROVEN" } })]))[1]!;
    expect(cell(r, "Verdict")).toBe("Unproven");
    expect(cell(r, "Rating value")).toBe("");
  });

  it("keeps UTF-8 text as it is", () => {
    const text = "Ціни зросли на 5 % — “nicht” 価格 😀";
    expect(cell(parseCsv(renderReportCsv([entry({ text })]))[1]!, "Claim")).toBe(text);
  });
});

function claimVerdict() {
  const v = entry().verdict!;
  return {
    rating: v.rating,
    rationale: v.rationale,
    state: v.state,
    proposedByName: "Rita Reviewer",
    approvedByName: "Ed Editor",
    proposedAt: new Date(v.proposedAt),
    approvedAt: new Date(v.approvedAt!),
    publishedAt: new Date(v.publishedAt!),
  };
}

describe("the claimant in the CSV report", () => {
  it("writes who made the claim and whether a person or an organization, and leaves both empty when not recorded", () => {
    const records = parseCsv(
      renderReportCsv([
        entry({ id: "p", claimant: { name: "Defense Secretary Pete Hegseth", kind: "PERSON" } }),
        entry({ id: "o", claimant: { name: "the city's finance department", kind: "ORGANIZATION" } }),
        entry({ id: "n" }),
      ]),
    );
    const column = (name: string) => records[0]!.indexOf(name);
    expect(records.slice(1).map((r) => [r[column("Claimant")], r[column("Claimant kind")]])).toEqual([
      ["Defense Secretary Pete Hegseth", "Person"],
      ["the city's finance department", "Organization"],
      ["", ""],
    ]);
  });
});
