import { describe, expect, it } from "vitest";
import {
  CLAIM_STATUSES,
  CLAIM_TRANSITIONS,
  checkTransition,
  describeStatus,
  isClaimStatus,
  nextStatus,
  type ClaimStatus,
  type ClaimTransitionName,
} from "./claim-status";

/** The workflow of DESIGN.md §3, written out by hand: status → transition → resulting status. */
const EXPECTED: Record<ClaimStatus, Partial<Record<ClaimTransitionName, ClaimStatus>>> = {
  SUGGESTED: { accept: "NEW", reject: "REJECTED" },
  NEW: { assign: "ASSIGNED", take: "ASSIGNED", reject: "REJECTED" },
  ASSIGNED: { unassign: "NEW", startReview: "IN_REVIEW" },
  IN_REVIEW: { propose: "PROPOSED" },
  PROPOSED: { approve: "APPROVED", return: "RETURNED" },
  RETURNED: { startReview: "IN_REVIEW" },
  APPROVED: { publish: "PUBLISHED" },
  PUBLISHED: { reopen: "REOPENED", retract: "RETRACTED" },
  REOPENED: { startReview: "IN_REVIEW" },
  REJECTED: { restore: "SUGGESTED" },
  RETRACTED: { reopen: "REOPENED" },
};

const STATUSES: ClaimStatus[] = [
  "SUGGESTED",
  "NEW",
  "ASSIGNED",
  "IN_REVIEW",
  "PROPOSED",
  "RETURNED",
  "APPROVED",
  "PUBLISHED",
  "REOPENED",
  "REJECTED",
  "RETRACTED",
];

const TRANSITIONS: ClaimTransitionName[] = [
  "accept",
  "assign",
  "take",
  "unassign",
  "startReview",
  "propose",
  "approve",
  "return",
  "publish",
  "reopen",
  "retract",
  "reject",
  "restore",
];

const matrix = STATUSES.flatMap((status) =>
  TRANSITIONS.map((name) => ({ status, name, expected: EXPECTED[status][name] ?? null })),
);

describe("claim status machine", () => {
  it("knows exactly the statuses and transitions of the design", () => {
    expect([...CLAIM_STATUSES].sort()).toEqual([...STATUSES].sort());
    expect(CLAIM_TRANSITIONS.map((t) => t.name).sort()).toEqual([...TRANSITIONS].sort());
  });

  it.each(matrix)("$status × $name → $expected", ({ status, name, expected }) => {
    const check = checkTransition(status, name);
    expect(nextStatus(status, name)).toBe(expected);
    if (expected === null) {
      expect(check.ok).toBe(false);
      if (check.ok) return;
      // The refusal is a sentence naming the current state, not a code.
      expect(check.reason).toMatch(/^A claim that is .+ cannot be .+; it must be .+ first\.$/);
      expect(check.reason).toContain(describeStatus(status).toLowerCase());
      expect(check.reason).not.toMatch(/[A-Z]{2,}_?[A-Z]*/); // no raw status codes like IN_REVIEW
    } else {
      expect(check.ok).toBe(true);
      if (!check.ok) return;
      expect(check.transition.name).toBe(name);
      expect(check.transition.to).toBe(expected);
    }
  });

  it("allows exactly as many (status, transition) pairs as the expected table", () => {
    const allowed = matrix.filter(({ status, name }) => checkTransition(status, name).ok).length;
    const expectedCount = Object.values(EXPECTED).reduce((n, row) => n + Object.keys(row).length, 0);
    expect(allowed).toBe(expectedCount);
    expect(expectedCount).toBe(17);
  });

  it("asks for a reason exactly when returning a verdict, reopening or retracting a published claim", () => {
    const needsReason = CLAIM_TRANSITIONS.filter((t) => t.needsReason).map((t) => t.name).sort();
    expect(needsReason).toEqual(["reopen", "retract", "return"]);
  });

  it("gives reviewer steps to the assignee, the pool to the reviewer themself and desk steps to editors", () => {
    const by = Object.fromEntries(CLAIM_TRANSITIONS.map((t) => [t.name, t.by]));
    expect(by).toEqual({
      accept: "EDITOR",
      assign: "EDITOR",
      take: "SELF",
      unassign: "EDITOR",
      startReview: "ASSIGNEE",
      propose: "ASSIGNEE",
      approve: "EDITOR",
      return: "EDITOR",
      publish: "EDITOR",
      reopen: "EDITOR",
      reject: "EDITOR",
      restore: "EDITOR",
      retract: "EDITOR",
    });
  });

  it("moves claims only along the edges of DESIGN.md §3 (plus suggestion review and unassigning)", () => {
    const edges = new Set(matrix.filter((m) => m.expected !== null).map((m) => `${m.status}→${m.expected}`));
    expect([...edges].sort()).toEqual(
      [
        // the review workflow of §3
        "NEW→ASSIGNED",
        "ASSIGNED→IN_REVIEW",
        "IN_REVIEW→PROPOSED",
        "PROPOSED→APPROVED",
        "APPROVED→PUBLISHED",
        "PROPOSED→RETURNED",
        "RETURNED→IN_REVIEW",
        "PUBLISHED→REOPENED",
        "REOPENED→IN_REVIEW",
        // unpublishing leaves a public retraction notice; a retracted claim may be reopened
        "PUBLISHED→RETRACTED",
        "RETRACTED→REOPENED",
        // suggestions that are not claims, and an editor taking an assignment back
        "SUGGESTED→NEW",
        "SUGGESTED→REJECTED",
        "NEW→REJECTED",
        "REJECTED→SUGGESTED",
        "ASSIGNED→NEW",
      ].sort(),
    );
    // A published verdict is final until reopened or retracted: nothing else leaves PUBLISHED, nothing skips review.
    expect(matrix.filter((m) => m.status === "PUBLISHED" && m.expected !== null).map((m) => m.name)).toEqual(["reopen", "retract"]);
    expect(matrix.filter((m) => m.expected === "PROPOSED").map((m) => m.status)).toEqual(["IN_REVIEW"]);
    expect(matrix.filter((m) => m.expected === "PUBLISHED").map((m) => m.status)).toEqual(["APPROVED"]);
  });

  it("tells the user what state is required in the refusal", () => {
    const check = checkTransition("NEW", "publish");
    expect(check).toEqual({
      ok: false,
      reason: "A claim that is new cannot be published; it must be approved first.",
    });
    const check2 = checkTransition("APPROVED", "startReview");
    expect(check2.ok).toBe(false);
    if (!check2.ok) expect(check2.reason).toContain("assigned or returned or reopened");
  });

  it("recognises status strings", () => {
    expect(isClaimStatus("IN_REVIEW")).toBe(true);
    expect(isClaimStatus("in_review")).toBe(false);
    expect(isClaimStatus("DELETED")).toBe(false);
    expect(isClaimStatus("")).toBe(false);
  });
});
