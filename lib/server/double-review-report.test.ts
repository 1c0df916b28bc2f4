import { describe, expect, it } from "vitest";
import { readPdf } from "@/lib/domain/report/pdf-test-helpers";
import { approveVerdict } from "./claim/approve-verdict";
import { returnVerdict } from "./claim/return-verdict";
import { getDb } from "./db";
import type { Actor } from "./permissions";
import { createReportResponse } from "./report-export";
import { claimState, makeDoubleReviewClaim, makeUser, proposeWithEvidence } from "./testing/factories";

const baseUrl = "https://app.example";

/** One claim's report in every export format, as the actor downloads it (work in progress included for editors). */
async function downloads(viewer: Actor, claimId: string, articleId: string, includeWip = true) {
  const get = async (format: "csv" | "json" | "ndjson" | "claimreview" | "pdf") => {
    const response = await createReportResponse(viewer, { format, articleId, includeWip }, { baseUrl, ownWorkInProgress: true });
    if (format === "pdf") return (await readPdf(new Uint8Array(await response.arrayBuffer()))).pages.join("\n");
    return response.text();
  };
  // Only this claim of the article is double-reviewed: the CSV's proposal cells are its.
  const csv = await get("csv");
  const json = (JSON.parse(await get("json")) as { claims: { id: string; proposals: unknown[] }[] }).claims.find((c) => c.id === claimId);
  const ndjson = (await get("ndjson"))
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { id: string; proposals: unknown[] })
    .find((c) => c.id === claimId);
  const claimReviews = JSON.parse(await get("claimreview")) as { url: string; comment?: { author: { name: string }; text: string }[] }[];
  const claimReview = claimReviews.find((r) => r.url.endsWith(claimId));
  const pdf = await get("pdf");
  return { csv, json, ndjson, claimReview, pdf };
}

describe("a blind double review in every export", () => {
  it("shows no proposal of the other reviewer before both have proposed, then both proposals in CSV, JSON, NDJSON, ClaimReview notes and PDF", async () => {
    const editor = await makeUser("EDITOR");
    const riley = await makeUser("REVIEWER", "Riley Proposer");
    const sam = await makeUser("REVIEWER", "Sam Proposer");
    const { article, claim } = await makeDoubleReviewClaim(editor, riley, sam);

    await proposeWithEvidence(riley, claim.id, "MOSTLY_TRUE", "RILEY-RATIONALE");
    for (const viewer of [editor, riley, sam]) {
      const before = await downloads(viewer, claim.id, article.id);
      expect(before.json?.proposals ?? []).toEqual([]);
      expect(before.csv).not.toContain("Reviewer 1, ");
      expect(before.pdf).not.toContain("both proposals");
    }
    // Sam still sees nothing of Riley's.
    expect(JSON.stringify(await downloads(sam, claim.id, article.id))).not.toContain("RILEY-RATIONALE");

    await proposeWithEvidence(sam, claim.id, "TRUE", "SAM-RATIONALE");
    for (const viewer of [editor, riley, sam]) {
      const after = await downloads(viewer, claim.id, article.id);
      const expected = [
        { slot: 1, reviewer: "Riley Proposer", rating: "MOSTLY_TRUE", label: "Mostly true", state: "PROPOSED" },
        { slot: 2, reviewer: "Sam Proposer", rating: "TRUE", label: "True", state: "PROPOSED" },
      ];
      expect(after.json?.proposals).toMatchObject(expected);
      expect(after.ndjson?.proposals).toMatchObject(expected);
      expect(after.csv).toMatch(/"Reviewer 1, Riley Proposer: Mostly true \(proposed [^)]* UTC; Proposed \(awaiting approval\)\)\nReviewer 2, Sam Proposer: True \(/);
      expect(after.csv).toContain("Reviewer 1, Riley Proposer: RILEY-RATIONALE");
      expect(after.csv).toContain("Reviewer 2, Sam Proposer: SAM-RATIONALE");
      // A draft ClaimReview notes both as comments; its rating stays the one current verdict.
      expect(after.claimReview?.comment?.map((c) => c.author.name)).toEqual(["Riley Proposer", "Sam Proposer"]);
      expect(after.pdf).toContain("Double review: both proposals");
      expect(after.pdf).toContain("RILEY-RATIONALE");
      expect(after.pdf).toContain("SAM-RATIONALE");
    }

    // The editor approves Riley's: both stay in the final report (Sam's marked not chosen), the published-style ClaimReview has no notes.
    const { version } = await claimState(claim.id);
    const db = await getDb();
    const rileyVerdict = await db.verdict.findFirstOrThrow({ where: { claimId: claim.id, proposedById: riley.id } });
    await approveVerdict(editor, { claimId: claim.id, expectedVersion: version, verdictId: rileyVerdict.id });
    const final = await downloads(editor, claim.id, article.id, false);
    expect(final.json?.proposals).toMatchObject([
      { slot: 1, reviewer: "Riley Proposer", state: "APPROVED", stateLabel: "Approved" },
      { slot: 2, reviewer: "Sam Proposer", state: "SUPERSEDED", stateLabel: "Not chosen" },
    ]);
    expect(final.csv).toContain("Reviewer 2, Sam Proposer: True (");
    expect(final.csv).toContain("; Not chosen)");
  });

  it("hides both proposals again once the editor returns them (the next round is blind)", async () => {
    const editor = await makeUser("EDITOR");
    const a = await makeUser("REVIEWER");
    const b = await makeUser("REVIEWER");
    const { article, claim } = await makeDoubleReviewClaim(editor, a, b);
    await proposeWithEvidence(a, claim.id, "FALSE", "A-ROUND-ONE");
    await proposeWithEvidence(b, claim.id, "FALSE", "B-ROUND-ONE");
    const { version } = await claimState(claim.id);
    await returnVerdict(editor, { claimId: claim.id, expectedVersion: version, reason: "Check the figures again." });
    for (const viewer of [editor, a, b]) {
      const returned = await downloads(viewer, claim.id, article.id);
      expect(returned.json?.proposals ?? []).toEqual([]);
    }
    expect(JSON.stringify(await downloads(b, claim.id, article.id))).not.toContain("A-ROUND-ONE");
  });
});
