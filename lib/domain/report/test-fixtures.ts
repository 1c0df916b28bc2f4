/** Report fixtures shared by the renderers' unit tests. */
import { DEFAULT_VERDICT_SCALE } from "../verdict-scale";
import { buildReportEntry, type ReportClaimInput, type ReportEntry, type ReportHeader } from "./model";

export function claimInput(overrides: Partial<ReportClaimInput> = {}): ReportClaimInput {
  return {
    id: "claim-1",
    text: "More than 3,000 missiles were delivered",
    status: "PUBLISHED",
    quote: "More than 3,000 missiles",
    prefix: "Officials said that ",
    suffix: " were approved for delivery.",
    updatedAt: new Date("2026-02-01T10:00:00Z"),
    article: {
      id: "article-1",
      title: "The article",
      outlet: "The Outlet",
      author: "Jane Writer",
      url: "https://news.example/a",
      publishedAt: new Date("2026-01-20T08:00:00Z"),
    },
    assigneeName: "Rita Reviewer",
    verdict: {
      rating: "MOSTLY_FALSE",
      rationale: "Numbers differ.",
      state: "PUBLISHED",
      proposedByName: "Rita Reviewer",
      approvedByName: "Ed Editor",
      proposedAt: new Date("2026-01-30T09:00:00Z"),
      approvedAt: new Date("2026-01-31T09:00:00Z"),
      publishedAt: new Date("2026-02-01T10:00:00Z"),
    },
    evidence: [
      { url: "https://a.example/1", title: "Ministry data", publisher: "Ministry", quote: "Only 1,200.", stance: "REFUTES" },
      { url: "https://b.example/2", title: "Background", publisher: "Wire", quote: "", stance: "CONTEXT" },
    ],
    ...overrides,
  };
}

export function entry(overrides: Partial<ReportClaimInput> = {}): ReportEntry {
  return buildReportEntry(claimInput(overrides), DEFAULT_VERDICT_SCALE);
}

export function reportHeader(overrides: Partial<ReportHeader> = {}): ReportHeader {
  return {
    title: "Verdict report",
    scope: ["Approved and published verdicts only"],
    generatedAt: "2026-02-02T12:00:00.000Z",
    includesWorkInProgress: false,
    desk: { name: "Test Desk", url: "https://desk.example/" },
    baseUrl: "https://app.example",
    ...overrides,
  };
}
