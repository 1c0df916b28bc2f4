import path from "node:path";
import { describe, expect, it } from "vitest";
import { firstDifference } from "@/scripts/lib/export-bench";
import { rawScanPostgres, rawScanSqlite, type RawScanOptions } from "@/scripts/lib/export-raw-scan";
import { approveVerdict } from "./claim/approve-verdict";
import { publishClaim } from "./claim/publish-claim";
import { setClaimant } from "./claimant";
import { getDb, provider } from "./db";
import { createReportResponse } from "./report-export";
import { getVerdictScale } from "./settings";
import { makeAssignedClaim, makeDoubleReviewClaim, makeEvidence, makeProposedClaim, makeUser, proposeWithEvidence } from "./testing/factories";

/**
 * bench:export compares the route's CSV with a raw scan's (scripts/lib/export-raw-scan.ts), written
 * apart from the route's paged reads: both must give the same bytes on each database, over whatever the
 * desk holds (published, proposed and double-reviewed claims, claimants, several pieces of evidence),
 * or the bench's byte check and its rows/s ratio compare different work.
 */
describe("bench:export's raw scan", () => {
  it("writes the same CSV, byte for byte, as the report route for an editor with work in progress", async () => {
    const editor = await makeUser("EDITOR");
    const approver = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const second = await makeUser("REVIEWER");

    const { claim } = await makeAssignedClaim(editor, reviewer);
    await makeEvidence(reviewer, claim.id, { quote: "An earlier source." });
    const proposedFirst = await proposeWithEvidence(reviewer, claim.id, "FALSE", 'Figures "differ", see =SUM(A1)\nand more.');
    const approved = await approveVerdict(approver, { claimId: claim.id, expectedVersion: proposedFirst.version });
    await publishClaim(editor, { claimId: claim.id, expectedVersion: approved.version });
    const proposed = await makeProposedClaim(editor, reviewer, "TRUE");
    await setClaimant(editor, { claimId: proposed.claim.id, claimant: "Statistics Office", claimantKind: "ORGANIZATION", expectedVersion: proposed.claim.version });
    const double = await makeDoubleReviewClaim(editor, reviewer, second);
    await proposeWithEvidence(reviewer, double.claim.id, "FALSE");
    await proposeWithEvidence(second, double.claim.id, "MISLEADING");

    const response = await createReportResponse(editor, { format: "csv", includeWip: true }, { baseUrl: "https://app.example" });
    const route = Buffer.from(await response.arrayBuffer());
    const db = await getDb();
    const options: RawScanOptions = { keep: true, scale: await getVerdictScale(db) };
    const url = process.env.DATABASE_URL!;
    const raw = provider === "postgresql" ? await rawScanPostgres(url, options) : rawScanSqlite(path.resolve(url.replace(/^file:/, "")), options);

    expect(raw.rows).toBe(await db.claim.count({ where: { status: { notIn: ["REJECTED", "SUGGESTED"] } } }));
    expect(raw.rows).toBeGreaterThanOrEqual(3);
    expect(raw.csv!.toString("utf8")).toContain("Statistics Office");
    expect(firstDifference(route, raw.csv!)).toBeNull();
  });
});
