import { afterAll, describe, expect, it } from "vitest";
import { isoDay, PUBLIC_PAGE_SIZE, renderAtomFeed } from "@/lib/domain/public-fact-check";
import { approveVerdict } from "../claim/approve-verdict";
import { proposeVerdict } from "../claim/propose-verdict";
import { publishClaim } from "../claim/publish-claim";
import { reopenClaim } from "../claim/reopen-claim";
import { setClaimant } from "../claimant";
import { addComment } from "../comments";
import { ratingBounds, renderClaimReviews } from "@/lib/domain/report";
import { loadReportDocument } from "../reports";
import { claimState, makeEvidence, makeProposedClaim, makeUser } from "../testing/factories";
import type { Actor } from "../permissions";
import { getPublicSiteSettings, savePublicSiteSettings } from "./public-site-settings";
import { getPublicFactCheck, listClaimReviewFeed, listFeedEntries, listPublicFactChecks } from "./read-fact-checks";
import { retractClaim } from "./retract-fact-check";

const base = "https://public.example";

async function version(claimId: string) {
  return (await claimState(claimId)).version;
}

async function approveAndPublish(editor: Actor, claimId: string) {
  await approveVerdict(editor, { claimId, expectedVersion: await version(claimId) });
  return publishClaim(editor, { claimId, expectedVersion: await version(claimId) });
}

/** A claim published with `rating`, its evidence and a comment carrying a secret marker. */
async function makePublished(editor: Actor, reviewer: Actor, rating = "FALSE", rationale = "The **official figures** do not match.") {
  const { article, claim } = await makeProposedClaim(editor, reviewer, rating, rationale);
  await addComment(editor, { claimId: claim.id, body: "INTERNAL-COMMENT-do-not-publish" });
  await approveAndPublish(editor, claim.id);
  return { article, claim };
}

/** Everything an anonymous visitor can get about a claim, as one string. */
async function everythingPublic(claimId: string): Promise<string> {
  const [check, index, atom, feed] = await Promise.all([
    getPublicFactCheck(claimId, base),
    listPublicFactChecks({ page: 1 }),
    listFeedEntries(1),
    listClaimReviewFeed(1, base),
  ]);
  return JSON.stringify({ check, index, atom, feed });
}

/** The ClaimReview urls of a claim's report as exported (the app itself at https://app.example). */
async function exportedUrls(editor: Actor, claimId: string): Promise<unknown[]> {
  const doc = await loadReportDocument(editor, { claimId }, { baseUrl: "https://app.example" });
  return renderClaimReviews(doc.entries, doc.header, ratingBounds(doc.scale)).map((r) => r.url);
}

async function restorePublicSite(admin: Actor) {
  const current = await getPublicSiteSettings();
  await savePublicSiteSettings(admin, { baseUrl: undefined, showReviewerNames: false, correctionsPolicy: "", expectedVersion: current.version });
}

