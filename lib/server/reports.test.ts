import { describe, expect, it } from "vitest";
import { REPORT_COLUMNS, type ReportEntry } from "@/lib/domain/report";
import { readPdf } from "@/lib/domain/report/pdf-test-helpers";
import type { ReportQuery } from "@/lib/validation/reports";
import type { ClaimListFilter } from "@/lib/validation/claims";
import { approveVerdict } from "./claim/approve-verdict";
import { assignClaim } from "./claim/assign-claim";
import { listClaims } from "./claim/list-claims";
import { proposeVerdict } from "./claim/propose-verdict";
import { publishClaim } from "./claim/publish-claim";
import { getDb } from "./db";
import type { Actor } from "./permissions";
import { createReportResponse } from "./report-export";
import { loadReportDocument, prepareReport, type ReportScope } from "./reports";
import { getDeskSettings, saveDeskSettings } from "./settings";
import { countQueries } from "./testing/query-counter";
import { claimState, makeArticle, makeAssignedClaim, makeEvidence, makeProposedClaim, makeUser } from "./testing/factories";

const baseUrl = "https://app.example";

async function entriesOf(actor: Actor, scope: ReportScope, batchSize?: number, options: { ownWorkInProgress?: boolean } = {}): Promise<ReportEntry[]> {
  const report = await prepareReport(actor, scope, { baseUrl, ...options });
  const out: ReportEntry[] = [];
  for await (const batch of report.batches(batchSize)) out.push(...batch);
  return out;
}

const ids = (entries: { claimId: string }[]) => entries.map((e) => e.claimId);

async function approve(editor: Actor, claimId: string) {
  return approveVerdict(editor, { claimId, expectedVersion: (await claimState(claimId)).version });
}

async function publish(editor: Actor, claimId: string) {
  return publishClaim(editor, { claimId, expectedVersion: (await claimState(claimId)).version });
}

/** A claim taken through the whole workflow: assigned, evidence, proposed, approved, published. */
async function makePublishedClaim(editor: Actor, reviewer: Actor, rating = "FALSE", rationale = "The figures do not match.") {
  const made = await makeProposedClaim(editor, reviewer, rating, rationale);
  await approve(editor, made.claim.id);
  await publish(editor, made.claim.id);
  return made;
}

async function body(actor: Actor, query: Omit<ReportQuery, "includeWip"> & { includeWip?: boolean }) {
  const response = await createReportResponse(actor, { includeWip: false, ...query }, { baseUrl });
  // Decoded keeping a byte-order mark, which Response.text() would drop.
  return { response, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer()) };
}

