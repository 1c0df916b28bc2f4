import { describe, expect, it } from "vitest";
import { CLAIM_STATUSES } from "./claim-status";
import { allHaveProposed, isBlindFor, isBlindStatus, planReviewers, requiredProposers } from "./double-review";

describe("blind phase", () => {
  it("is the review stage only", () => {
    expect(CLAIM_STATUSES.filter(isBlindStatus)).toEqual(["ASSIGNED", "IN_REVIEW", "RETURNED", "REOPENED"]);
  });

  it("applies to the claim's two reviewers, not to others or single-review claims", () => {
    const claim = { status: "IN_REVIEW", reviewers: [{ userId: "a" }, { userId: "b" }] };
    expect(isBlindFor("a", claim)).toBe(true);
    expect(isBlindFor("b", claim)).toBe(true);
    expect(isBlindFor("editor", claim)).toBe(false);
    expect(isBlindFor("a", { ...claim, status: "PROPOSED" })).toBe(false);
    expect(isBlindFor("a", { status: "IN_REVIEW", reviewers: [] })).toBe(false);
  });
});

describe("required proposers", () => {
  it("are the assignee for a single review and both slots for a double review", () => {
    expect(requiredProposers({ assigneeId: "a", reviewers: [] })).toEqual(["a"]);
    expect(requiredProposers({ assigneeId: "a", reviewers: [{ userId: "a" }, { userId: "b" }] })).toEqual(["a", "b"]);
    expect(requiredProposers({ assigneeId: null, reviewers: [] })).toEqual([]);
  });

  it("count as done only when every one of them has proposed", () => {
    expect(allHaveProposed(["a", "b"], ["a"])).toBe(false);
    expect(allHaveProposed(["a", "b"], ["b", "a"])).toBe(true);
    expect(allHaveProposed(["a"], ["x"])).toBe(false);
    expect(allHaveProposed([], [])).toBe(false);
  });
});

describe("planReviewers", () => {
  it("makes slots 1 and 2 for a second reviewer distinct from the first", () => {
    expect(planReviewers("a", "b", null)).toEqual({ ok: true, reviewers: [{ slot: 1, userId: "a" }, { slot: 2, userId: "b" }] });
  });

  it("keeps the current second reviewer when none is given, and drops it for an explicit none", () => {
    expect(planReviewers("c", undefined, "b")).toEqual({ ok: true, reviewers: [{ slot: 1, userId: "c" }, { slot: 2, userId: "b" }] });
    expect(planReviewers("a", null, "b")).toEqual({ ok: true, reviewers: [] });
    expect(planReviewers("a", undefined, null)).toEqual({ ok: true, reviewers: [] });
  });

  it("refuses the same person twice and a second reviewer without a first", () => {
    expect(planReviewers("a", "a", null)).toMatchObject({ ok: false, field: "secondReviewerId" });
    expect(planReviewers("b", undefined, "b")).toMatchObject({ ok: false, field: "secondReviewerId" });
    expect(planReviewers(null, "b", null)).toMatchObject({ ok: false, field: "secondReviewerId" });
    // Unassigning a double-reviewed claim ends the double review.
    expect(planReviewers(null, undefined, "b")).toEqual({ ok: true, reviewers: [] });
  });
});
