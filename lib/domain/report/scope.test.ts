import { describe, expect, it } from "vitest";
import { DEFAULT_VERDICT_SCALE } from "../verdict-scale";
import { describeClaimListFilters } from "./scope";

describe("describeClaimListFilters", () => {
  it("names each filter the claim list adds, in a fixed order", () => {
    expect(describeClaimListFilters({ q: "budget cuts", due: "within", dueWithinDays: 3, priority: "URGENT", verdict: "FALSE" }, DEFAULT_VERDICT_SCALE)).toEqual([
      "Current verdict: False",
      "Priority: Urgent",
      "Due within the next 3 days",
      "Claim text contains: budget cuts",
    ]);
  });

  it("says 'none yet' for claims without a verdict, keeps unknown rating keys, and is empty without filters", () => {
    expect(describeClaimListFilters({ verdict: "none", due: "overdue" }, DEFAULT_VERDICT_SCALE)).toEqual([
      "Current verdict: none yet",
      "Overdue (past the due date, not finished)",
    ]);
    expect(describeClaimListFilters({ verdict: "RETIRED_KEY" }, DEFAULT_VERDICT_SCALE)).toEqual(["Current verdict: RETIRED_KEY"]);
    expect(describeClaimListFilters({}, DEFAULT_VERDICT_SCALE)).toEqual([]);
  });
});
