import { describe, expect, it } from "vitest";
import { REPORT_FORMATS } from "@/lib/domain/report/format-info";
import { readPdf } from "@/lib/domain/report/pdf-test-helpers";
import { getArticle, listArticles } from "./articles";
import { getClaimDetail } from "./claim-detail/get-claim-detail";
import { approveVerdict } from "./claim/approve-verdict";
import { assignClaim } from "./claim/assign-claim";
import { listClaims } from "./claim/list-claims";
import { proposeVerdict } from "./claim/propose-verdict";
import { returnVerdict } from "./claim/return-verdict";
import { addComment } from "./comments";
import { getDb } from "./db";
import { addEvidence, removeEvidence } from "./evidence";
import type { Actor } from "./permissions";
import { createReportResponse } from "./report-export";
import { prepareReport } from "./reports";
import {
  claimHistory,
  claimState,
  makeAssignedClaim,
  makeDoubleReviewClaim,
  makeEvidence,
  makeUser,
  proposeWithEvidence,
} from "./testing/factories";

async function verdictsOf(claimId: string) {
  const db = await getDb();
  return db.verdict.findMany({ where: { claimId }, orderBy: { createdAt: "asc" } });
}

async function reviewerRows(claimId: string) {
  const db = await getDb();
  return db.claimReviewer.findMany({ where: { claimId }, orderBy: { slot: "asc" }, select: { slot: true, userId: true } });
}

async function notificationsOf(userId: string) {
  const db = await getDb();
  return db.notification.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
}

async function desk() {
  const [editor, a, b] = await Promise.all([makeUser("EDITOR"), makeUser("REVIEWER"), makeUser("REVIEWER")]);
  return { editor, a, b };
}

const baseUrl = "https://app.example";

/** The article's report entries as its CSV download reads them (every state, a reviewer's own claims). */
async function articleReportEntries(viewer: Actor, articleId: string) {
  const report = await prepareReport(viewer, { articleId, includeWip: true }, { baseUrl, ownWorkInProgress: true });
  const entries = [];
  for await (const batch of report.batches()) entries.push(...batch);
  return entries;
}

/** The article's report downloaded in every format, as text (the PDF read back). */
async function articleReportDownloads(viewer: Actor, articleId: string) {
  const bodies: string[] = [];
  for (const format of REPORT_FORMATS) {
    const response = await createReportResponse(viewer, { format, articleId, includeWip: true }, { baseUrl, ownWorkInProgress: true });
    bodies.push(format === "pdf" ? (await readPdf(new Uint8Array(await response.arrayBuffer()))).pages.join("\n") : await response.text());
  }
  return bodies.join("\n");
}

/** Everything `viewer` can read about a claim through the data-access layer, flattened to text. */
async function everythingVisibleTo(viewer: Actor, claimId: string, articleId: string) {
  const detail = await getClaimDetail(viewer, claimId);
  const report = await articleReportEntries(viewer, articleId);
  const downloads = await articleReportDownloads(viewer, articleId);
  const article = await getArticle(viewer, articleId);
  const listed = await listClaims(viewer);
  const articles = await listArticles(viewer);
  return JSON.stringify({ detail: { ...detail, claim: { ...detail.claim, article: null } }, report, downloads, article: { ...article, text: null }, listed, articles });
}

