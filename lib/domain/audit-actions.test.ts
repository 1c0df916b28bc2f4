import { describe, expect, it } from "vitest";
import { describeAction, describeChanges, formatChange, KNOWN_ACTIONS } from "./audit-actions";

const lines = (before: unknown, after: unknown) =>
  describeChanges(before === null ? null : JSON.stringify(before), after === null ? null : JSON.stringify(after)).map(formatChange);

describe("audit events for people", () => {
  it("names every action the workflow records", () => {
    for (const action of ["claim.assign", "claim.take", "claim.reopen", "verdict.superseded", "claim.startReview", "setting.update"]) {
      expect(KNOWN_ACTIONS).toContain(action);
      expect(describeAction(action)).not.toBe(action);
    }
    expect(describeAction("something.new")).toBe("something.new");
  });

  it("shows an assignment change as names and labels, before → after, without ids", () => {
    const before = { status: "ASSIGNED", assigneeId: "u1", priority: "NORMAL", dueAt: null, assignee: "Rita Reviewer" };
    const after = { status: "ASSIGNED", assigneeId: "u2", priority: "URGENT", dueAt: "2026-09-01T23:59:59.000Z", assignee: "Ravi Reviewer" };
    expect(lines(before, after)).toEqual(["priority: Normal → Urgent", "due date: — → 2026-09-01", "assignee: Rita Reviewer → Ravi Reviewer"]);
  });

  it("shows status moves with their labels and keeps reasons", () => {
    expect(lines({ status: "PUBLISHED" }, { status: "REOPENED", reason: "New figures were released." })).toEqual([
      "status: Published → Reopened",
      "reason: New figures were released.",
    ]);
    expect(lines({ state: "PUBLISHED" }, { state: "SUPERSEDED" })).toEqual(["state: Published → Superseded"]);
  });

  it("shows what was created or removed on one side only", () => {
    expect(lines(null, { rating: "FALSE", label: "False", verdictId: "v1" })).toEqual(["rating: FALSE", "verdict: False"]);
    expect(lines({ url: "https://example.org/a", stance: "REFUTES" }, null)).toEqual(["url: https://example.org/a → —", "stance: REFUTES → —"]);
  });

  it("shortens long values and survives malformed JSON", () => {
    const [line] = lines(null, { rationale: "x".repeat(500) });
    expect(line!.length).toBeLessThan(200);
    expect(line!.endsWith("…")).toBe(true);
    expect(describeChanges("not json", null)).toEqual([{ field: "value", label: "value", before: "not json", after: null }]);
    expect(describeChanges(null, null)).toEqual([]);
  });
});