describe("report scopes and rights", () => {
  it("holds only approved and published verdicts by default; editors may add work in progress, marked", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const published = await makePublishedClaim(editor, reviewer);
    const articleId = published.article.id;
    const others = published.article.claims.filter((c) => c.id !== published.claim.id);
    const approved = others[0]!;
    await assignClaim(editor, { claimId: approved.id, assigneeId: reviewer.id, priority: "NORMAL", dueAt: undefined, expectedVersion: approved.version });
    await makeEvidence(reviewer, approved.id);
    await proposeVerdict(reviewer, { claimId: approved.id, expectedVersion: (await claimState(approved.id)).version, rating: "TRUE", rationale: "Checks out." });
    await approve(editor, approved.id);
    const proposed = others[1]!;
    await assignClaim(editor, { claimId: proposed.id, assigneeId: reviewer.id, priority: "NORMAL", dueAt: undefined, expectedVersion: proposed.version });
    await makeEvidence(reviewer, proposed.id);
    await proposeVerdict(reviewer, { claimId: proposed.id, expectedVersion: (await claimState(proposed.id)).version, rating: "MISLEADING", rationale: "Partly." });

    const final = await entriesOf(editor, { articleId });
    expect(new Set(ids(final))).toEqual(new Set([published.claim.id, approved.id]));
    expect(final.every((e) => !e.workInProgress)).toBe(true);
    expect(final.find((e) => e.claimId === published.claim.id)!.verdict).toMatchObject({ label: "False", state: "PUBLISHED" });
    expect(final.find((e) => e.claimId === published.claim.id)!.verdict!.publishedAt).not.toBeNull();

    const all = await entriesOf(editor, { articleId, includeWip: true });
    expect(ids(all)).toEqual(published.article.claims.map((c) => c.id)); // text order
    const wip = all.filter((e) => e.workInProgress);
    expect(ids(wip).sort()).toEqual(others.slice(1).map((c) => c.id).sort());
    expect(wip.find((e) => e.claimId === proposed.id)!.verdict).toMatchObject({ label: "Misleading", state: "PROPOSED" });

    const { text } = await body(editor, { format: "csv", articleId, includeWip: true });
    expect(text.startsWith(`\uFEFF${REPORT_COLUMNS.map((c) => c.header).join(",")}\r\n`)).toBe(true);
    expect(text).toContain(`${proposed.id},yes,`);
    expect(text).toContain(`${published.claim.id},no,`);
  });

  it("holds exactly the claims the claim list shows for the same filters (verdict, priority, due, search)", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const published = await makePublishedClaim(editor, reviewer, "FALSE");
    const articleId = published.article.id;
    const [urgent, dueSoon] = published.article.claims.filter((c) => c.id !== published.claim.id);
    await assignClaim(editor, { claimId: urgent!.id, assigneeId: reviewer.id, priority: "URGENT", dueAt: undefined, expectedVersion: urgent!.version });
    const tomorrow = new Date(Date.now() + 86_400_000);
    await assignClaim(editor, { claimId: dueSoon!.id, assigneeId: reviewer.id, priority: "NORMAL", dueAt: tomorrow, expectedVersion: dueSoon!.version });
    const word = published.claim.text.split(/\s+/).find((w) => /^[A-Za-z]{6,}$/.test(w))!;
    const filters: ClaimListFilter[] = [
      { articleId, verdict: "FALSE" },
      { articleId, verdict: "none" },
      { articleId, priority: "URGENT" },
      { articleId, due: "within", dueWithinDays: 2 },
      { articleId, q: word },
    ];
    for (const filter of filters) {
      const listed = (await listClaims(editor, filter)).map((c) => c.id).sort();
      expect(listed.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(ids(await entriesOf(editor, { ...filter, includeWip: true })).sort(), JSON.stringify(filter)).toEqual(listed);
    }
    const header = (await prepareReport(editor, { articleId, priority: "URGENT", verdict: "none", q: word, includeWip: true }, { baseUrl })).header;
    expect(header.scope).toEqual(expect.arrayContaining(["Current verdict: none yet", "Priority: Urgent", `Claim text contains: ${word}`]));
  });

  it("gives a reviewer only their own claims, 404 for an article without any, and refuses work in progress", async () => {
    const editor = await makeUser("EDITOR");
    const mine = await makeUser("REVIEWER");
    const theirs = await makeUser("REVIEWER");
    const { article, claim } = await makePublishedClaim(editor, mine);
    const other = article.claims.find((c) => c.id !== claim.id)!;
    await assignClaim(editor, { claimId: other.id, assigneeId: theirs.id, priority: "NORMAL", dueAt: undefined, expectedVersion: other.version });
    await makeEvidence(theirs, other.id, { url: "https://secret.example/their-source" });
    await proposeVerdict(theirs, { claimId: other.id, expectedVersion: (await claimState(other.id)).version, rating: "FALSE", rationale: "Theirs." });
    await approve(editor, other.id);

    expect(ids(await entriesOf(mine, { articleId: article.id }))).toEqual([claim.id]);
    expect(ids(await entriesOf(theirs, { articleId: article.id }))).toEqual([other.id]);
    expect(ids(await entriesOf(mine, {}))).toEqual([claim.id]);
    for (const format of ["csv", "json", "ndjson", "claimreview"] as const) {
      const { text } = await body(mine, { format, articleId: article.id });
      expect(text).not.toContain(other.id);
      expect(text).not.toContain("secret.example");
    }

    const elsewhere = await makeArticle(editor);
    await expect(prepareReport(mine, { articleId: elsewhere.id }, { baseUrl })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(createReportResponse(mine, { format: "pdf", articleId: elsewhere.id, includeWip: false }, { baseUrl })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(prepareReport(mine, { articleId: "no-such-article" }, { baseUrl })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(prepareReport(editor, { articleId: "no-such-article" }, { baseUrl })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(prepareReport(mine, { claimId: other.id }, { baseUrl })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(prepareReport(mine, { articleId: article.id, includeWip: true }, { baseUrl })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // The article CSV of before keeps giving a reviewer their own claims in any state, marked.
    const unfinished = await makeAssignedClaim(editor, mine);
    const legacy = await entriesOf(mine, { articleId: unfinished.article.id, includeWip: true }, undefined, { ownWorkInProgress: true });
    expect(ids(legacy)).toEqual([unfinished.claim.id]);
    expect(legacy[0]!.workInProgress).toBe(true);
  });

  it("uses the claim list's filters and gives an empty but valid report when nothing matches", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const first = await makePublishedClaim(editor, reviewer);
    const second = await makeProposedClaim(editor, reviewer);
    await approve(editor, second.claim.id);

    expect(new Set(ids(await entriesOf(editor, { assigneeId: reviewer.id })))).toEqual(new Set([first.claim.id, second.claim.id]));
    expect(ids(await entriesOf(editor, { assigneeId: reviewer.id, status: "APPROVED" }))).toEqual([second.claim.id]);
    expect(ids(await entriesOf(editor, { assigneeId: reviewer.id, status: "IN_REVIEW" }))).toEqual([]);

    const empty = { assigneeId: reviewer.id, status: "NEW" } as const;
    const json = JSON.parse((await body(editor, { format: "json", ...empty })).text);
    expect(json.claims).toEqual([]);
    expect(json.summary).toEqual({ total: 0, workInProgress: 0, byVerdict: [] });
    expect((await body(editor, { format: "ndjson", ...empty })).text).toBe("");
    expect(JSON.parse((await body(editor, { format: "claimreview", ...empty })).text)).toEqual([]);
    expect((await body(editor, { format: "csv", ...empty })).text).toBe(`\uFEFF${REPORT_COLUMNS.map((c) => c.header).join(",")}\r\n`);
    const pdf = await createReportResponse(editor, { format: "pdf", includeWip: false, ...empty }, { baseUrl });
    expect((await readPdf(new Uint8Array(await pdf.arrayBuffer()))).pages.join(" ")).toContain("No claims match this report.");
  });

  it("selects verdicts by date: published ones by publication, approved ones by approval", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const published = await makePublishedClaim(editor, reviewer);
    const approved = await makeProposedClaim(editor, reviewer);
    await approve(editor, approved.claim.id);
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const scope = { assigneeId: reviewer.id };
    expect(new Set(ids(await entriesOf(editor, { ...scope, from: today, to: today })))).toEqual(new Set([published.claim.id, approved.claim.id]));
    expect(ids(await entriesOf(editor, { ...scope, to: yesterday }))).toEqual([]);
    expect(ids(await entriesOf(editor, { ...scope, from: tomorrow }))).toEqual([]);

    // A published verdict approved long ago counts by its publication date.
    const db = await getDb();
    await db.verdict.updateMany({ where: { claimId: published.claim.id, state: "PUBLISHED" }, data: { publishedAt: new Date("2020-06-15T12:00:00Z") } });
    expect(ids(await entriesOf(editor, { ...scope, from: "2020-06-15", to: "2020-06-15" }))).toEqual([published.claim.id]);
    expect(ids(await entriesOf(editor, { ...scope, from: today }))).toEqual([approved.claim.id]);
  });
});

describe("streaming in keyset batches", () => {
  it("returns every claim exactly once, in order, across batch boundaries of any size", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const claimIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const article = await makeArticle(editor);
      for (const c of article.claims) {
        await assignClaim(editor, { claimId: c.id, assigneeId: reviewer.id, priority: "NORMAL", dueAt: undefined, expectedVersion: c.version });
        claimIds.push(c.id);
      }
    }
    expect(claimIds.length).toBeGreaterThan(7);
    const expected = [...claimIds].sort();
    for (const size of [1, 2, 3, 7, claimIds.length, 500]) {
      const got = ids(await entriesOf(editor, { assigneeId: reviewer.id, includeWip: true }, size));
      expect(got, `batch size ${size}`).toEqual(expected);
    }
    // An article's report pages through its text order.
    const article = await makeArticle(editor);
    const inText = ids(await entriesOf(editor, { articleId: article.id, includeWip: true }, 500));
    expect(inText).toEqual(article.claims.map((c) => c.id));
    expect(ids(await entriesOf(editor, { articleId: article.id, includeWip: true }, 2))).toEqual(inText);
  });

  it("reads a batch with the same few queries whatever its size (no query per claim)", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    for (let i = 0; i < 4; i++) await makePublishedClaim(editor, reviewer);
    for (let i = 0; i < 3; i++) await makeAssignedClaim(editor, reviewer);
    async function firstBatchQueries(size: number, includeWip = false) {
      const report = await prepareReport(editor, { assigneeId: reviewer.id, includeWip }, { baseUrl });
      const iterator = report.batches(size);
      const { result: first, queries } = await countQueries(() => iterator.next());
      await iterator.return(undefined);
      return { queries, rows: first.done ? 0 : first.value.length };
    }
    const small = await firstBatchQueries(1);
    const large = await firstBatchQueries(50);
    expect(small.rows).toBe(1);
    expect(large.rows).toBe(4);
    expect(small.queries).toBeGreaterThan(0);
    expect(large.queries).toBe(small.queries);
    expect(large.queries).toBeLessThanOrEqual(8);
    // Claims still in review may be blind for the actor: the row query itself says which, no query more.
    const wip = await firstBatchQueries(50, true);
    expect(wip.rows).toBe(7);
    expect(wip.queries).toBe(small.queries);
  });

  it("ends a ClaimReview export whose batches render nothing (claims without a verdict)", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const unreviewed = await makeArticle(editor);
    const none = await body(editor, { format: "claimreview", articleId: unreviewed.id, includeWip: true });
    expect(JSON.parse(none.text)).toEqual([]);
    // Among claims without a verdict, only the one with a verdict is reviewed (a draft: not approved yet).
    const proposed = await makeProposedClaim(editor, reviewer);
    const reviews = await body(editor, { format: "claimreview", articleId: proposed.article.id, includeWip: true });
    expect(JSON.parse(reviews.text)).toEqual([
      expect.objectContaining({ url: `${baseUrl}/fact-checks/${proposed.claim.id}`, creativeWorkStatus: "Draft" }),
    ]);
  });

  it("streams NDJSON one claim per line and JSON as one document", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const made = [await makePublishedClaim(editor, reviewer), await makePublishedClaim(editor, reviewer)];
    const nd = await body(editor, { format: "ndjson", assigneeId: reviewer.id });
    expect(nd.response.headers.get("Content-Type")).toBe("application/x-ndjson; charset=utf-8");
    expect(nd.response.headers.get("Cache-Control")).toContain("no-transform");
    const lines = nd.text.trimEnd().split("\n").map((l) => JSON.parse(l) as { id: string; url: string });
    expect(lines.map((l) => l.id).sort()).toEqual(made.map((m) => m.claim.id).sort());
    expect(lines[0]!.url).toBe(`${baseUrl}/claims/${lines[0]!.id}/report`);
    const json = await body(editor, { format: "json", assigneeId: reviewer.id });
    expect(json.response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="claimledger-report-\d{4}-\d{2}-\d{2}\.json"$/);
    const doc = JSON.parse(json.text);
    expect(doc.claims).toHaveLength(2);
    expect(doc.summary).toMatchObject({ total: 2, byVerdict: [{ rating: "FALSE", label: "False", count: 2 }] });
  });
});

