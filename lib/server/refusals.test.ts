/**
 * Bad requests through the same path a form takes (parse with the form's schema, run the use case,
 * turn the error into the form's answer): each is refused with a clear message, changes nothing, and
 * leaves a "refused" line in the log.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { addEvidenceSchema } from "@/lib/validation/evidence";
import {
  assignClaimSchema,
  bulkAssignClaimsSchema,
  claimVersionSchema,
  proposeVerdictSchema,
  reopenClaimSchema,
} from "@/lib/validation/claims";
import { submitForm } from "./action";
import { bulkAssignClaims } from "./claim/bulk-assign-claims";
import { approveVerdict } from "./claim/approve-verdict";
import { assignClaim } from "./claim/assign-claim";
import { proposeVerdict } from "./claim/propose-verdict";
import { publishClaim } from "./claim/publish-claim";
import { reopenClaim } from "./claim/reopen-claim";
import { addEvidence } from "./evidence";
import { logger } from "./logger";
import type { Actor } from "./permissions";
import { claimState, makeAssignedClaim, makeEvidence, makeProposedClaim, makeUser } from "./testing/factories";

afterEach(() => vi.restoreAllMocks());

/** Submits `values` as `actor`; returns the answer and the refusal lines logged meanwhile. */
async function submitAs<S extends Parameters<typeof submitForm>[2]>(
  actor: Actor,
  values: Record<string, string>,
  schema: S,
  run: Parameters<typeof submitForm<S>>[3],
) {
  const warn = vi.spyOn(logger, "warn");
  const state = await submitForm(values, async () => actor, schema, run, "done");
  const refusals = warn.mock.calls.map((call) => call[0] as unknown as Record<string, unknown>).filter((o) => o.event === "refused");
  warn.mockRestore();
  return { state, refusals };
}

const evidenceValues = (claimId: string) => ({
  claimId,
  url: "https://example.org/intrusion",
  title: "Planted source",
  publisher: "Nobody",
  quote: "Text.",
  stance: "SUPPORTS",
});