describe("requiring two reviewers", () => {
  it("records both reviewers in slots, lets both see the claim and notifies both", async () => {
    const { editor, a, b } = await desk();
    const outsider = await makeUser("REVIEWER");
    const { claim } = await makeDoubleReviewClaim(editor, a, b);
    expect(await reviewerRows(claim.id)).toEqual([
      { slot: 1, userId: a.id },
      { slot: 2, userId: b.id },
    ]);
    expect(await claimState(claim.id)).toMatchObject({ status: "ASSIGNED", assigneeId: a.id });
    expect(await claimHistory(claim.id)).toEqual(["claim.create", "claim.accept", "claim.assign", "claim.reviewers"]);
    for (const reviewer of [a, b]) {
      expect((await getClaimDetail(reviewer, claim.id)).claim.id).toBe(claim.id);
      expect((await listClaims(reviewer)).map((c) => c.id)).toContain(claim.id);
    }
    await expect(getClaimDetail(outsider, claim.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await notificationsOf(a.id)).map((n) => [n.kind, n.claimId, n.detail])).toEqual([["ASSIGNED", claim.id, null]]);
    expect((await notificationsOf(b.id)).map((n) => [n.kind, n.claimId, n.detail])).toEqual([["ASSIGNED", claim.id, '{"slot":2}']]);
  });

  it("refuses the same person twice, an inactive second reviewer, and a second reviewer without a first; nothing changes", async () => {
    const { editor, a } = await desk();
    const { claim } = await makeAssignedClaim(editor, a);
    const inactive = await makeUser("REVIEWER");
    await (await getDb()).user.update({ where: { id: inactive.id }, data: { active: false } });
    const before = await claimState(claim.id);
    const base = { claimId: claim.id, assigneeId: a.id, priority: "NORMAL" as const, dueAt: undefined, expectedVersion: before.version };
    await expect(assignClaim(editor, { ...base, secondReviewerId: a.id })).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { secondReviewerId: ["The second reviewer must be someone other than the first."] },
    });
    await expect(assignClaim(editor, { ...base, secondReviewerId: inactive.id })).rejects.toMatchObject({
      fields: { secondReviewerId: ["Choose an active second reviewer."] },
    });
    await expect(assignClaim(editor, { ...base, assigneeId: null, secondReviewerId: inactive.id })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await claimState(claim.id)).toEqual(before);
    expect(await reviewerRows(claim.id)).toEqual([]);
  });

  it("is refused to a reviewer", async () => {
    const { editor, a, b } = await desk();
    const { claim } = await makeAssignedClaim(editor, a);
    const before = await claimState(claim.id);
    await expect(
      assignClaim(a, { claimId: claim.id, assigneeId: a.id, secondReviewerId: b.id, priority: "NORMAL", dueAt: undefined, expectedVersion: before.version }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await reviewerRows(claim.id)).toEqual([]);
  });
});