describe("ClaimReview, printable document and PDF", () => {
  it("writes one ClaimReview per published verdict, authored by the desk", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const published = await makePublishedClaim(editor, reviewer, "UNPROVEN", "Nobody can tell </script><script>alert(1)</script>");
    const approved = await makeProposedClaim(editor, reviewer);
    await approve(editor, approved.claim.id);
    const desk = await getDeskSettings();
    await saveDeskSettings(admin, { name: "Integration Desk", url: "https://desk.example/", expectedVersion: desk.version }).catch(async () => {
      // Another test file may have saved the desk in between: retry on its version.
      await saveDeskSettings(admin, { name: "Integration Desk", url: "https://desk.example/", expectedVersion: (await getDeskSettings()).version });
    });
    const { response, text } = await body(editor, { format: "claimreview", assigneeId: reviewer.id });
    expect(response.headers.get("Content-Type")).toBe("application/ld+json; charset=utf-8");
    expect(text).not.toContain("<");
    const reviews = JSON.parse(text) as Record<string, unknown>[];
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({
      "@type": "ClaimReview",
      url: `${baseUrl}/fact-checks/${published.claim.id}`,
      claimReviewed: published.claim.text,
      author: { "@type": "Organization", name: "Integration Desk", url: "https://desk.example/" },
      reviewRating: { "@type": "Rating", alternateName: "Unproven" },
      itemReviewed: { "@type": "Claim", author: { name: "Test Outlet" }, appearance: { headline: expect.stringMatching(/^Test article/) } },
    });
    expect(reviews[0]!.reviewRating).not.toHaveProperty("ratingValue");
  });

  it("refuses the printable/PDF layout beyond its limit, with advice", async () => {
    const editor = await makeUser("EDITOR");
    const article = await makeArticle(editor);
    await expect(loadReportDocument(editor, { articleId: article.id, includeWip: true }, { baseUrl, limit: 2 })).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringContaining("export CSV, JSON or NDJSON"),
    });
    const doc = await loadReportDocument(editor, { articleId: article.id, includeWip: true }, { baseUrl });
    expect(doc.entries).toHaveLength(article.claims.length);
    expect(doc.summary.workInProgress).toBe(article.claims.length);
  });

  it("renders the PDF with the claims' text", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makePublishedClaim(editor, reviewer, "FALSE", "Checked against the ministry's figures.");
    const response = await createReportResponse(editor, { format: "pdf", assigneeId: reviewer.id, includeWip: false }, { baseUrl });
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    const pdf = await readPdf(new Uint8Array(await response.arrayBuffer()));
    const text = pdf.pages.join("\n").replace(/\s+/g, " ");
    expect(text).toContain(claim.text.replace(/\s+/g, " "));
    expect(text).toContain("Checked against the ministry's figures.");
  });
});

describe("desk settings", () => {
  it("lets an admin name the desk, refuses others and stale versions, and records it", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const before = await getDeskSettings();
    await expect(saveDeskSettings(editor, { name: "Nope", url: undefined, expectedVersion: before.version })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const saved = await saveDeskSettings(admin, { name: "Fact Desk", url: "https://facts.example/", expectedVersion: before.version });
    expect(saved).toEqual({ name: "Fact Desk", url: "https://facts.example/", version: before.version + 1 });
    expect(await getDeskSettings()).toEqual(saved);
    await expect(saveDeskSettings(admin, { name: "Stale", url: undefined, expectedVersion: before.version })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await getDeskSettings()).name).toBe("Fact Desk");
    const db = await getDb();
    const event = await db.auditEvent.findFirst({ where: { entityType: "Setting", entityId: "desk" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ action: "setting.update", actorId: admin.id, entityVersion: saved.version });
  });
});