describe("refused, unchanged, logged", () => {
  it("a reviewer posting evidence or a verdict to another reviewer's claim", async () => {
    const editor = await makeUser("EDITOR");
    const owner = await makeUser("REVIEWER");
    const intruder = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, owner);
    const before = await claimState(claim.id);
    const evidence = await submitAs(intruder, evidenceValues(claim.id), addEvidenceSchema, addEvidence);
    expect(evidence.state).toMatchObject({ status: "error", code: "NOT_FOUND", message: "That claim does not exist or you do not have access to it." });
    expect(evidence.refusals).toEqual([expect.objectContaining({ code: "NOT_FOUND", actorId: intruder.id })]);
    const verdict = await submitAs(
      intruder,
      { claimId: claim.id, expectedVersion: String(before.version), rating: "TRUE", rationale: "Looks fine." },
      proposeVerdictSchema,
      proposeVerdict,
    );
    expect(verdict.state).toMatchObject({ code: "NOT_FOUND" });
    expect(verdict.refusals).toHaveLength(1);
    expect(await claimState(claim.id)).toEqual(before);
  });

  it("approving one's own verdict, and a reviewer approving at all", async () => {
    const assigner = await makeUser("EDITOR");
    const selfReviewer = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const own = await makeProposedClaim(assigner, selfReviewer);
    const before = await claimState(own.claim.id);
    const values = { claimId: own.claim.id, expectedVersion: String(before.version) };
    const self = await submitAs(selfReviewer, values, claimVersionSchema, approveVerdict);
    expect(self.state).toMatchObject({ code: "FORBIDDEN", message: "You proposed this verdict, so another editor must approve it." });
    expect(self.refusals).toEqual([expect.objectContaining({ code: "FORBIDDEN", actorId: selfReviewer.id })]);
    expect(await claimState(own.claim.id)).toEqual(before);

    const theirs = await makeProposedClaim(assigner, reviewer);
    const theirsBefore = await claimState(theirs.claim.id);
    const byReviewer = await submitAs(reviewer, { claimId: theirs.claim.id, expectedVersion: String(theirsBefore.version) }, claimVersionSchema, approveVerdict);
    expect(byReviewer.state).toMatchObject({ code: "FORBIDDEN", message: "Only an editor can approve verdicts." });
    expect(byReviewer.refusals).toHaveLength(1);
    expect(await claimState(theirs.claim.id)).toEqual(theirsBefore);
  });

  it("skipping a step: publishing a proposal, reopening what is not published, assigning a published claim", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const other = await makeUser("REVIEWER");
    const { claim } = await makeProposedClaim(editor, reviewer);
    const before = await claimState(claim.id);
    const version = String(before.version);
    const publish = await submitAs(editor, { claimId: claim.id, expectedVersion: version }, claimVersionSchema, publishClaim);
    expect(publish.state).toMatchObject({ code: "INVALID_TRANSITION", message: "A claim that is verdict proposed cannot be published; it must be approved first." });
    const reopen = await submitAs(editor, { claimId: claim.id, expectedVersion: version, reason: "Why not." }, reopenClaimSchema, reopenClaim);
    expect(reopen.state).toMatchObject({ code: "INVALID_TRANSITION", message: expect.stringMatching(/cannot be reopened; it must be published or retracted first/) });
    const reassign = await submitAs(
      editor,
      { claimId: claim.id, assigneeId: other.id, priority: "HIGH", dueAt: "", expectedVersion: version },
      assignClaimSchema,
      assignClaim,
    );
    expect(reassign.state).toMatchObject({ code: "INVALID_TRANSITION", message: expect.stringMatching(/approve or return it before reassigning/) });
    for (const r of [publish, reopen, reassign]) expect(r.refusals).toEqual([expect.objectContaining({ code: "INVALID_TRANSITION", actorId: editor.id })]);
    expect(await claimState(claim.id)).toEqual(before);
  });

  it("forms carrying role, status, version, assignee or author fields", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    await makeEvidence(reviewer, claim.id);
    const before = await claimState(claim.id);
    const version = String(before.version);
    // One after another: each answer and its log lines belong to one submission.
    const results = [];
    results.push(
      await submitAs(
        reviewer,
        { claimId: claim.id, expectedVersion: version, rating: "TRUE", rationale: "Fine.", status: "PUBLISHED", role: "ADMIN" },
        proposeVerdictSchema,
        proposeVerdict,
      ),
    );
    results.push(await submitAs(reviewer, { ...evidenceValues(claim.id), addedById: editor.id, version: "99" }, addEvidenceSchema, addEvidence));
    results.push(
      await submitAs(
        editor,
        { claimId: claim.id, assigneeId: reviewer.id, priority: "LOW", dueAt: "", expectedVersion: version, status: "APPROVED" },
        assignClaimSchema,
        assignClaim,
      ),
    );
    results.push(
      await submitAs(
        editor,
        { claims: `${claim.id}@${version}`, assigneeId: reviewer.id, priority: "LOW", dueAt: "", version: "1", approvedById: editor.id },
        bulkAssignClaimsSchema,
        bulkAssignClaims,
      ),
    );
    results.push(await submitAs(reviewer, { claimId: claim.id, expectedVersion: version, assigneeId: reviewer.id }, claimVersionSchema, approveVerdict));
    const unknown = [["status", "role"], ["addedById", "version"], ["status"], ["version", "approvedById"], ["assigneeId"]];
    for (const [i, r] of results.entries()) {
      expect(r.state).toMatchObject({ status: "error", code: "VALIDATION", message: `These fields cannot be set here: ${unknown[i]!.join(", ")}.` });
      expect(r.refusals).toEqual([expect.objectContaining({ code: "VALIDATION", unknownKeys: unknown[i] })]);
      // What the user typed comes back for the form.
      expect(Object.keys(r.state.values ?? {})).toEqual(expect.arrayContaining(unknown[i]!));
    }
    expect(await claimState(claim.id)).toEqual(before);
  });

  it("names at most 10 unknown fields in the message and 20 in the log line, with the count of all", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const extra = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`junk${i}`, "x"]));
    const r = await submitAs(reviewer, { ...evidenceValues(claim.id), ...extra }, addEvidenceSchema, addEvidence);
    expect(r.state.message).toBe(`These fields cannot be set here: ${Array.from({ length: 10 }, (_, i) => `junk${i}`).join(", ")} and 1,990 more.`);
    expect(r.refusals).toEqual([expect.objectContaining({ unknownKeyCount: 2000, unknownKeys: Array.from({ length: 20 }, (_, i) => `junk${i}`) })]);
  });

  it("does not log ordinary typing mistakes as refusals", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const before = await claimState(claim.id);
    const typo = await submitAs(reviewer, { ...evidenceValues(claim.id), url: "javascript:alert(1)" }, addEvidenceSchema, addEvidence);
    expect(typo.state).toMatchObject({ code: "VALIDATION", fieldErrors: { url: ["Enter a full http:// or https:// address."] } });
    expect(typo.refusals).toEqual([]);
    expect(await claimState(claim.id)).toEqual(before);
  });
});
