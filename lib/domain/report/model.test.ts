import { describe, expect, it } from "vitest";
import { DEFAULT_VERDICT_SCALE, type VerdictRating } from "../verdict-scale";
import { buildReportEntry, claimReportUrl, createSummaryCounter, describeProposals, isFinalVerdict, reportInputFromRow, summarizeReport, truncateText } from "./model";
import { claimInput, entry } from "./test-fixtures";

describe("buildReportEntry", () => {
  it("takes the label and number from the scale and writes dates as UTC ISO strings", () => {
    const e = entry();
    expect(e).toMatchObject({
      claimId: "claim-1",
      statusLabel: "Published",
      workInProgress: false,
      quote: { prefix: "Officials said that ", exact: "More than 3,000 missiles", suffix: " were approved for delivery." },
      article: { publishedAt: "2026-01-20T08:00:00.000Z", author: "Jane Writer" },
      verdict: { rating: "MOSTLY_FALSE", label: "Mostly false", ratingValue: 2, stateLabel: "Published", publishedAt: "2026-02-01T10:00:00.000Z" },
      reviewer: "Rita Reviewer",
      approver: "Ed Editor",
    });
    expect(e.evidence.map((x) => x.stanceLabel)).toEqual(["Refutes", "Context"]);
  });

  it("uses an edited scale's label and falls back to the stored key for a retired rating", () => {
    const scale: VerdictRating[] = DEFAULT_VERDICT_SCALE.map((r) => (r.key === "MOSTLY_FALSE" ? { ...r, label: "Largely wrong" } : r));
    expect(buildReportEntry(claimInput(), scale).verdict!.label).toBe("Largely wrong");
    const retired = buildReportEntry(claimInput({ verdict: { ...claimInput().verdict!, rating: "RETIRED" } }), DEFAULT_VERDICT_SCALE);
    expect(retired.verdict).toMatchObject({ label: "RETIRED", ratingValue: null, color: null });
  });

  it("marks as work in progress every claim without an approved or published verdict", () => {
    const v = claimInput().verdict!;
    expect(entry({ status: "APPROVED", verdict: { ...v, state: "APPROVED" } }).workInProgress).toBe(false);
    expect(entry({ status: "PROPOSED", verdict: { ...v, state: "PROPOSED" } }).workInProgress).toBe(true);
    expect(entry({ status: "REOPENED", verdict: { ...v, state: "PUBLISHED" } }).workInProgress).toBe(true);
    expect(entry({ status: "NEW", verdict: null }).workInProgress).toBe(true);
    expect(isFinalVerdict("PUBLISHED", undefined)).toBe(false);
  });

  it("names the assignee as reviewer while there is no verdict", () => {
    expect(entry({ verdict: null, assigneeName: "Sam" })).toMatchObject({ reviewer: "Sam", approver: null, verdict: null });
  });
});

describe("summaries", () => {
  it("counts by verdict in scale order, then unknown ratings, then claims without a verdict", () => {
    const v = claimInput().verdict!;
    const entries = [
      entry({ verdict: { ...v, rating: "FALSE" } }),
      entry({ verdict: { ...v, rating: "TRUE" } }),
      entry({ verdict: { ...v, rating: "FALSE" } }),
      entry({ verdict: { ...v, rating: "RETIRED" } }),
      entry({ status: "NEW", verdict: null }),
    ];
    expect(summarizeReport(entries, DEFAULT_VERDICT_SCALE)).toEqual({
      total: 5,
      workInProgress: 1,
      byVerdict: [
        { rating: "TRUE", label: "True", count: 1 },
        { rating: "FALSE", label: "False", count: 2 },
        { rating: "RETIRED", label: "RETIRED", count: 1 },
        { rating: null, label: "No verdict yet", count: 1 },
      ],
    });
  });

  it("gives the same counts batch by batch", () => {
    const entries = [entry(), entry({ status: "NEW", verdict: null }), entry()];
    const counter = createSummaryCounter(DEFAULT_VERDICT_SCALE);
    counter.add(entries.slice(0, 1));
    counter.add([]);
    counter.add(entries.slice(1));
    expect(counter.result()).toEqual(summarizeReport(entries, DEFAULT_VERDICT_SCALE));
    expect(summarizeReport([], DEFAULT_VERDICT_SCALE)).toEqual({ total: 0, workInProgress: 0, byVerdict: [] });
  });
});

describe("helpers", () => {
  it("builds the claim report permalink on the app's origin", () => {
    expect(claimReportUrl({ baseUrl: "https://app.example" }, "c1")).toBe("https://app.example/claims/c1/report");
  });

  it("shortens text on code points with an ellipsis", () => {
    expect(truncateText("short", 10)).toBe("short");
    expect(truncateText("one  two\nthree", 20)).toBe("one two three");
    expect(truncateText("😀😀😀😀😀", 3)).toBe("😀😀…");
  });
});