describe("public fact-check site (anonymous reads)", () => {
  let admin: Actor | undefined;
  afterAll(async () => {
    if (admin) await restorePublicSite(admin);
  });

  it("shows a published fact-check and never anything unpublished: drafts, proposals, approvals, comments, names", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER", `Reviewer-Secret-${Date.now()}`);
    const published = await makePublished(editor, reviewer);
    const proposed = await makeProposedClaim(editor, reviewer, "TRUE", "DRAFT-RATIONALE-proposed");
    const approved = await makeProposedClaim(editor, reviewer, "TRUE", "DRAFT-RATIONALE-approved");
    await approveVerdict(editor, { claimId: approved.claim.id, expectedVersion: await version(approved.claim.id) });

    expect(await getPublicFactCheck(proposed.claim.id, base)).toBeNull();
    expect(await getPublicFactCheck(approved.claim.id, base)).toBeNull();
    expect(await getPublicFactCheck("no-such-claim", base)).toBeNull();

    const check = (await getPublicFactCheck(published.claim.id, base))!;
    expect(check).toMatchObject({
      state: "PUBLISHED",
      claim: published.claim.text,
      verdict: { rating: "FALSE", label: "False", rationale: "The **official figures** do not match." },
      article: { outlet: "Test Outlet" },
      people: null,
      notes: [],
    });
    expect(check.verdict.color).toMatch(/^#/);
    expect(check.evidence).toEqual([expect.objectContaining({ stance: "REFUTES", stanceLabel: "Refutes", title: "Source document" })]);
    expect(check.claimReview).toMatchObject({
      "@type": "ClaimReview",
      url: `${base}/fact-checks/${published.claim.id}`,
      claimReviewed: published.claim.text,
      reviewRating: { alternateName: "False" },
      creativeWorkStatus: "Published",
      itemReviewed: { "@type": "Claim", appearance: { "@type": "NewsArticle" } },
    });

    const everything = await everythingPublic(published.claim.id);
    expect(everything).not.toContain("INTERNAL-COMMENT");
    expect(everything).not.toContain("DRAFT-RATIONALE");
    expect(everything).not.toContain(reviewer.name);
    expect(everything).not.toContain(reviewer.email);
    expect(everything).toContain(published.claim.id);
    const index = await listPublicFactChecks({ page: 1 });
    const ids = index.items.map((i) => i.claimId);
    expect(ids).toContain(published.claim.id);
    expect(ids).not.toContain(proposed.claim.id);
    expect(ids).not.toContain(approved.claim.id);
  });

  it("names the claimant on the public page and as itemReviewed.author in its ClaimReview and the data feed", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeProposedClaim(editor, reviewer, "FALSE", "Not so.");
    await setClaimant(editor, { claimId: claim.id, claimant: "Defense Secretary Pete Hegseth", claimantKind: "PERSON", expectedVersion: await version(claim.id) });
    await approveAndPublish(editor, claim.id);
    const check = (await getPublicFactCheck(claim.id, base))!;
    expect(check.claimant).toEqual({ name: "Defense Secretary Pete Hegseth", kind: "PERSON" });
    expect(check.claimReview).toMatchObject({ itemReviewed: { "@type": "Claim", author: { "@type": "Person", name: "Defense Secretary Pete Hegseth" } } });
    const feed = await listClaimReviewFeed(1, base);
    const review = feed.items.find((i) => i.review.url === `${base}/fact-checks/${claim.id}`)?.review;
    expect(review).toMatchObject({ itemReviewed: { author: { "@type": "Person", name: "Defense Secretary Pete Hegseth" } } });
  });

  it("names the reviewer and approver only when the desk's setting shows them", async () => {
    admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makePublished(editor, reviewer);
    const current = await getPublicSiteSettings();
    await savePublicSiteSettings(admin, { baseUrl: undefined, showReviewerNames: true, correctionsPolicy: "", expectedVersion: current.version });
    expect((await getPublicFactCheck(claim.id, base))!.people).toEqual({ reviewer: reviewer.name, approver: editor.name });
    await restorePublicSite(admin);
    expect((await getPublicFactCheck(claim.id, base))!.people).toBeNull();
  });

  it("lists newest first, pages, and filters by verdict", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const older = await makePublished(editor, reviewer, "MISLEADING");
    const newer = await makePublished(editor, reviewer, "MISLEADING");
    const page = await listPublicFactChecks({ page: 1, verdict: "MISLEADING" });
    expect(page.items.every((i) => i.rating === "MISLEADING")).toBe(true);
    const ids = page.items.map((i) => i.claimId);
    expect(ids.indexOf(newer.claim.id)).toBeLessThan(ids.indexOf(older.claim.id));
    expect(ids.indexOf(newer.claim.id)).toBeGreaterThanOrEqual(0);
    expect((await listPublicFactChecks({ page: 1, verdict: "NO-SUCH-RATING" })).items).toEqual([]);
    const all = await listPublicFactChecks({ page: 1 });
    expect(all.items.length).toBeLessThanOrEqual(PUBLIC_PAGE_SIZE);
    expect(all.hasNext).toBe(all.total > PUBLIC_PAGE_SIZE);
    const beyond = await listPublicFactChecks({ page: 400 });
    expect(beyond.items).toEqual([]);
  });

  it("keeps the published version while a fact-check is reopened, then shows a dated correction with the reopen reason", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makePublished(editor, reviewer, "MOSTLY_TRUE", "Close to the figures.");
    const first = (await getPublicFactCheck(claim.id, base))!;
    await reopenClaim(editor, { claimId: claim.id, expectedVersion: await version(claim.id), reason: "The agency revised its figures." });
    // Work in progress: new evidence and a new proposal are not public while under review.
    await makeEvidence(reviewer, claim.id, { quote: "WIP-EVIDENCE-not-yet-published" });
    await proposeVerdict(reviewer, { claimId: claim.id, expectedVersion: await version(claim.id), rating: "MISLEADING", rationale: "WIP-RATIONALE revised." });
    const during = (await getPublicFactCheck(claim.id, base))!;
    expect(during.state).toBe("UNDER_REVIEW");
    expect(during.verdict).toMatchObject({ rating: "MOSTLY_TRUE", rationale: "Close to the figures." });
    expect(during.claimReview).toBeNull();
    expect(JSON.stringify(during)).not.toContain("WIP-");
    expect((await listPublicFactChecks({ page: 1 })).items.map((i) => i.claimId)).not.toContain(claim.id);

    await approveAndPublish(editor, claim.id);
    const after = (await getPublicFactCheck(claim.id, base))!;
    expect(after.state).toBe("PUBLISHED");
    expect(after.verdict).toMatchObject({ rating: "MISLEADING", label: "Misleading", rationale: "WIP-RATIONALE revised." });
    expect(after.verdict.firstPublishedAt).toEqual(first.verdict.publishedAt);
    expect(after.verdict.publishedAt.getTime()).toBeGreaterThan(first.verdict.publishedAt.getTime());
    expect(after.notes).toEqual([
      {
        kind: "CORRECTION",
        at: after.verdict.publishedAt,
        text: `Updated ${isoDay(after.verdict.publishedAt)}: rating changed from Mostly true to Misleading because the agency revised its figures.`,
      },
    ]);
    expect(after.evidence.map((e) => e.quote)).toContain("WIP-EVIDENCE-not-yet-published");

    // The feeds carry the update: Atom's updated and the data feed's dateModified are the republication.
    const atom = await listFeedEntries(1);
    const entry = atom.entries.find((e) => e.claimId === claim.id)!;
    expect(entry).toMatchObject({ published: first.verdict.publishedAt, updated: after.verdict.publishedAt, label: "Misleading", retracted: false });
    expect(entry.note).toContain("rating changed from Mostly true to Misleading");
    const xml = renderAtomFeed({ deskName: atom.deskName, baseUrl: base, entries: atom.entries, page: 1, hasNext: atom.hasNext });
    expect(xml).toContain(`<id>${base}/fact-checks/${claim.id}</id>`);
    const feed = await listClaimReviewFeed(1, base);
    const item = feed.items.find((i) => (i.review as { url: string }).url === `${base}/fact-checks/${claim.id}`)!;
    expect(item.published).toEqual(first.verdict.publishedAt);
    expect(item.updated).toEqual(after.verdict.publishedAt);
  });

  it("leaves a public retraction notice with the reason when a fact-check is unpublished, never a 404", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makePublished(editor, reviewer);
    await expect(retractClaim(reviewer, { claimId: claim.id, expectedVersion: await version(claim.id), reason: "No." })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(retractClaim(editor, { claimId: claim.id, expectedVersion: 1, reason: "Stale." })).rejects.toMatchObject({ code: "CONFLICT" });
    await retractClaim(editor, { claimId: claim.id, expectedVersion: await version(claim.id), reason: "The source document was forged." });
    const state = await claimState(claim.id);
    expect(state.status).toBe("RETRACTED");
    const check = (await getPublicFactCheck(claim.id, base))!;
    expect(check.state).toBe("RETRACTED");
    expect(check.claimReview).toBeNull();
    expect(check.notes.at(-1)).toMatchObject({ kind: "RETRACTION", text: expect.stringMatching(/^Retracted \d{4}-\d{2}-\d{2}: The source document was forged\.$/) });
    expect((await listPublicFactChecks({ page: 1 })).items.map((i) => i.claimId)).not.toContain(claim.id);
    expect((await listClaimReviewFeed(1, base)).items.some((i) => (i.review as { url: string }).url.endsWith(claim.id))).toBe(false);
    expect((await listFeedEntries(1)).entries.find((e) => e.claimId === claim.id)).toMatchObject({ retracted: true, label: null });
    // Retracting twice is refused with the workflow's reason.
    await expect(retractClaim(editor, { claimId: claim.id, expectedVersion: await version(claim.id), reason: "Again." })).rejects.toMatchObject({
      code: "INVALID_TRANSITION",
    });
  });

  it("uses the public base URL setting for the ClaimReview url in exports", async () => {
    admin ??= await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makePublished(editor, reviewer);
    const current = await getPublicSiteSettings();
    await savePublicSiteSettings(admin, { baseUrl: "https://news.example/checks", showReviewerNames: false, correctionsPolicy: "", expectedVersion: current.version });
    expect(await exportedUrls(editor, claim.id)).toEqual([`https://news.example/checks/fact-checks/${claim.id}`]);
    await restorePublicSite(admin);
    expect(await exportedUrls(editor, claim.id)).toEqual([`https://app.example/fact-checks/${claim.id}`]);
  });
});