describe("the blind phase", () => {
  it("hides each reviewer's evidence, verdict, comments and steps from the other through every read", async () => {
    const { editor, a, b } = await desk();
    const { article, claim } = await makeDoubleReviewClaim(editor, a, b);
    await addComment(a, { claimId: claim.id, body: "A-SECRET-NOTE: the count looks inflated" });
    await makeEvidence(a, claim.id, { url: "https://example.org/a-secret-source", quote: "A-SECRET-QUOTE" });
    const versionBefore = (await claimState(claim.id)).version;
    const touchedBefore = (await (await getDb()).claim.findUniqueOrThrow({ where: { id: claim.id } })).updatedAt;
    await proposeVerdict(a, { claimId: claim.id, expectedVersion: versionBefore, rating: "MISLEADING", rationale: "A-SECRET-RATIONALE" });

    // A's evidence and proposal leave the claim as it was assigned, at the same version and update time
    // (B's open page and ETag do not change, nothing on the claim row shows that A did something).
    expect(await claimState(claim.id)).toMatchObject({ status: "ASSIGNED", version: versionBefore });
    expect((await (await getDb()).claim.findUniqueOrThrow({ where: { id: claim.id } })).updatedAt).toEqual(touchedBefore);

    const seenByB = await everythingVisibleTo(b, claim.id, article.id);
    // (The rating key itself is on the scale every page carries; the verdicts list is checked below.)
    for (const secret of ["A-SECRET-NOTE", "a-secret-source", "A-SECRET-QUOTE", "A-SECRET-RATIONALE", "verdict.propose", "evidence.add"]) {
      expect(seenByB, `B must not see ${secret}`).not.toContain(secret);
    }
    const detailB = await getClaimDetail(b, claim.id);
    expect(detailB.blind).toBe(true);
    expect(detailB.claim.evidence).toEqual([]);
    expect(detailB.claim.verdicts).toEqual([]);
    expect(detailB.comments).toEqual([]);
    expect(detailB.history.map((e) => e.action).filter((a) => a !== "claim.match")).toEqual(["claim.create", "claim.accept", "claim.assign", "claim.reviewers"]);
    const reportB = await articleReportEntries(b, article.id);
    expect(reportB.find((r) => r.claimId === claim.id)).toMatchObject({ verdict: null, evidence: [] });
    const reportA = (await articleReportEntries(a, article.id)).find((r) => r.claimId === claim.id);
    expect(reportA?.verdict).toMatchObject({ rationale: "A-SECRET-RATIONALE" });
    expect(reportA?.evidence.map((e) => e.url)).toEqual(["https://example.org/a-secret-source"]);

    // A still sees all of their own work; the editor sees everything.
    const detailA = await getClaimDetail(a, claim.id);
    expect(detailA.claim.verdicts.map((v) => v.rationale)).toEqual(["A-SECRET-RATIONALE"]);
    expect(detailA.claim.evidence.map((e) => e.quote)).toEqual(["A-SECRET-QUOTE"]);
    expect(detailA.comments.map((c) => c.body)).toEqual(["A-SECRET-NOTE: the count looks inflated"]);
    expect(detailA.history.map((e) => e.action)).toEqual(expect.arrayContaining(["comment.add", "evidence.add", "verdict.propose"]));
    const editorView = await everythingVisibleTo(editor, claim.id, article.id);
    for (const secret of ["A-SECRET-NOTE", "A-SECRET-QUOTE", "A-SECRET-RATIONALE"]) expect(editorView).toContain(secret);
  });

  it("does not let the other reviewer reach hidden evidence by id, nor count it for their own verdict", async () => {
    const { editor, a, b } = await desk();
    const { claim } = await makeDoubleReviewClaim(editor, a, b);
    const evidence = await makeEvidence(a, claim.id);
    await expect(removeEvidence(b, { evidenceId: evidence.id, expectedVersion: evidence.version })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const state = await claimState(claim.id);
    // A factual verdict needs evidence of B's own: A's does not count.
    await expect(proposeVerdict(b, { claimId: claim.id, expectedVersion: state.version, rating: "FALSE", rationale: "Wrong." })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    expect(await claimState(claim.id)).toEqual(state);
  });

  it("lets each reviewer propose once, and freezes their evidence until the editor decides", async () => {
    const { editor, a, b } = await desk();
    const { claim } = await makeDoubleReviewClaim(editor, a, b);
    await proposeWithEvidence(a, claim.id);
    const state = await claimState(claim.id);
    await expect(proposeVerdict(a, { claimId: claim.id, expectedVersion: state.version, rating: "TRUE", rationale: "Changed my mind." })).rejects.toMatchObject({
      code: "INVALID_TRANSITION",
    });
    await expect(makeEvidence(a, claim.id)).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    expect(await claimState(claim.id)).toEqual(state);
  });

  it("reaches Verdict proposed only with the second proposal; then both see both", async () => {
    const { editor, a, b } = await desk();
    const { claim } = await makeDoubleReviewClaim(editor, a, b);
    await proposeWithEvidence(a, claim.id, "FALSE");
    expect((await claimState(claim.id)).status).toBe("ASSIGNED");
    const done = await proposeWithEvidence(b, claim.id, "MOSTLY_FALSE");
    expect(done.status).toBe("PROPOSED");
    expect((await claimHistory(claim.id)).filter((a) => a === "claim.propose")).toHaveLength(1);
    for (const viewer of [a, b]) {
      const detail = await getClaimDetail(viewer, claim.id);
      expect(detail.blind).toBe(false);
      expect(detail.claim.verdicts.map((v) => v.rating).sort()).toEqual(["FALSE", "MOSTLY_FALSE"]);
      expect(detail.claim.evidence).toHaveLength(2);
    }
  });

  it("serialises two proposals made at the same moment: the claim is proposed once, with both verdicts", async () => {
    const { editor, a, b } = await desk();
    const { claim } = await makeDoubleReviewClaim(editor, a, b);
    await makeEvidence(a, claim.id);
    await makeEvidence(b, claim.id);
    const { version } = await claimState(claim.id);
    const results = await Promise.allSettled(
      [a, b].map((r) => proposeVerdict(r, { claimId: claim.id, expectedVersion: version, rating: "FALSE", rationale: `By ${r.name}` })),
    );
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(await claimState(claim.id)).toMatchObject({ status: "PROPOSED", verdicts: 2 });
    expect((await claimHistory(claim.id)).filter((x) => x === "claim.propose")).toHaveLength(1);
  });

  it("keeps one verdict when the same reviewer submits twice at the same moment", async () => {
    const { editor, a, b } = await desk();
    const { claim } = await makeDoubleReviewClaim(editor, a, b);
    await makeEvidence(a, claim.id);
    const { version } = await claimState(claim.id);
    const results = await Promise.allSettled(
      [1, 2].map((n) => proposeVerdict(a, { claimId: claim.id, expectedVersion: version, rating: "FALSE", rationale: `Submit ${n}` })),
    );
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await claimState(claim.id)).toMatchObject({ status: "ASSIGNED", verdicts: 1 });
  });
});

describe("the editor's decision", () => {
  async function proposedByBoth() {
    const { editor, a, b } = await desk();
    const { article, claim } = await makeDoubleReviewClaim(editor, a, b);
    await proposeWithEvidence(a, claim.id, "FALSE");
    await proposeWithEvidence(b, claim.id, "MISLEADING");
    const [va, vb] = await verdictsOf(claim.id);
    return { editor, a, b, article, claimId: claim.id, va: va!, vb: vb! };
  }

  it("approves the chosen verdict, supersedes the other and notifies both reviewers", async () => {
    const { editor, a, b, claimId, va, vb } = await proposedByBoth();
    const { version } = await claimState(claimId);
    await expect(approveVerdict(editor, { claimId, expectedVersion: version })).rejects.toMatchObject({
      fields: { verdictId: ["Choose which of the two verdicts to approve."] },
    });
    const approved = await approveVerdict(editor, { claimId, expectedVersion: version, verdictId: vb.id });
    expect(approved.status).toBe("APPROVED");
    const [after_a, after_b] = await verdictsOf(claimId);
    expect([after_a!.id, after_a!.state]).toEqual([va.id, "SUPERSEDED"]);
    expect([after_b!.id, after_b!.state, after_b!.approvedById]).toEqual([vb.id, "APPROVED", editor.id]);
    expect((await claimHistory(claimId)).slice(-3)).toEqual(["verdict.approved", "verdict.superseded", "claim.approve"]);
    const [na, nb] = [(await notificationsOf(a.id)).at(-1)!, (await notificationsOf(b.id)).at(-1)!];
    expect([na.kind, na.detail]).toEqual(["APPROVED", '{"yours":false}']);
    expect([nb.kind, nb.detail]).toEqual(["APPROVED", '{"yours":true}']);
  });

  it("refuses a verdict id that is not one of the claim's proposals, and a stale version", async () => {
    const { editor, claimId, va } = await proposedByBoth();
    const other = await proposedByBoth();
    const state = await claimState(claimId);
    await expect(approveVerdict(editor, { claimId, expectedVersion: state.version, verdictId: other.va.id })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(approveVerdict(editor, { claimId, expectedVersion: state.version - 1, verdictId: va.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await claimState(claimId)).toEqual(state);
  });

  it("never lets an editor who reviewed the claim decide, whichever verdict they pick", async () => {
    const editor = await makeUser("EDITOR");
    const reviewingEditor = await makeUser("EDITOR");
    const b = await makeUser("REVIEWER");
    const { claim } = await makeDoubleReviewClaim(editor, reviewingEditor, b);
    await proposeWithEvidence(reviewingEditor, claim.id, "FALSE");
    await proposeWithEvidence(b, claim.id, "TRUE");
    const [own, theirs] = await verdictsOf(claim.id);
    const state = await claimState(claim.id);
    await expect(approveVerdict(reviewingEditor, { claimId: claim.id, expectedVersion: state.version, verdictId: own!.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "You proposed this verdict, so another editor must approve it.",
    });
    await expect(approveVerdict(reviewingEditor, { claimId: claim.id, expectedVersion: state.version, verdictId: theirs!.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await claimState(claim.id)).toEqual(state);
    // While blind, the reviewing editor did not see the other verdict either.
  });

  it("returns both verdicts with the reason, notifies both, and the next round is blind again", async () => {
    const { editor, a, b, claimId } = await proposedByBoth();
    const { version } = await claimState(claimId);
    const returned = await returnVerdict(editor, { claimId, expectedVersion: version, reason: "Both of you: cite the primary source." });
    expect(returned.status).toBe("RETURNED");
    expect((await verdictsOf(claimId)).map((v) => [v.state, v.returnReason])).toEqual([
      ["RETURNED", "Both of you: cite the primary source."],
      ["RETURNED", "Both of you: cite the primary source."],
    ]);
    for (const r of [a, b]) {
      const n = (await notificationsOf(r.id)).at(-1)!;
      expect([n.kind, n.detail]).toEqual(["RETURNED", JSON.stringify({ reason: "Both of you: cite the primary source." })]);
    }
    // Round two: A works again and sees only their own verdicts and evidence.
    await makeEvidence(a, claimId);
    const detailA = await getClaimDetail(a, claimId);
    expect(detailA.blind).toBe(true);
    expect(detailA.claim.verdicts.every((v) => v.proposedById === a.id)).toBe(true);
    expect(detailA.claim.evidence.every((e) => e.addedBy.id === a.id)).toBe(true);
  });
});

describe("changing the reviewers", () => {
  it("replacing a second reviewer who already proposed withdraws their verdict and notifies the new one", async () => {
    const { editor, a, b } = await desk();
    const c = await makeUser("REVIEWER");
    const { claim } = await makeDoubleReviewClaim(editor, a, b);
    await proposeWithEvidence(b, claim.id);
    const { version } = await claimState(claim.id);
    await assignClaim(editor, { claimId: claim.id, assigneeId: a.id, secondReviewerId: c.id, priority: "NORMAL", dueAt: undefined, expectedVersion: version });
    expect(await reviewerRows(claim.id)).toEqual([
      { slot: 1, userId: a.id },
      { slot: 2, userId: c.id },
    ]);
    expect((await verdictsOf(claim.id)).map((v) => [v.proposedById, v.state])).toEqual([[b.id, "SUPERSEDED"]]);
    await expect(getClaimDetail(b, claim.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await notificationsOf(c.id)).map((n) => n.kind)).toEqual(["ASSIGNED"]);
    // Re-saving the same assignment notifies nobody again.
    const again = await claimState(claim.id);
    await assignClaim(editor, { claimId: claim.id, assigneeId: a.id, secondReviewerId: c.id, priority: "HIGH", dueAt: undefined, expectedVersion: again.version });
    expect(await notificationsOf(c.id)).toHaveLength(1);
    expect(await notificationsOf(a.id)).toHaveLength(1);
  });

  it("ending the double review after the first reviewer proposed moves the claim to Verdict proposed", async () => {
    const { editor, a, b } = await desk();
    const { claim } = await makeDoubleReviewClaim(editor, a, b);
    await proposeWithEvidence(a, claim.id);
    const { version } = await claimState(claim.id);
    const updated = await assignClaim(editor, { claimId: claim.id, assigneeId: a.id, secondReviewerId: null, priority: "NORMAL", dueAt: undefined, expectedVersion: version });
    expect(updated.status).toBe("PROPOSED");
    expect(await reviewerRows(claim.id)).toEqual([]);
    await expect(getClaimDetail(b, claim.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a bulk-style reassignment without the field keeps the second reviewer and moves slot 1 with the assignee", async () => {
    const { editor, a, b } = await desk();
    const c = await makeUser("REVIEWER");
    const { claim } = await makeDoubleReviewClaim(editor, a, b);
    const { version } = await claimState(claim.id);
    await assignClaim(editor, { claimId: claim.id, assigneeId: c.id, priority: "NORMAL", dueAt: undefined, expectedVersion: version });
    expect(await reviewerRows(claim.id)).toEqual([
      { slot: 1, userId: c.id },
      { slot: 2, userId: b.id },
    ]);
    // Swapping the two reviewers is not a new assignment for either of them.
    const swapped = await claimState(claim.id);
    const before = (await notificationsOf(b.id)).length;
    await assignClaim(editor, { claimId: claim.id, assigneeId: b.id, secondReviewerId: c.id, priority: "NORMAL", dueAt: undefined, expectedVersion: swapped.version });
    expect(await reviewerRows(claim.id)).toEqual([
      { slot: 1, userId: b.id },
      { slot: 2, userId: c.id },
    ]);
    expect(await notificationsOf(b.id)).toHaveLength(before + 1); // assignee changed to b: slot 1 notice
    expect((await notificationsOf(c.id)).map((n) => n.kind)).toEqual(["ASSIGNED"]);
  });
});

describe("the evidence form of a double reviewer", () => {
  it("accepts evidence from the second reviewer without moving the claim (blind: the other sees no change)", async () => {
    const { editor, a, b } = await desk();
    const { claim } = await makeDoubleReviewClaim(editor, a, b);
    await addEvidence(b, { claimId: claim.id, url: "https://example.org/b", title: "B's source", publisher: "P", quote: "Q", stance: "SUPPORTS" });
    expect(await claimState(claim.id)).toMatchObject({ status: "ASSIGNED", evidence: 1 });
  });
});