describe("reportInputFromRow", () => {
  const row = {
    id: "c1",
    text: "Claim",
    status: "PUBLISHED",
    quote: "Claim",
    prefix: "before ",
    suffix: " after",
    updatedAt: "2026-02-01T10:00:00.000+00:00",
    articleId: "a1",
    title: "Article",
    outlet: "Outlet",
    author: null,
    url: "https://news.example/a",
    publishedAt: null,
    assigneeName: "Rita",
    rating: "FALSE",
    rationale: "Because.",
    state: "PUBLISHED",
    proposedAt: "2026-01-30T09:00:00.000+00:00",
    approvedAt: "2026-01-31T09:00:00.000+00:00",
    verdictPublishedAt: "2026-02-01T10:00:00.000+00:00",
    proposedByName: "Rita",
    approvedByName: "Ed",
    evidence: '[["https://a.example/1","Data","Ministry","Only 1,200.","REFUTES"]]',
  };

  it("reads a flat SQL row with ISO-string dates and JSON-text evidence", () => {
    const input = reportInputFromRow(row);
    expect(input.updatedAt.toISOString()).toBe("2026-02-01T10:00:00.000Z");
    expect(input.verdict).toMatchObject({ rating: "FALSE", proposedByName: "Rita", approvedByName: "Ed" });
    expect(input.verdict!.publishedAt!.toISOString()).toBe("2026-02-01T10:00:00.000Z");
    expect(input.evidence).toEqual([{ url: "https://a.example/1", title: "Data", publisher: "Ministry", quote: "Only 1,200.", stance: "REFUTES", archivedAt: null, sha256: null, fileName: null, fileSha256: null }]);
    // Archived evidence: SQLite's ISO text keeps its offset; PostgreSQL's zone-less timestamp is UTC.
    for (const at of ["2026-12-01T04:05:02.454+00:00", "2026-12-01T04:05:02.454"]) {
      const archived = reportInputFromRow({ ...row, evidence: JSON.stringify([["https://a.example/1", "D", "M", "Q", "SUPPORTS", at, "ab".repeat(32)]]) });
      expect(archived.evidence[0]).toMatchObject({ archivedAt: new Date("2026-12-01T04:05:02.454Z"), sha256: "ab".repeat(32) });
    }
    // A file attached as evidence: its name and hash follow the archive columns.
    const withFile = reportInputFromRow({ ...row, evidence: JSON.stringify([["https://a.example/1", "D", "M", "Q", "SUPPORTS", null, null, "scan.pdf", "cd".repeat(32)]]) });
    expect(withFile.evidence[0]).toMatchObject({ fileName: "scan.pdf", fileSha256: "cd".repeat(32) });
    expect(input.article).toEqual({ id: "a1", title: "Article", outlet: "Outlet", author: null, url: "https://news.example/a", publishedAt: null });
  });

  it("accepts Date objects and parsed evidence, and a claim without verdict or evidence", () => {
    const input = reportInputFromRow({
      ...row,
      updatedAt: new Date("2026-02-01T10:00:00Z"),
      rating: null,
      rationale: null,
      state: null,
      proposedAt: null,
      approvedAt: null,
      verdictPublishedAt: null,
      proposedByName: null,
      approvedByName: null,
      evidence: [],
    });
    expect(input.verdict).toBeNull();
    expect(input.evidence).toEqual([]);
    expect(buildReportEntry(input, DEFAULT_VERDICT_SCALE)).toMatchObject({ workInProgress: true, reviewer: "Rita", updatedAt: "2026-02-01T10:00:00.000Z" });
    expect(reportInputFromRow({ ...row, evidence: null }).evidence).toEqual([]);
  });
});

describe("a blind double review's proposals in the report model", () => {
  const proposals = [
    { slot: 1, reviewerName: "Riley", rating: "MOSTLY_TRUE", state: "APPROVED", rationale: "Close.", proposedAt: new Date("2026-01-30T09:00:00Z"), snapshotLabel: "Mostly accurate" },
    { slot: 2, reviewerName: "Sam", rating: "TRUE", state: "SUPERSEDED", rationale: "Right.", proposedAt: new Date("2026-01-30T10:15:00Z"), snapshotLabel: null },
  ];

  it("keeps both, with the label in force at approval, the scale's label otherwise, and the one not chosen marked", () => {
    const e = entry({ proposals });
    expect(e.proposals).toEqual([
      { slot: 1, reviewer: "Riley", rating: "MOSTLY_TRUE", label: "Mostly accurate", state: "APPROVED", stateLabel: "Approved", rationale: "Close.", proposedAt: "2026-01-30T09:00:00.000Z" },
      { slot: 2, reviewer: "Sam", rating: "TRUE", label: "True", state: "SUPERSEDED", stateLabel: "Not chosen", rationale: "Right.", proposedAt: "2026-01-30T10:15:00.000Z" },
    ]);
    expect(describeProposals(e)).toEqual([
      "Reviewer 1, Riley: Mostly accurate (proposed 2026-01-30 09:00 UTC; Approved)",
      "Reviewer 2, Sam: True (proposed 2026-01-30 10:15 UTC; Not chosen)",
    ]);
  });

  it("reads both from a SQL row's JSON, and none when only one reviewer's proposal was read", () => {
    const row = {
      id: "c", text: "t", status: "PROPOSED", quote: "q", prefix: "", suffix: "", updatedAt: "2026-01-30T10:15:00.000Z",
      articleId: "a", title: "T", outlet: "O", author: null, url: null, publishedAt: null, assigneeName: null,
      rating: null, rationale: null, state: null, proposedAt: null, approvedAt: null, verdictPublishedAt: null, proposedByName: null, approvedByName: null,
      evidence: "[]",
    };
    const two = JSON.stringify([[1, "Riley", "MOSTLY_TRUE", "PROPOSED", "Close.", "2026-01-30T09:00:00.000Z", null], [2, "Sam", "TRUE", "PROPOSED", "Right.", "2026-01-30T10:15:00", null]]);
    expect(reportInputFromRow({ ...row, proposals: two }).proposals?.map((p) => [p.reviewerName, p.proposedAt.toISOString()])).toEqual([
      ["Riley", "2026-01-30T09:00:00.000Z"],
      ["Sam", "2026-01-30T10:15:00.000Z"],
    ]);
    expect(reportInputFromRow({ ...row, proposals: JSON.stringify([[1, "Riley", "MOSTLY_TRUE", "PROPOSED", "Close.", "2026-01-30T09:00:00.000Z", null]]) }).proposals).toEqual([]);
  });
});
